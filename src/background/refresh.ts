// One refresh of an account: account, sessions and the first log page fetched in parallel, then
// ONE snapshot write. A part that fails keeps its previous value and the snapshot names the error.
import { AppwriteError } from '../appwrite/index.ts'
import type { Account, Session } from '../appwrite/index.ts'
import type { ErrorData, LogsPage, Snapshot } from '../shared/protocol.ts'
import { featuresOf } from '../shared/server-features.ts'
import { items, readItem } from '../shared/storage.ts'
import { applyProfile } from './accounts.ts'
import { withSession } from './account-session.ts'
import type { WorkerContext } from './context.ts'
import { noteServerVersion } from './projects.ts'
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

export interface FetchedParts {
  account: Account | null
  sessions: Session[] | null
  logs: LogsPage | null
  error?: ErrorData
}

/**
 * The snapshot after a refresh that started at `startedAt`. Refreshes of one account can overlap
 * (popup open, alarm, a page's refresh); one that started earlier but answered later must not
 * overwrite what a later one already wrote, so `fetchedAt` is when the data was asked for.
 */
export function nextSnapshot(old: Snapshot, fetched: FetchedParts, startedAt: number): Snapshot {
  if (old.fetchedAt > startedAt) return old
  const next: Snapshot = {
    accountId: old.accountId,
    account: fetched.account ?? old.account,
    sessions: fetched.sessions ?? old.sessions,
    logsFirstPage: fetched.logs ?? old.logsFirstPage,
    prefs: fetched.account?.prefs ?? old.prefs,
    fetchedAt: startedAt,
  }
  if (fetched.error !== undefined) next.error = fetched.error
  return next
}

export function refreshAccount(ctx: WorkerContext, accountId: string): Promise<Snapshot> {
  return withSession(ctx, accountId, async ({ account: summary, project, client, session }) => {
    const startedAt = ctx.now()
    // The version is checked again on every refresh (a server may have been upgraded); best effort,
    // beside the account's own requests, and only written when it changed.
    const version = client.serverVersion().then(
      (detected) => noteServerVersion(ctx, project.id, detected),
      () => undefined,
    )
    // 2.x servers have no account log (docs/appwrite/wire-2x.md section 3.2): no request that can only 404.
    const logsPage = featuresOf(project.serverVersion).logs
      ? client.listLogs(session, { limit: SNAPSHOT_LOGS_LIMIT, offset: 0 })
      : Promise.resolve<LogsPage>({ supported: false, total: 0, logs: [], limit: SNAPSHOT_LOGS_LIMIT, offset: 0 })
    const results = await Promise.allSettled([client.getAccount(session), client.listSessions(session), logsPage] as const)
    await version
    const [account, sessions, logs] = results
    const failure = decisiveFailure([...results])
    const sessionLevel = failure instanceof AppwriteError && (failure.code === 401 || failure.code === 403)
    if (failure !== undefined && (sessionLevel || results.every((r) => r.status === 'rejected'))) {
      // Nothing new to show: keep the old snapshot, say why (withSession may then flag it as signed out).
      await flagSnapshot(ctx, accountId, replyError(failure))
      throw failure
    }
    const fetched: FetchedParts = {
      account: valueOr(account, null),
      sessions: valueOr(sessions, null)?.sessions ?? null,
      logs: valueOr(logs, null),
      ...(failure === undefined ? {} : { error: replyError(failure) }),
    }
    let superseded = false
    const snapshot = await patchSnapshot(ctx, accountId, (old) => {
      const next = nextSnapshot(old, fetched, startedAt)
      superseded = next === old
      return next
    })
    // A newer refresh already recorded the account and its sessions; these answers are older.
    if (superseded) return snapshot
    if (account.status === 'fulfilled') await applyProfile(ctx, accountId, account.value)
    if (sessions.status === 'fulfilled') await noteSessionsListed(ctx, summary, sessions.value.sessions)
    return snapshot
  })
}

/** The periodic refresh: only the active account, which the popup opens on. */
export async function refreshActiveAccount(ctx: WorkerContext): Promise<void> {
  const active = await readItem(ctx.areas, items.activeAccountId)
  if (active !== null) await refreshAccount(ctx, active)
}
