// The passphrase lock (issue 5) in the built extension: secrets sealed under the passphrase, a lock
// that leaves nothing secret readable from storage (not even with the device key), a growing wait
// after wrong passphrases that survives a worker restart, auto-lock by alarm across a worker stop,
// and a passphrase change cut off by a worker stop at many moments, losing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { ErrorReply } from '../harness/extension.ts'
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy.ts'
import { sessionSecretOf, TEST_PASSWORD } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { allStorage, deviceKeyOpens, vaultRecords } from './lock-support.ts'

const FIRST = 'first passphrase 1'

describe('passphrase lock', () => {
  let world: World
  let proxy: RecordingProxy
  let project: Project
  let accounts: AccountSummary[]
  let passphrase = FIRST

  const storage = (area: 'local' | 'session') => world.ext.readStorage(area)
  /** Every session the server handed Lanyard, in both forms, and the password. */
  const secrets = () => [TEST_PASSWORD, ...proxy.sessions(), ...proxy.sessions().map(sessionSecretOf)]

  async function expectNoPlainSecret() {
    const text = await allStorage(storage)
    for (const secret of secrets()) expect(text).not.toContain(secret)
  }

  /** Every account's held session still works: the server answers as that user. */
  async function expectSessionsWork() {
    for (const account of accounts) {
      const snapshot = await world.ext.call('refresh', { accountId: account.id })
      expect(snapshot.account?.$id).toBe(account.userId)
    }
  }

  async function errorOf(promise: Promise<unknown>) {
    const error = await promise.then(() => null, (e: unknown) => e)
    if (!(error instanceof ErrorReply)) throw new Error(`expected an error reply, got ${String(error)}`)
    return error.data
  }

  beforeAll(async () => {
    world = await startWorld(alphaConfig([seedUser('alice'), seedUser('bob')]))
    proxy = await startRecordingProxy(world.server.endpoint)
    project = await world.ext.call('addProject', { endpoint: proxy.endpoint, projectId: 'alpha' })
    accounts = [await world.signInWithPassword(project, 'alice@example.test'), await world.signInWithPassword(project, 'bob@example.test')]
  })
  afterAll(async () => {
    await world?.close()
    await proxy?.close()
  })

  it('setting a passphrase re-seals every secret under it: the device key alone opens none any more', async () => {
    const before = vaultRecords(await storage('local'))
    expect(before).toHaveLength(2)
    // Control: without a passphrase, the device key does open them, so the check below means something.
    expect(await deviceKeyOpens(world.ext.page, before)).toEqual([true, true])
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })

    await expect(world.ext.call('setPassphrase', { passphrase: 'short' })).rejects.toThrow(/at least 8 characters/)
    await world.ext.call('setPassphrase', { passphrase })
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    const after = vaultRecords(await storage('local'))
    expect(after.map((r) => r.accountId).sort()).toEqual(accounts.map((a) => a.id).sort())
    expect(await deviceKeyOpens(world.ext.page, after)).toEqual([false, false])
    await expectNoPlainSecret()
    await expectSessionsWork()
  })

  it('locked: nothing secret is readable from storage, snapshots are hidden, and every session request is refused', async () => {
    await world.ext.call('lock')
    const local = await storage('local')
    expect(local.vaultLocked).toBe(true)
    for (const account of accounts) {
      expect(local[`snapshot:${account.id}`]).toBeNull()
      expect(local[`snapshotLogs:${account.id}`]).toBeNull()
    }
    expect(await storage('session')).not.toHaveProperty('unlockedKey')
    expect(await deviceKeyOpens(world.ext.page, vaultRecords(local))).toEqual([false, false])
    await expectNoPlainSecret()
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(await errorOf(world.ext.call('refresh', { accountId: accounts[0]!.id }))).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(await errorOf(world.ext.call('getActivity', { accountId: accounts[0]!.id }))).toMatchObject({ type: 'lanyard_locked' })
    // A stopped worker wakes up locked too.
    await world.ext.stopWorker()
    expect(await errorOf(world.ext.call('listLogs', { accountId: accounts[1]!.id, offset: 0, limit: 5 }))).toMatchObject({ type: 'lanyard_locked' })
  })

  it('a wrong passphrase gets a clear error; repeated ones a growing wait that a worker restart does not reset', async () => {
    const wrong = await errorOf(world.ext.call('unlock', { passphrase: 'not it at all' }))
    expect(wrong).toMatchObject({ type: 'lanyard_wrong_passphrase', message: 'That passphrase is not correct.' })
    // Two more free tries, then each failure waits twice as long: wait out each wait, up to 5 failures.
    let failures = 1
    while (failures < 5) {
      const error = await errorOf(world.ext.call('unlock', { passphrase: 'still not it' }))
      if (error.type === 'lanyard_unlock_throttled') await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs))
      else failures++
    }
    expect((await storage('local')).unlockFailures).toMatchObject({ count: 5 })
    await world.ext.stopWorker()
    // Even the right passphrase must wait now (4 s after the 5th failure).
    const throttled = await errorOf(world.ext.call('unlock', { passphrase }))
    expect(throttled).toMatchObject({ type: 'lanyard_unlock_throttled', code: 429 })
    expect(throttled.retryAfterMs).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, throttled.retryAfterMs))
    await world.ext.call('unlock', { passphrase })
    expect((await storage('local')).unlockFailures).toMatchObject({ count: 0 })
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    await expectSessionsWork()
  })

  it('auto-locks after the idle interval by alarm, with the worker stopped meanwhile', async () => {
    // Three seconds: the real message, with a number below the offered choices (alarms in an
    // unpacked extension take it, docs/toolchain.md section 3).
    await world.ext.call('setLockSettings', { idleMinutes: 0.05, onSystemLock: true })
    await world.ext.stopWorker()
    await expect.poll(async () => (await storage('local')).vaultLocked, { timeout: 30_000, interval: 250 }).toBe(true)
    expect(await storage('session')).not.toHaveProperty('unlockedKey')
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    await world.ext.call('setLockSettings', { idleMinutes: 15, onSystemLock: true })
    await world.ext.call('unlock', { passphrase })
  })

  it('a passphrase change cut off by a worker stop at any moment leaves the old or the new passphrase working, and loses nothing', async () => {
    const stopAfterMs = [0, 40, 120, 250, 400, 600, 900, 1300]
    const outcomes: string[] = []
    for (const [round, delay] of stopAfterMs.entries()) {
      const next = `passphrase round ${round}`
      const pending = world.ext.send('changePassphrase', { current: passphrase, next }).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, delay))
      await world.ext.stopWorker()
      await pending

      const withNew = await world.ext.send('unlock', { passphrase: next })
      if (withNew.ok) {
        outcomes.push('new')
        expect(await errorOf(world.ext.call('unlock', { passphrase }))).toMatchObject({ type: 'lanyard_wrong_passphrase' })
        passphrase = next
      } else {
        expect(withNew.error.type).toBe('lanyard_wrong_passphrase')
        await world.ext.call('unlock', { passphrase })
        outcomes.push('old')
      }
      await world.ext.call('unlock', { passphrase })
      await expectSessionsWork()
      const records = vaultRecords(await storage('local'))
      expect(new Set(records.map((r) => r.accountId))).toEqual(new Set(accounts.map((a) => a.id)))
      await expectNoPlainSecret()
    }
    // Both outcomes are correct; the test only requires that each round ended in one of them.
    expect(outcomes).toHaveLength(stopAfterMs.length)
  })

  it('removing the passphrase puts the secrets back under the device key, and lock is refused', async () => {
    expect(await errorOf(world.ext.call('removePassphrase', { current: 'wrong one here' }))).toMatchObject({ type: 'lanyard_wrong_passphrase' })
    await world.ext.call('removePassphrase', { current: passphrase })
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
    const records = vaultRecords(await storage('local'))
    expect(await deviceKeyOpens(world.ext.page, records)).toEqual(records.map(() => true))
    expect(await errorOf(world.ext.call('lock'))).toMatchObject({ type: 'lanyard_no_passphrase' })
    await world.ext.stopWorker()
    await expectSessionsWork()
  })
})
