// The passphrase lock's requests (issue 5): status, set, change, remove, lock, unlock, and when it locks by itself.
import type { Feature, Handlers } from '../spine.ts'
import type { LockSettings } from '../../shared/lock-and-alerts.ts'
import { items, readItems, write, writeItems } from '../../shared/storage.ts'
import { loadAccounts } from '../accounts.ts'
import { endEveryActAs } from './act-as.ts'
import { AUTO_LOCK_ALARM, autoLock, lockDeps, onSystemIdleState, touchAutoLock } from '../auto-lock.ts'
import type { WorkerContext } from '../context.ts'
import { WorkerError } from '../errors.ts'
import { mapBounded } from '../parallel.ts'
import { refreshAccount } from '../refresh.ts'
import { retryPendingSignOuts } from '../pending-sign-outs.ts'
import { restoreEveryRecord } from '../tab-identity/lifecycle.ts'
import { changePassphrase, lock, lockStatus, prepareVault, removePassphrase, resetVault, setPassphrase, unlock } from '../vault-lock.ts'
import { signOut } from './accounts.ts'

/** A floor, not a policy: below it, PBKDF2's cost alone would be all that slows a guesser with the profile. */
export const MIN_PASSPHRASE_LENGTH = 8
/** The keyboard shortcut that locks at once (manifest.json `commands`). */
export const LOCK_COMMAND = 'lock-now'
const REFRESH_CONCURRENCY = 8

function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new WorkerError({
      type: 'lanyard_weak_passphrase',
      code: 400,
      message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters for the passphrase.`,
    })
  }
}

/** Snapshots were hidden by the lock: fetch them again. Failures are on each snapshot already. */
async function refreshAll(ctx: WorkerContext): Promise<void> {
  const accounts = (await loadAccounts(ctx)).filter((a) => a.status !== 'signedOut')
  await mapBounded(accounts, REFRESH_CONCURRENCY, (a) => refreshAccount(ctx, a.id))
}

export async function saveLockSettings(ctx: WorkerContext, settings: LockSettings): Promise<LockSettings> {
  await writeItems(ctx.areas, [write(items.lockSettings, settings)])
  await touchAutoLock(ctx)
  return settings
}

/** Signs every account out where the vault can open its session, then empties the vault (resetVault). */
async function resetLanyard(ctx: WorkerContext): Promise<{ accounts: number; signedOutOnServer: number }> {
  const accounts = await loadAccounts(ctx)
  const { locked } = await lockStatus(lockDeps(ctx))
  const held = locked ? [] : accounts.filter((a) => a.status !== 'signedOut')
  const results = await mapBounded(held, REFRESH_CONCURRENCY, (a) => signOut(ctx, a.id))
  await resetVault(lockDeps(ctx))
  await touchAutoLock(ctx)
  return { accounts: accounts.length, signedOutOnServer: results.filter((r) => r.ok).length }
}

export function lockFeature(ctx: WorkerContext): Feature {
  const deps = lockDeps(ctx)
  const requests = {
    getLockStatus: () => lockStatus(deps),
    async setPassphrase(input) {
      checkNewPassphrase(input.passphrase)
      await setPassphrase(deps, input.passphrase)
      await writeItems(ctx.areas, [write(items.passphraseOfferDone, true)])
      await touchAutoLock(ctx)
    },
    async changePassphrase(input) {
      checkNewPassphrase(input.next)
      await changePassphrase(deps, input.current, input.next)
      await touchAutoLock(ctx)
    },
    async removePassphrase(input) {
      await removePassphrase(deps, input.current)
      await touchAutoLock(ctx)
    },
    async lock() {
      await lock(deps)
      await endEveryActAs(ctx)
      await touchAutoLock(ctx)
    },
    async unlock(input) {
      await unlock(deps, input.passphrase)
      await touchAutoLock(ctx)
      // Tab identities a locked Lanyard could only empty (at browser start) get their old sessions back.
      await restoreEveryRecord(ctx)
      // Sign-outs that waited for the key are tried at once.
      await retryPendingSignOuts(ctx).catch(() => undefined)
      // Not awaited: the page paints the snapshots as they arrive through storage.
      void refreshAll(ctx)
    },
    resetLanyard: () => resetLanyard(ctx),
    dismissPassphraseOffer: () => writeItems(ctx.areas, [write(items.passphraseOfferDone, true)]),
    async getLockAndAlertSettings() {
      const found = await readItems(ctx.areas, { lock: items.lockSettings, alerts: items.alertSettings })
      return { lock: found.lock, alerts: found.alerts }
    },
    setLockSettings: (input) => saveLockSettings(ctx, { idleMinutes: input.idleMinutes, onSystemLock: input.onSystemLock }),
  } satisfies Partial<Handlers>
  return {
    requests,
    // A browser start or an update emptied storage.session: a passphrase vault is locked now.
    prepare: () => prepareVault(deps),
    alarms: { [AUTO_LOCK_ALARM]: () => autoLock(ctx) },
    commands: { [LOCK_COMMAND]: () => autoLock(ctx) },
    systemIdle: (state) => onSystemIdleState(ctx, state),
    // Only Lanyard's own pages count as use: the spine calls this for their requests alone.
    pageRequest: () => touchAutoLock(ctx),
  }
}
