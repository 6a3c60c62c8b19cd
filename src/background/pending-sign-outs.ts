// Removing an account or project never leaves a session valid silently (issue 17 item 7). When the
// sign-out fails (offline, locked, a server error, an unknown origin), the session is not forgotten:
// the account's sealed vault record moves, as it is, into a pending sign-out that an alarm retries.
// Only the server's word that the session is over ends one; the person may also forget it on purpose.
import { AppwriteError } from '../appwrite/index.ts'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { items, readItem, write, writeItems, type PendingSignOut } from '../shared/storage.ts'
import { accountLabel } from './accounts.ts'
import type { WorkerContext } from './context.ts'
import { replyError, WorkerError } from './errors.ts'
import { readVaultState } from './vault-lock.ts'
import type { AccountSecret } from './vault.ts'

export const PENDING_SIGN_OUT_ALARM = 'pending-sign-outs'
const RETRY_MINUTES = 5

/**
 * The only answers that say a session is over (docs/appwrite/wire.md sections 3.3 and 10): 404
 * `user_session_not_found`, and the guest's 401 `general_unauthorized_scope` (an ended session
 * makes the caller a guest). Any other refusal, a 403 `general_unknown_origin` or `user_blocked`
 * included, may come before the session is even looked at.
 */
export function sessionAlreadyEnded(error: unknown): boolean {
  if (!(error instanceof AppwriteError)) return false
  return (error.code === 404 && error.type === 'user_session_not_found') || (error.code === 401 && error.type === 'general_unauthorized_scope')
}

export function loadPendingSignOuts(ctx: WorkerContext): Promise<PendingSignOut[]> {
  return readItem(ctx.areas, items.pendingSignOuts)
}

function savePending(ctx: WorkerContext, change: (pending: PendingSignOut[]) => PendingSignOut[]): Promise<PendingSignOut[]> {
  return ctx.serialize(async () => {
    const next = change(await loadPendingSignOuts(ctx))
    await writeItems(ctx.areas, [write(items.pendingSignOuts, next)])
    return next
  })
}

async function syncAlarm(ctx: WorkerContext, pending: readonly PendingSignOut[]): Promise<void> {
  if (pending.length === 0) await ctx.browser.alarms.clear(PENDING_SIGN_OUT_ALARM)
  else await ctx.browser.alarms.create(PENDING_SIGN_OUT_ALARM, { periodInMinutes: RETRY_MINUTES })
}

/** Tries the sign-out once with the opened session: true when the session is over. */
async function tryEnd(ctx: WorkerContext, target: Pick<Project, 'endpoint' | 'projectId' | 'serverVersion'>, session: string): Promise<{ ended: boolean; error?: unknown }> {
  try {
    await ctx.client(target).signOut(session)
    return { ended: true }
  } catch (error) {
    return sessionAlreadyEnded(error) ? { ended: true } : { ended: false, error }
  }
}

function pendingEntry(
  ctx: WorkerContext,
  from: { accountId: string; label: string; project: Project; error: unknown; secret: PendingSignOut['secret'] },
): PendingSignOut {
  const { project } = from
  return {
    v: 1,
    accountId: from.accountId,
    label: from.label,
    projectLabel: project.label,
    endpoint: project.endpoint,
    appwriteProjectId: project.projectId,
    ...(project.serverVersion === undefined ? {} : { serverVersion: project.serverVersion }),
    since: ctx.now(),
    attempts: 1,
    lastError: replyError(from.error),
    secret: from.secret,
  }
}

/**
 * Ends the held session of an account that is about to be removed. When that fails, its sealed
 * record is kept as a pending sign-out, so removing the account forgets nothing still valid.
 */
export async function signOutOrKeepPending(ctx: WorkerContext, account: AccountSummary, project: Project): Promise<void> {
  if (account.status === 'signedOut') return
  const { generation } = await readVaultState(ctx.areas)
  const sealed = await readItem(ctx.areas, items.secret(generation, account.id))
  if (sealed === null) return
  let outcome: { ended: boolean; error?: unknown }
  try {
    const secret = JSON.parse(await ctx.vault.openData(account.id, sealed)) as AccountSecret
    outcome = await tryEnd(ctx, project, secret.session)
  } catch (error) {
    // Locked: the session cannot even be opened; it waits, sealed, for the unlock.
    outcome = { ended: false, error }
  }
  if (outcome.ended) return
  const entry = pendingEntry(ctx, { accountId: account.id, label: accountLabel(account), project, error: outcome.error, secret: sealed })
  await syncAlarm(ctx, await savePending(ctx, (pending) => [...pending.filter((p) => p.accountId !== account.id), entry]))
}

/**
 * A session a sign-in created but Lanyard could not hold (locked meanwhile, an answer refused):
 * ended at once; if that fails too, kept as a pending sign-out when the vault can seal it.
 */
export async function endUnheldSession(ctx: WorkerContext, project: Project, session: string, label: string): Promise<void> {
  const outcome = await tryEnd(ctx, project, session)
  if (outcome.ended) return
  const secret: AccountSecret = { session }
  const id = ctx.newId()
  const sealed = await ctx.vault.sealData(id, JSON.stringify(secret)).catch(() => null)
  if (sealed === null) return
  const entry = pendingEntry(ctx, { accountId: id, label, project, error: outcome.error, secret: sealed })
  await syncAlarm(ctx, await savePending(ctx, (pending) => [...pending, entry]))
}

/** The alarm (and each unlock): one more try for each. Locked, nothing can be opened: they wait. */
export async function retryPendingSignOuts(ctx: WorkerContext): Promise<{ ended: number; pending: number }> {
  const before = await loadPendingSignOuts(ctx)
  const ended = new Set<string>()
  const failed = new Map<string, PendingSignOut['lastError']>()
  for (const entry of before) {
    let secret: AccountSecret
    try {
      secret = JSON.parse(await ctx.vault.openData(entry.accountId, entry.secret)) as AccountSecret
    } catch {
      continue
    }
    const target = { endpoint: entry.endpoint, projectId: entry.appwriteProjectId, ...(entry.serverVersion === undefined ? {} : { serverVersion: entry.serverVersion }) }
    const outcome = await tryEnd(ctx, target, secret.session)
    if (outcome.ended) ended.add(entry.accountId)
    else failed.set(entry.accountId, replyError(outcome.error))
  }
  const after = await savePending(ctx, (pending) =>
    pending
      .filter((p) => !ended.has(p.accountId))
      .map((p) => (failed.has(p.accountId) ? { ...p, attempts: p.attempts + 1, lastError: failed.get(p.accountId) ?? null } : p)),
  )
  await syncAlarm(ctx, after)
  return { ended: ended.size, pending: after.length }
}

/** "Forget without signing out": the person's explicit choice; the session may stay valid on the server. */
export async function forgetPendingSignOut(ctx: WorkerContext, accountId: string): Promise<void> {
  const before = await loadPendingSignOuts(ctx)
  if (!before.some((p) => p.accountId === accountId)) {
    throw WorkerError.of('lanyard_unknown_account', 404, 'This sign-out is no longer pending.')
  }
  await syncAlarm(ctx, await savePending(ctx, (pending) => pending.filter((p) => p.accountId !== accountId)))
}
