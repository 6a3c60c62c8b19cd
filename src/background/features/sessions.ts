// Sessions, logs and JWTs of one account, and revoking other sessions across every account.
import type { Feature, Handlers } from '../spine.ts'
import type { RevokeOthersResult } from '../../appwrite/index.ts'
import type { PerAccountResult } from '../../shared/protocol.ts'
import { featuresOf } from '../../shared/server-features.ts'
import { items, readItems } from '../../shared/storage.ts'
import { loadAccounts, markSignedOut, requireAccount } from '../accounts.ts'
import { withSession } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { replyError } from '../errors.ts'
import { mapBounded } from '../parallel.ts'
import { REFRESH_ALARM, refreshAccount, refreshActiveAccount } from '../refresh.ts'
import { noteRevoked } from '../session-alerts.ts'
import { loadSnapshot, patchSnapshot } from '../snapshots.ts'

/**
 * Accounts revoked at once by "everywhere": all of a typical set (20 accounts take one wave, not
 * three, bench/run.ts fanOutSpread). Chromium queues requests beyond its own per-host connection
 * limit, so this bound only keeps a very long account list from starting everything at once.
 */
export const REVOKE_EVERYWHERE_CONCURRENCY = 32

/** The snapshot loses the sessions just deleted, without another fetch. */
function dropRevokedSessions(ctx: WorkerContext, accountId: string, revokedIds: readonly string[]) {
  const revoked = new Set(revokedIds)
  return patchSnapshot(ctx, accountId, (snapshot) => ({
    ...snapshot,
    sessions: snapshot.sessions?.filter((s) => !revoked.has(s.$id)) ?? null,
  }))
}

async function revokeOtherSessions(ctx: WorkerContext, accountId: string): Promise<PerAccountResult> {
  let oneRequest = false
  const result = await withSession(ctx, accountId, async ({ account, project, client, session }) => {
    const cached = (await loadSnapshot(ctx, accountId))?.sessions ?? []
    const known = cached.filter((s) => !s.current && s.$id !== account.sessionId).map((s) => s.$id)
    if (featuresOf(project.serverVersion).oneRequestSignOut) {
      // 2.4+: one request ends them all (docs/appwrite/wire-2x.md section 3.3). The server does not say
      // which ones it ended, so the count and the timeline name the other sessions Lanyard last saw.
      await client.deleteOtherSessions(session)
      oneRequest = true
      return { revoked: known.length, revokedIds: known, failed: [] } satisfies RevokeOthersResult
    }
    // The cached other sessions are deleted while the list is fetched: one round trip when the cache is current.
    return client.revokeOtherSessions(session, known)
  })
  await noteRevoked(ctx, accountId, result.revokedIds)
  if (oneRequest) {
    // Only the held session is left on the server.
    await patchSnapshot(ctx, accountId, (s) => ({ ...s, sessions: s.sessions?.filter((x) => x.current) ?? null }))
  } else {
    await dropRevokedSessions(ctx, accountId, result.revokedIds)
  }
  const error = result.listError ?? result.failed[0]?.error
  return error ? { accountId, ok: false, revoked: result.revoked, error } : { accountId, ok: true, revoked: result.revoked }
}

async function revokeOtherSessionsEverywhere(ctx: WorkerContext): Promise<PerAccountResult[]> {
  const held = (await loadAccounts(ctx)).filter((a) => a.status !== 'signedOut')
  const results = await mapBounded(held, REVOKE_EVERYWHERE_CONCURRENCY, (a) => revokeOtherSessions(ctx, a.id))
  return results.map((r, i) =>
    r.ok ? r.value : { accountId: held[i]?.id ?? '', ok: false, revoked: 0, error: replyError(r.error) },
  )
}

/** Revokes one session (the held one signs the account out); the page's button and the alert's Revoke. */
export async function revokeSession(ctx: WorkerContext, accountId: string, sessionId: string): Promise<void> {
  const revokedId = await withSession(ctx, accountId, async ({ account, client, session }) => {
    await client.deleteSession(session, sessionId)
    // `current` is Appwrite's alias of the session that makes the request: Lanyard's own.
    return sessionId === 'current' ? account.sessionId : sessionId
  })
  await noteRevoked(ctx, accountId, [revokedId])
  if (revokedId === (await requireAccount(ctx, accountId)).sessionId) await markSignedOut(ctx, accountId)
  await patchSnapshot(ctx, accountId, (s) => ({ ...s, sessions: s.sessions?.filter((x) => x.$id !== revokedId) ?? null }))
}

export function sessionsFeature(ctx: WorkerContext): Feature {
  const requests = {
    refresh: (input) => refreshAccount(ctx, input.accountId),
    updateSession: (input) =>
      withSession(ctx, input.accountId, async ({ client, session }) => {
        // The PATCH body misreports `current` and `countryName`: read the session again (docs/appwrite/wire.md section 10).
        await client.updateSession(session, input.sessionId)
        return client.getSession(session, input.sessionId)
      }),
    revokeSession: (input) => revokeSession(ctx, input.accountId, input.sessionId),
    revokeOtherSessions: (input) => revokeOtherSessions(ctx, input.accountId),
    async revokeAllSessions(input) {
      await withSession(ctx, input.accountId, ({ client, session }) => client.deleteSessions(session))
      await noteRevoked(ctx, input.accountId, 'all')
      await markSignedOut(ctx, input.accountId)
      await patchSnapshot(ctx, input.accountId, (s) => ({ ...s, sessions: [] }))
    },
    revokeOtherSessionsEverywhere: () => revokeOtherSessionsEverywhere(ctx),
    listLogs: (input) =>
      withSession(ctx, input.accountId, ({ client, session }) => client.listLogs(session, { limit: input.limit, offset: input.offset })),
  } satisfies Partial<Handlers>
  return {
    requests,
    alarms: { [REFRESH_ALARM]: () => refreshActiveAccount(ctx) },
    async prepare() {
      const { settings } = await readItems(ctx.areas, { settings: items.settings })
      await ctx.browser.alarms.create(REFRESH_ALARM, { periodInMinutes: settings.refreshIntervalMinutes })
    },
  }
}
