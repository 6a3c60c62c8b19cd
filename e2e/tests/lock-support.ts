// Helpers of the lock end-to-end tests: what an attacker with the profile's storage could try.
import type { Page } from 'playwright-core'
import { parseSecretKey } from '../../src/shared/storage.ts'

export interface SealedRecord {
  accountId: string
  sealed: { iv: string; ciphertext: string }
}

/** The secret records in storage.local (the registry's `vault:<generation>:<accountId>`), with the account each is bound to. */
export function vaultRecords(local: Record<string, unknown>): SealedRecord[] {
  return Object.entries(local).flatMap(([key, sealed]) => {
    const parsed = parseSecretKey(key)
    return parsed === null ? [] : [{ accountId: parsed.accountId, sealed: sealed as SealedRecord['sealed'] }]
  })
}

/** The accounts whose session the vault holds. */
export function heldSecretIds(local: Record<string, unknown>): string[] {
  return vaultRecords(local).map((record) => record.accountId)
}

/**
 * Tries to open each record with the device key, read from the extension's IndexedDB the way any
 * extension page (or anyone with the profile) could: true for each record it opens.
 */
export function deviceKeyOpens(page: Page, records: SealedRecord[]): Promise<boolean[]> {
  return page.evaluate(async (list) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('lanyard-vault')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'))
    })
    const key = await new Promise<CryptoKey>((resolve, reject) => {
      const request = db.transaction('keys').objectStore('keys').get('device')
      request.onsuccess = () => resolve(request.result as CryptoKey)
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'))
    })
    db.close()
    const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
    return Promise.all(
      list.map(async ({ accountId, sealed }) => {
        try {
          const params = { name: 'AES-GCM', iv: bytes(sealed.iv), additionalData: new TextEncoder().encode(accountId) }
          await crypto.subtle.decrypt(params, key, bytes(sealed.ciphertext))
          return true
        } catch {
          return false
        }
      }),
    )
  }, records)
}

/** Every text a leak could take in storage, both areas, as one string to search. */
export async function allStorage(read: (area: 'local' | 'session') => Promise<Record<string, unknown>>): Promise<string> {
  return JSON.stringify([await read('local'), await read('session')])
}
