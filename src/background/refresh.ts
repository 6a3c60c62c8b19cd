// One refresh of an account: account, sessions and the first log page fetched in parallel, then
// ONE snapshot write. A part that fails keeps its previous value and the snapshot names the error.
import { AppwriteError } from '../appwrite/index.ts'
import type { Snapshot } from '../shared/protocol.ts'
import { applyProfile } from './accounts.ts'
import { withSession } from './account-session.ts'
import type { WorkerContext } from './context.ts'
import { replyError } from './errors.ts'
import { noteSessionsListed } from './session-alerts.ts'
import { flagSnapshot, patchSnapshot, SNAPSHOT_LOGS_LIMIT } from './snapshots.ts'

/** The alarm that refreshes the active account's snapshot every `settings.refreshIntervalMinutes`. */
export const REFRESH_ALARM = 'refresh-active-account'

function valueOr<T>(result: PromiseSettledResult<T>, fallback: T): T {
  return result.status === 'fulfilled' ? result.value : fallback
}

/** A session-level answer (401/403) decides for the whole refresh; otherwise the first failure. */
function decisiveFailure(results: PromiseSettledResult<unknown>[]): unknown {
  const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
  return reasons.find((e) => e instanceof AppwriteError && (e.code === 401 || e.code === 403)) ?? reasons[0]
}

export function refreshAccount(ctx: WorkerContext, accountId: string): Promise<Snapshot> {
  return withSession(ctx, accountId, async ({ account: summary, client, session }) => {
    const results = await Promise.allSettled([
      client.getAccount(session),
      client.listSessions(session),
      client.listLogs(session, { limit: SNAPSHOT_LOGS_LIMIT, offset: 0 }),
    ] as const)
    const [account, sessions, logs] = results
    const failure = decisiveFailure([...results])
    const sessionLevel = failure instanceof AppwriteError && (failure.code === 401 || failure.code === 403)
    if (failure !== undefined && (sessionLevel || results.every((r) => r.status === 'rejected'))) {
      // Nothing new to show: keep the old snapshot, say why (withSession may then flag it as signed out).
      await flagSnapshot(ctx, accountId, replyError(failure))
      throw failure
    }
    const snapshot = await patchSnapshot(ctx, accountId, (old) => {
      const fresh = valueOr(account, null)
      const next: Snapshot = {
        accountId,
        account: fresh ?? old.account,
        sessions: valueOr(sessions, null)?.sessions ?? old.sessions,
        logsFirstPage: valueOr(logs, old.logsFirstPage),
        prefs: fresh?.prefs ?? old.prefs,
        fetchedAt: ctx.now(),
      }
      if (failure !== undefined) next.error = replyError(failure)
      return next
    })
    if (account.status === 'fulfilled') await applyProfile(ctx, accountId, account.value)
    if (sessions.status === 'fulfilled') await noteSessionsListed(ctx, summary, sessions.value.sessions)
    return snapshot
  })
}
