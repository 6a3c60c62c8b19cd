// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { envelope, type AccountSummary, type Project } from '../../shared/protocol.ts'
import { items, type VaultState } from '../../shared/storage.ts'
import { AUTO_LOCK_ALARM } from '../auto-lock.ts'
import { DEMO_PASSWORD, demoWorld, type WorkerWorld } from '../testing/worker-world.ts'
import { LOCK_COMMAND } from './lock.ts'

// PBKDF2 runs 600,000 iterations per derivation: tests that derive several times get more time.
vi.setConfig({ testTimeout: 30_000 })

const PASSPHRASE = 'correct horse battery'
const OTHER_PASSPHRASE = 'staple paperclip lamp'
const WRONG = 'not the passphrase'
const MINUTE = 60_000
const START = 1_700_000_000_000

/** Lanyard's clock: the throttle and the idle alarm are read against it. */
let clock = START
let world: WorkerWorld
let project: Project
beforeEach(async () => {
  clock = START
  ;({ world, project } = await demoWorld({ now: () => clock }))
})
afterEach(() => world.close())

function vaultState(): VaultState {
  return world.stored.item(items.vaultState) as VaultState
}

async function signInAda(): Promise<AccountSummary> {
  return world.signIn(project, 'ada@example.com')
}

/** A signed-in account behind a passphrase, unlocked. */
async function withPassphrase(): Promise<AccountSummary> {
  const ada = await signInAda()
  await world.call('setPassphrase', { passphrase: PASSPHRASE })
  await world.spine.idle()
  return ada
}

describe('lock: getLockStatus and setPassphrase', () => {
  it('starts with no passphrase and unlocked; lock and unlock name the missing passphrase', async () => {
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
    expect(await world.failure('lock')).toMatchObject({ type: 'lanyard_no_passphrase', code: 409 })
    expect(await world.failure('unlock', { passphrase: PASSPHRASE })).toMatchObject({ type: 'lanyard_no_passphrase', code: 409 })
    expect(world.stored.item(items.vaultLocked)).toBeUndefined()
  })

  it('refuses a passphrase shorter than 8 characters (counted as characters, not UTF-16 units) and keeps the device key', async () => {
    const ada = await signInAda()
    const before = world.stored.secrets()
    const state = world.stored.item(items.vaultState)
    expect(await world.failure('setPassphrase', { passphrase: 'seven77' })).toMatchObject({ type: 'lanyard_weak_passphrase', code: 400 })
    // Seven emoji are fourteen UTF-16 units, yet seven characters.
    expect(await world.failure('setPassphrase', { passphrase: '🔑'.repeat(7) })).toMatchObject({ type: 'lanyard_weak_passphrase' })
    expect(world.stored.secrets()).toEqual(before)
    expect(Object.values(before).map((s) => s.keySource)).toEqual(['device'])
    expect(world.stored.item(items.vaultState)).toEqual(state)
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
    expect((await world.call('refresh', { accountId: ada.id })).accountId).toBe(ada.id)
  })

  it('seals every secret under the passphrase in a new generation, leaves the vault open, answers the offer and arms the idle lock', async () => {
    const ada = await signInAda()
    const grace = await world.signIn(project, 'grace@example.com')
    expect(Object.keys(world.stored.secrets()).sort()).toEqual([`vault:initial:${ada.id}`, `vault:initial:${grace.id}`].sort())

    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    await world.spine.idle()

    const state = vaultState()
    expect(state.protection).toMatchObject({ kind: 'passphrase', kdf: { name: 'PBKDF2-SHA256', iterations: 600_000 } })
    expect(state.generation).not.toBe('initial')
    const records = world.stored.secrets()
    expect(Object.keys(records).sort()).toEqual([`vault:${state.generation}:${ada.id}`, `vault:${state.generation}:${grace.id}`].sort())
    expect(Object.values(records).map((s) => s.keySource)).toEqual(['passphrase', 'passphrase'])
    expect(world.stored.item(items.unlockedKey)).toMatchObject({ generation: state.generation })
    expect(world.stored.item(items.passphraseOfferDone)).toBe(true)
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    expect(world.fake.state.alarms.get(AUTO_LOCK_ALARM)).toEqual({ when: START + 15 * MINUTE })
    // The sessions still work through the new key.
    expect((await world.call('refresh', { accountId: grace.id })).account?.email).toBe('grace@example.com')
  })

  it('refuses to set a second passphrase over the first', async () => {
    await withPassphrase()
    const generation = vaultState().generation
    expect(await world.failure('setPassphrase', { passphrase: OTHER_PASSPHRASE })).toMatchObject({ type: 'lanyard_passphrase_set', code: 409 })
    expect(vaultState().generation).toBe(generation)
  })
})

describe('lock: lock', () => {
  it('hides every snapshot (null), marks the vault locked, drops the key and the idle alarm', async () => {
    const ada = await signInAda()
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    expect(world.stored.snapshot(ada.id)).not.toBeNull()

    await world.call('lock')
    await world.spine.idle()

    expect(world.stored.snapshot(ada.id)).toBeNull()
    expect(world.stored.snapshot(grace.id)).toBeNull()
    expect(world.stored.item(items.vaultLocked)).toBe(true)
    expect(world.stored.item(items.unlockedKey)).toBeUndefined()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    // The sealed secrets stay: only the key is gone.
    expect(Object.keys(world.stored.secrets())).toHaveLength(2)
  })

  it('answers lanyard_locked (423) to requests that need a session, and writes no snapshot meanwhile', async () => {
    const ada = await withPassphrase()
    await world.call('lock')
    for (const [name, input] of [
      ['refresh', { accountId: ada.id }],
      ['revokeOtherSessions', { accountId: ada.id }],
      ['updatePrefs', { accountId: ada.id, prefs: { theme: 'light' } }],
      ['listLogs', { accountId: ada.id, offset: 0, limit: 5 }],
    ] as const) {
      expect(await world.failure(name, input as never), name).toMatchObject({ type: 'lanyard_locked', code: 423 })
    }
    expect(world.stored.snapshot(ada.id)).toBeNull()
    // The account is not mistaken for signed out.
    expect(world.stored.accounts()?.[0]?.status).toBe('signedIn')
  })

  it('a sign-in while locked answers lanyard_locked and stores no account', async () => {
    await withPassphrase()
    await world.call('lock')
    const error = await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'grace@example.com', password: DEMO_PASSWORD })
    expect(error).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(world.stored.accounts()?.map((a) => a.email)).toEqual(['ada@example.com'])
  })

  it('a locked vault is still locked in a woken worker', async () => {
    const ada = await withPassphrase()
    await world.call('lock')
    const woken = world.restartWorker()
    expect(await woken.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(await woken.failure('refresh', { accountId: ada.id })).toMatchObject({ type: 'lanyard_locked' })
  })
})

describe('lock: unlock', () => {
  it('answers lanyard_wrong_passphrase (401) to a wrong passphrase, counts the failure, and stays locked', async () => {
    await withPassphrase()
    await world.call('lock')
    const error = await world.failure('unlock', { passphrase: WRONG })
    expect(error).toMatchObject({ type: 'lanyard_wrong_passphrase', code: 401 })
    expect(error).not.toHaveProperty('retryAfterMs')
    expect(world.stored.item(items.unlockFailures)).toEqual({ count: 1, lastFailureAt: START })
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
  })

  it('throttles after three wrong passphrases (429 with retryAfterMs), also in a restarted worker and for the right passphrase, until the wait is over', async () => {
    await withPassphrase()
    await world.call('lock')
    expect(await world.failure('unlock', { passphrase: WRONG })).not.toHaveProperty('retryAfterMs')
    expect(await world.failure('unlock', { passphrase: WRONG })).not.toHaveProperty('retryAfterMs')
    // The third failure already names the wait that follows.
    expect(await world.failure('unlock', { passphrase: WRONG })).toMatchObject({ type: 'lanyard_wrong_passphrase', code: 401, retryAfterMs: 1000 })
    expect(await world.failure('unlock', { passphrase: WRONG })).toMatchObject({ type: 'lanyard_unlock_throttled', code: 429, retryAfterMs: 1000 })

    const woken = world.restartWorker()
    clock += 400
    const throttled = await woken.failure('unlock', { passphrase: PASSPHRASE })
    expect(throttled).toMatchObject({ type: 'lanyard_unlock_throttled', code: 429, retryAfterMs: 600 })
    expect(throttled.message).toContain('1 s')
    // A throttled try is not another failure.
    expect(world.stored.item(items.unlockFailures)).toEqual({ count: 3, lastFailureAt: START })

    clock += 600
    await woken.call('unlock', { passphrase: PASSPHRASE })
    expect(await woken.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    expect(world.stored.item(items.unlockFailures)).toEqual({ count: 0, lastFailureAt: 0 })
  })

  it('the wait grows with each further failure: 1 s, then 2 s', async () => {
    await withPassphrase()
    await world.call('lock')
    for (let i = 0; i < 3; i++) await world.failure('unlock', { passphrase: WRONG })
    clock += 1000
    expect(await world.failure('unlock', { passphrase: WRONG })).toMatchObject({ type: 'lanyard_wrong_passphrase', retryAfterMs: 2000 })
    expect(world.stored.item(items.unlockFailures)).toEqual({ count: 4, lastFailureAt: START + 1000 })
  })

  it('opens the vault with the right passphrase, refetches the hidden snapshots and re-arms the idle lock', async () => {
    const ada = await withPassphrase()
    await world.call('lock')
    clock += 5 * MINUTE
    await world.call('unlock', { passphrase: PASSPHRASE })
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    expect(world.stored.item(items.vaultLocked)).toBe(false)
    expect(world.stored.item(items.unlockedKey)).toMatchObject({ generation: vaultState().generation })
    expect(world.fake.state.alarms.get(AUTO_LOCK_ALARM)).toEqual({ when: START + 20 * MINUTE })
    await vi.waitFor(() => expect(world.stored.snapshot(ada.id)).toMatchObject({ accountId: ada.id, account: { email: 'ada@example.com' } }))
    expect((await world.call('refresh', { accountId: ada.id })).account?.$id).toBe('ada')
  })
})

describe('lock: changePassphrase and removePassphrase', () => {
  it('changePassphrase re-seals under a new generation: the old passphrase stops working, the new one unlocks', async () => {
    const ada = await withPassphrase()
    const before = vaultState()
    await world.call('changePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE })
    const after = vaultState()
    expect(after.generation).not.toBe(before.generation)
    expect(after.protection).toMatchObject({ kind: 'passphrase' })
    expect(Object.keys(world.stored.secrets())).toEqual([`vault:${after.generation}:${ada.id}`])
    expect(world.stored.secrets()[`vault:${after.generation}:${ada.id}`]?.keySource).toBe('passphrase')
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })

    await world.call('lock')
    expect(await world.failure('unlock', { passphrase: PASSPHRASE })).toMatchObject({ type: 'lanyard_wrong_passphrase' })
    await world.call('unlock', { passphrase: OTHER_PASSPHRASE })
    expect((await world.call('refresh', { accountId: ada.id })).account?.$id).toBe('ada')
  })

  it('changePassphrase refuses a too-short new passphrase and a wrong current one, and changes nothing', async () => {
    await withPassphrase()
    const before = vaultState()
    const records = world.stored.secrets()
    expect(await world.failure('changePassphrase', { current: PASSPHRASE, next: 'short' })).toMatchObject({ type: 'lanyard_weak_passphrase', code: 400 })
    expect(await world.failure('changePassphrase', { current: WRONG, next: OTHER_PASSPHRASE })).toMatchObject({ type: 'lanyard_wrong_passphrase', code: 401 })
    expect(vaultState()).toEqual(before)
    expect(world.stored.secrets()).toEqual(records)
    expect(world.stored.item(items.unlockFailures)).toEqual({ count: 1, lastFailureAt: START })
  })

  it('removePassphrase seals the secrets under the device key again, forgets the key and stops the idle lock', async () => {
    const ada = await withPassphrase()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(true)
    await world.call('removePassphrase', { current: PASSPHRASE })
    await world.spine.idle()
    const state = vaultState()
    expect(state.protection).toEqual({ kind: 'device' })
    expect(Object.keys(world.stored.secrets())).toEqual([`vault:${state.generation}:${ada.id}`])
    expect(Object.values(world.stored.secrets()).map((s) => s.keySource)).toEqual(['device'])
    expect(world.stored.item(items.unlockedKey)).toBeUndefined()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
    expect(await world.failure('lock')).toMatchObject({ type: 'lanyard_no_passphrase' })
    expect((await world.call('refresh', { accountId: ada.id })).account?.$id).toBe('ada')
  })

  it('removePassphrase keeps the passphrase when the current one is wrong, and needs one to be set', async () => {
    expect(await world.failure('removePassphrase', { current: PASSPHRASE })).toMatchObject({ type: 'lanyard_no_passphrase', code: 409 })
    await withPassphrase()
    expect(await world.failure('removePassphrase', { current: WRONG })).toMatchObject({ type: 'lanyard_wrong_passphrase', code: 401 })
    expect(vaultState().protection.kind).toBe('passphrase')
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
  })
})

describe('lock: offer and settings', () => {
  it('dismissPassphraseOffer records the answer without setting a passphrase', async () => {
    expect(world.stored.item(items.passphraseOfferDone)).toBeUndefined()
    await world.call('dismissPassphraseOffer')
    expect(world.stored.item(items.passphraseOfferDone)).toBe(true)
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
  })

  it('getLockAndAlertSettings answers the defaults, then what setLockSettings stored', async () => {
    expect(await world.call('getLockAndAlertSettings')).toEqual({
      lock: { idleMinutes: 15, onSystemLock: true },
      alerts: { intervalMinutes: 15, disabledAccountIds: [] },
    })
    expect(await world.call('setLockSettings', { idleMinutes: 5, onSystemLock: false })).toEqual({ idleMinutes: 5, onSystemLock: false })
    expect(world.stored.item(items.lockSettings)).toEqual({ idleMinutes: 5, onSystemLock: false })
    expect((await world.call('getLockAndAlertSettings')).lock).toEqual({ idleMinutes: 5, onSystemLock: false })
  })

  it('setLockSettings moves the idle alarm to the new delay, and "never" clears it', async () => {
    await withPassphrase()
    clock += MINUTE
    await world.call('setLockSettings', { idleMinutes: 5, onSystemLock: true })
    await world.spine.idle()
    expect(world.fake.state.alarms.get(AUTO_LOCK_ALARM)).toEqual({ when: START + 6 * MINUTE })
    await world.call('setLockSettings', { idleMinutes: null, onSystemLock: true })
    await world.spine.idle()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
  })

  it('setLockSettings without a passphrase arms no idle alarm', async () => {
    await world.call('setLockSettings', { idleMinutes: 1, onSystemLock: true })
    await world.spine.idle()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
  })

  it('refuses idle delays outside (0, 240] minutes', async () => {
    expect((await world.failure('setLockSettings', { idleMinutes: 0, onSystemLock: true })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('setLockSettings', { idleMinutes: 241, onSystemLock: true })).type).toBe('lanyard_invalid_input')
    expect(world.stored.item(items.lockSettings)).toBeUndefined()
  })
})

describe('lock: locking by itself', () => {
  it('the auto-lock alarm locks an open passphrase vault and hides the snapshots', async () => {
    const ada = await withPassphrase()
    world.fake.fire.alarm(AUTO_LOCK_ALARM)
    await world.spine.idle()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(world.stored.snapshot(ada.id)).toBeNull()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
  })

  it('the auto-lock alarm leaves a vault without a passphrase alone', async () => {
    const ada = await signInAda()
    world.fake.fire.alarm(AUTO_LOCK_ALARM)
    await world.spine.idle()
    expect(world.stored.item(items.vaultLocked)).toBeUndefined()
    expect(world.stored.snapshot(ada.id)).toMatchObject({ accountId: ada.id })
    expect((await world.call('refresh', { accountId: ada.id })).account?.$id).toBe('ada')
  })

  it('the lock-now command locks at once', async () => {
    expect(LOCK_COMMAND).toBe('lock-now')
    const ada = await withPassphrase()
    world.fake.fire.command('lock-now')
    await world.spine.idle()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(await world.failure('refresh', { accountId: ada.id })).toMatchObject({ type: 'lanyard_locked' })
  })

  it('the system screen lock locks when onSystemLock is on; going idle does not', async () => {
    await withPassphrase()
    world.fake.fire.idle('idle')
    await world.spine.idle()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    world.fake.fire.idle('locked')
    await world.spine.idle()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
  })

  it('the system screen lock leaves the vault open when onSystemLock is off', async () => {
    await withPassphrase()
    await world.call('setLockSettings', { idleMinutes: 15, onSystemLock: false })
    world.fake.fire.idle('locked')
    await world.spine.idle()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
  })

  it('a request from a Lanyard page moves the idle alarm forward; a stranger’s message does not', async () => {
    await withPassphrase()
    expect(world.fake.state.alarms.get(AUTO_LOCK_ALARM)).toEqual({ when: START + 15 * MINUTE })
    clock += 7 * MINUTE
    await world.call('getLockStatus')
    await world.spine.idle()
    expect(world.fake.state.alarms.get(AUTO_LOCK_ALARM)).toEqual({ when: START + 22 * MINUTE })

    clock += 3 * MINUTE
    const stranger = { id: 'someotherextensionid', url: 'https://evil.example/', frameId: 0 }
    expect(world.fake.sendMessage(envelope('getLockStatus', undefined), stranger)).toBeUndefined()
    await world.spine.idle()
    expect(world.fake.state.alarms.get(AUTO_LOCK_ALARM)).toEqual({ when: START + 22 * MINUTE })
  })

  it('a page request while locked arms no idle alarm', async () => {
    await withPassphrase()
    await world.call('lock')
    await world.call('getLockStatus')
    await world.spine.idle()
    expect(world.fake.state.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
  })
})

describe('lock: prepare', () => {
  it('after a browser restart a passphrase vault is locked, with its snapshots hidden, until unlocked', async () => {
    const ada = await withPassphrase()
    world.fake.restartBrowser()
    world.fake.fire.startup()
    await world.spine.idle()
    expect(world.stored.item(items.vaultLocked)).toBe(true)
    expect(world.stored.snapshot(ada.id)).toBeNull()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(await world.failure('refresh', { accountId: ada.id })).toMatchObject({ type: 'lanyard_locked', code: 423 })
    await world.call('unlock', { passphrase: PASSPHRASE })
    expect((await world.call('refresh', { accountId: ada.id })).account?.$id).toBe('ada')
  })

  it('a browser restart leaves a vault without a passphrase open', async () => {
    const ada = await signInAda()
    world.fake.restartBrowser()
    world.fake.fire.startup()
    await world.spine.idle()
    expect(world.stored.item(items.vaultLocked)).toBeUndefined()
    expect(world.stored.snapshot(ada.id)).toMatchObject({ accountId: ada.id })
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
  })

  it('an update (onInstalled) removes secret records of no current generation and keeps the current ones', async () => {
    const ada = await signInAda()
    const stray = { v: 1, keySource: 'device', iv: 'AAAA', ciphertext: 'AAAA' }
    await world.fake.browser.storage.local.set({ 'vault:stopped-change:someone': stray })
    world.fake.fire.installed()
    await world.spine.idle()
    expect(Object.keys(world.stored.secrets())).toEqual([`vault:initial:${ada.id}`])
  })
})
