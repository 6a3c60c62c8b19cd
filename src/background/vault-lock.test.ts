import { describe, expect, it } from 'vitest'
import { snapshot, summary } from '../shared/testing/fixtures.ts'
import { items } from '../shared/storage.ts'
import { createSerializer } from './serialize.ts'
import { memoryStorage, WorkerStopped, type MemoryStorage } from './testing/memory-storage.ts'
import {
  changePassphrase,
  createLockableVault,
  lock,
  lockStatus,
  prepareVault,
  removePassphrase,
  setPassphrase,
  strayVaultKeys,
  unlock,
  type LockDeps,
} from './vault-lock.ts'
import { generateDeviceKey, type KeySource } from './vault.ts'

const sessionOf = (id: string) => btoa(JSON.stringify({ id, secret: `${id}-secret-`.repeat(8) }))
const accounts = ['acc1', 'acc2'].map((id) => summary({ id }))

async function deviceSource(): Promise<KeySource> {
  const key = await generateDeviceKey()
  return { name: 'device', getKey: async () => key }
}

/** A worker over `storage`: a new one per "restart", sharing the stored data and the device key. */
function worker(storage: MemoryStorage, device: KeySource, writesBeforeStop = Infinity) {
  const areas = storage.areas(writesBeforeStop)
  let ids = 0
  const deps: LockDeps = { areas, device, serialize: createSerializer(), newId: () => `gen${Date.now()}-${ids++}`, now: () => Date.now() }
  return { deps, vault: createLockableVault(areas, device) }
}

/** Two accounts signed in with the device key. */
async function signedInStorage(device: KeySource): Promise<MemoryStorage> {
  const storage = memoryStorage({ accounts, [items.snapshot('acc1').key]: snapshot({ accountId: 'acc1' }), [items.snapshot('acc2').key]: snapshot({ accountId: 'acc2' }) })
  const { deps, vault } = worker(storage, device)
  for (const a of accounts) {
    const sealed = await vault.sealSecret(a.id, { session: sessionOf(a.id) })
    await deps.areas.local.set({ [sealed.item.key]: sealed.value })
  }
  return storage
}

async function readAll(vault: ReturnType<typeof createLockableVault>) {
  return Promise.all(accounts.map(async (a) => (await vault.readSecret(a.id))?.session))
}

const stored = (storage: MemoryStorage) => JSON.stringify(storage.data)

describe('passphrase lock', () => {
  it('keeps secrets readable after a passphrase is set, and nothing secret in plain form in either storage area', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const { deps, vault } = worker(storage, device)
    await setPassphrase(deps, 'open sesame')
    expect(await lockStatus(deps)).toEqual({ passphraseSet: true, locked: false })
    expect(await readAll(vault)).toEqual(accounts.map((a) => sessionOf(a.id)))
    expect(stored(storage)).not.toContain('secret-')
    expect(stored(storage)).not.toContain(sessionOf('acc1'))
    expect(Object.keys(storage.data.local).filter((k) => k.startsWith('vault:'))).toHaveLength(2)
  })

  it('reads many secrets in one call, leaving out accounts that hold none, and refuses them all while locked', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const { deps, vault } = worker(storage, device)
    await setPassphrase(deps, 'open sesame')
    const found = await vault.readSecrets([...accounts.map((a) => a.id), 'never-signed-in'])
    expect([...found.entries()].map(([id, secret]) => [id, secret.session])).toEqual(accounts.map((a) => [a.id, sessionOf(a.id)]))
    await lock(deps)
    await expect(vault.readSecrets(accounts.map((a) => a.id))).rejects.toMatchObject({ data: { type: 'lanyard_locked' } })
  })

  it('when locked, refuses every secret and hides the snapshots; the right passphrase opens it again', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const { deps, vault } = worker(storage, device)
    await setPassphrase(deps, 'open sesame')
    await lock(deps)
    expect(await lockStatus(deps)).toEqual({ passphraseSet: true, locked: true })
    await expect(vault.readSecret('acc1')).rejects.toMatchObject({ data: { type: 'lanyard_locked' } })
    await expect(vault.sealSecret('acc1', { session: 'x' })).rejects.toMatchObject({ data: { type: 'lanyard_locked' } })
    expect(storage.data.local['snapshot:acc1']).toBeNull()
    // The server's log page names addresses and places too (src/shared/snapshot-record.ts).
    expect(storage.data.local['snapshotLogs:acc1']).toBeNull()
    expect(storage.data.local.vaultLocked).toBe(true)
    expect(storage.data.session).toEqual({})

    await unlock(deps, 'open sesame')
    expect(await readAll(vault)).toEqual(accounts.map((a) => sessionOf(a.id)))
    expect(storage.data.local.vaultLocked).toBe(false)
  })

  it('answers a wrong passphrase clearly and makes repeated failures wait, across a worker restart', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const first = worker(storage, device)
    await setPassphrase(first.deps, 'open sesame')
    await lock(first.deps)
    for (let i = 0; i < 3; i++) {
      await expect(unlock(first.deps, 'guess')).rejects.toMatchObject({ data: { type: 'lanyard_wrong_passphrase', message: 'That passphrase is not correct.' } })
    }
    const restarted = worker(storage, device)
    await expect(unlock(restarted.deps, 'open sesame')).rejects.toMatchObject({ data: { type: 'lanyard_unlock_throttled', code: 429 } })
    expect(await lockStatus(restarted.deps)).toEqual({ passphraseSet: true, locked: true })
  })

  it('counts 12 parallel wrong passphrases as if sequential: 3 failures, then the wait, and each failure stored before the derivation', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const { deps } = worker(storage, device)
    await setPassphrase(deps, 'open sesame')
    await lock(deps)
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => unlock(deps, 'guess')))
    const types = results.map((r) => (r.status === 'rejected' ? (r.reason as { data: { type: string } }).data.type : 'unlocked'))
    expect(types).toEqual([...Array<string>(3).fill('lanyard_wrong_passphrase'), ...Array<string>(9).fill('lanyard_unlock_throttled')])
    expect(storage.data.local.unlockFailures).toMatchObject({ count: 3 })
    const retryAfter = (results[2] as PromiseRejectedResult).reason as { data: { retryAfterMs?: number } }
    expect(retryAfter.data.retryAfterMs).toBeGreaterThan(500)

    // A worker stopped after the failure's write (during the derivation) keeps that try counted,
    // even for the right passphrase; the next right one clears it.
    storage.data.local.unlockFailures = { count: 0, lastFailureAt: 0 }
    const stopping = worker(storage, device, 1)
    await expect(unlock(stopping.deps, 'open sesame')).rejects.toBeInstanceOf(WorkerStopped)
    expect(storage.data.local.unlockFailures).toMatchObject({ count: 1 })
    await unlock(worker(storage, device).deps, 'open sesame')
    expect(storage.data.local.unlockFailures).toEqual({ count: 0, lastFailureAt: 0 })
  })

  it('locks a passphrase vault when the browser restarted (the session key is gone) and leaves a device vault open', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const { deps } = worker(storage, device)
    await setPassphrase(deps, 'open sesame')
    storage.restartBrowser()
    const restarted = worker(storage, device)
    await prepareVault(restarted.deps)
    expect(storage.data.local.vaultLocked).toBe(true)
    expect(storage.data.local['snapshot:acc2']).toBeNull()

    const plain = await signedInStorage(device)
    const plainWorker = worker(plain, device)
    await prepareVault(plainWorker.deps)
    expect(await lockStatus(plainWorker.deps)).toEqual({ passphraseSet: false, locked: false })
  })

  it('removes the passphrase: secrets go back under the device key and no lock remains', async () => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    const { deps } = worker(storage, device)
    await setPassphrase(deps, 'open sesame')
    await expect(removePassphrase(deps, 'nope')).rejects.toMatchObject({ data: { type: 'lanyard_wrong_passphrase' } })
    await removePassphrase(deps, 'open sesame')
    expect(await lockStatus(deps)).toEqual({ passphraseSet: false, locked: false })
    await expect(lock(deps)).rejects.toMatchObject({ data: { type: 'lanyard_no_passphrase' } })
    storage.restartBrowser()
    expect(await readAll(worker(storage, device).vault)).toEqual(accounts.map((a) => sessionOf(a.id)))
  })

  it('finds records of other generations as strays and keeps the current ones', () => {
    const keys = ['vault:acc1', 'vault:g1:acc1', 'vault:g2:acc1', 'snapshot:acc1', 'accounts']
    expect(strayVaultKeys(keys, 'g2')).toEqual(['vault:acc1', 'vault:g1:acc1'])
    expect(strayVaultKeys(keys, 'g1')).toEqual(['vault:acc1', 'vault:g2:acc1'])
  })
})

describe('changing the passphrase with the worker stopped at any write', () => {
  // The change makes 5 writes (the try's failure record, new records, session key, pointer, clean-up); stopping before each, and never, covers every moment.
  it.each([0, 1, 2, 3, 4, 5])('stopped before write %i leaves the old or the new passphrase opening every secret', async (writesBeforeStop) => {
    const device = await deviceSource()
    const storage = await signedInStorage(device)
    await setPassphrase(worker(storage, device).deps, 'old pass')

    const doomed = worker(storage, device, writesBeforeStop)
    const outcome = await changePassphrase(doomed.deps, 'old pass', 'new pass').then(
      () => 'finished',
      (error: unknown) => {
        if (!(error instanceof WorkerStopped)) throw error
        return 'stopped'
      },
    )
    expect(outcome).toBe(writesBeforeStop >= 5 ? 'finished' : 'stopped')

    storage.restartBrowser()
    const next = worker(storage, device)
    await prepareVault(next.deps)
    // Whichever state was left, one of the two passphrases opens it (a wrong try costs no wait yet).
    const opened = await unlock(next.deps, 'new pass').then(
      () => 'new',
      () => unlock(next.deps, 'old pass').then(() => 'old'),
    )
    expect(opened).toBe(writesBeforeStop >= 4 ? 'new' : 'old')
    expect(await readAll(next.vault)).toEqual(accounts.map((a) => sessionOf(a.id)))
    const state = await next.deps.areas.local.get(items.vaultState.key)
    const generation = (state.vaultState as { generation: string }).generation
    expect(strayVaultKeys(Object.keys(storage.data.local), generation)).toEqual([])
  })
})
