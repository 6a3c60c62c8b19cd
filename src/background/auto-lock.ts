// When a passphrase vault locks by itself. "Idle" is time since the last request from a Lanyard
// page: every such request moves one alarm forward, and the alarm locks. An alarm, not a timer, so
// a stopped worker is woken for it (docs/toolchain.md "Idle and alarms"). A browser restart always locks,
// because the key lives only in storage.session; "never" therefore means "only at browser restart".
import type { LockSettings } from '../shared/lock-and-alerts.ts'
import { items, readItem } from '../shared/storage.ts'
import type { SystemIdleState } from './browser.ts'
import type { WorkerContext } from './context.ts'
import { endEveryActAs } from './features/act-as.ts'
import { endAllTabIdentities } from './tab-identity/end-all.ts'
import { lock, lockStatus, type LockDeps } from './vault-lock.ts'

export const AUTO_LOCK_ALARM = 'auto-lock'

/** When the idle alarm should fire after activity at `now`; `null`: no idle lock. */
export function idleLockAt(settings: LockSettings, now: number): number | null {
  return settings.idleMinutes === null ? null : now + settings.idleMinutes * 60_000
}

export function locksOnSystemState(settings: LockSettings, state: SystemIdleState): boolean {
  return state === 'locked' && settings.onSystemLock
}

/** The lock's view of the worker context. */
export function lockDeps(ctx: WorkerContext): LockDeps {
  return {
    areas: ctx.areas,
    device: ctx.deviceKey,
    serialize: ctx.serialize,
    newId: ctx.newId,
    now: ctx.now,
    endLentIdentities: () => endAllTabIdentities(ctx),
  }
}

/**
 * Use of Lanyard: moves the idle lock forward. Only an unlocked passphrase vault has one; the
 * alarm is cleared otherwise, so a stale one never locks a vault unlocked later. Serialized, so
 * the touch of a request that arrived before an unlock cannot land after the unlock's own.
 */
export function touchAutoLock(ctx: WorkerContext): Promise<void> {
  return ctx.serialize(async () => {
    const [status, settings] = await Promise.all([lockStatus(lockDeps(ctx)), readItem(ctx.areas, items.lockSettings)])
    const at = status.passphraseSet && !status.locked ? idleLockAt(settings, ctx.now()) : null
    if (at === null) await ctx.browser.alarms.clear(AUTO_LOCK_ALARM)
    else await ctx.browser.alarms.create(AUTO_LOCK_ALARM, { when: at })
  })
}

/** Locks if a passphrase is set and the vault is open; the answer to the alarm, the system lock and the command. */
export async function autoLock(ctx: WorkerContext): Promise<void> {
  const status = await lockStatus(lockDeps(ctx))
  if (status.passphraseSet && !status.locked) {
    await lock(lockDeps(ctx))
    await endEveryActAs(ctx)
  }
  await ctx.browser.alarms.clear(AUTO_LOCK_ALARM)
}

export async function onSystemIdleState(ctx: WorkerContext, state: SystemIdleState): Promise<void> {
  if (locksOnSystemState(await readItem(ctx.areas, items.lockSettings), state)) await autoLock(ctx)
}
