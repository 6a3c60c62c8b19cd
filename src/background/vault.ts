// Session secrets at rest: AES-GCM-256 ciphertext in storage.local, under a key that never leaves
// WebCrypto. Without a passphrase the key is a non-extractable device key kept in the worker's
// IndexedDB (a CryptoKey is structured-cloneable, storage.local is JSON-only); with one, it is the
// key the passphrase derives (vault-lock.ts, which builds the `Vault` the worker uses).
// Each account's sealed record is bound to its id (AES-GCM additional data), so records cannot be swapped.
import type { SealedSecret, Write } from '../shared/storage.ts'
import { fromBase64, toBase64 } from './base64.ts'

export interface KeySource {
  /** Stored in each sealed record, to know which source can open it. */
  readonly name: string
  getKey(): Promise<CryptoKey>
}

/** What the vault keeps per account. */
export interface AccountSecret {
  /** The encoded session, `base64({"id","secret"})` (docs/appwrite/wire.md section 1.2). */
  session: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export async function seal(key: CryptoKey, keySource: string, accountId: string, plain: string): Promise<SealedSecret> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(accountId) },
    key,
    encoder.encode(plain),
  )
  return { v: 1, keySource, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) }
}

export async function unseal(key: CryptoKey, accountId: string, sealed: SealedSecret): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(accountId) },
    key,
    fromBase64(sealed.ciphertext),
  )
  return decoder.decode(plain)
}

export function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

const DB_NAME = 'lanyard-vault'
const STORE = 'keys'
const DEVICE_KEY_ID = 'device'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1)
  req.onupgradeneeded = () => req.result.createObjectStore(STORE)
  return request(req)
}

/**
 * The device key: created once, never extractable, kept in IndexedDB. Two first calls racing in one
 * worker share the same promise; `add` (not `put`) keeps the first key should two workers ever race.
 */
export function deviceKeySource(factory: IDBFactory = indexedDB): KeySource {
  let pending: Promise<CryptoKey> | undefined
  async function load(): Promise<CryptoKey> {
    const db = await openDb(factory)
    try {
      const existing = await request(db.transaction(STORE).objectStore(STORE).get(DEVICE_KEY_ID))
      if (existing instanceof CryptoKey) return existing
      const fresh = await generateDeviceKey()
      try {
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).add(fresh, DEVICE_KEY_ID))
        return fresh
      } catch {
        const winner = await request(db.transaction(STORE).objectStore(STORE).get(DEVICE_KEY_ID))
        if (winner instanceof CryptoKey) return winner
        throw new Error('The vault key could not be stored.')
      }
    } finally {
      db.close()
    }
  }
  return {
    name: 'device',
    getKey() {
      pending ??= load().catch((error: unknown) => {
        pending = undefined
        throw error
      })
      return pending
    },
  }
}

export interface Vault {
  /** The sealed record as a write, to be stored in the same call as the account it belongs to. */
  sealSecret(accountId: string, secret: AccountSecret): Promise<Write>
  /** `null` when the account holds no secret (signed out, or never signed in). Throws `lanyard_locked` while locked. */
  readSecret(accountId: string): Promise<AccountSecret | null>
  /** The secrets of those accounts that hold one, by account id. Throws `lanyard_locked` while locked. */
  readSecrets(accountIds: readonly string[]): Promise<Map<string, AccountSecret>>
  /** Removes the account's secret (signed out, account removed). */
  forgetSecret(accountId: string): Promise<void>
  /**
   * Seals other secret data (what a tab identity replaced) under the accounts' key, the passphrase
   * key when one is set, bound to `binding`. Throws `lanyard_locked` while locked.
   */
  sealData(binding: string, plain: string): Promise<SealedSecret>
  /** Opens what `sealData` sealed, with the key its record names. Throws `lanyard_locked` while locked. */
  openData(binding: string, sealed: SealedSecret): Promise<string>
}
