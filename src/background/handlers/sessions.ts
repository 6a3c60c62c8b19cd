// Sessions, logs and JWTs of one account, and revoking other sessions across every account.
import type { RevokeOthersResult } from '../../appwrite/index.ts'
import type { Handlers } from '../../shared/messaging.ts'
import type { PerAccountResult } from '../../shared/protocol.ts'
import { loadAccounts, markSignedOut } from '../accounts.ts'
import { withSession } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { replyError } from '../errors.ts'
import { mapBounded } from '../parallel.ts'
import { refreshAccount } from '../refresh.ts'
import { patchSnapshot } from '../snapshots.ts'

/** Accounts revoked at once by "everywhere": enough that 20 accounts take about one round trip of waves. */
export const REVOKE_EVERYWHERE_CONCURRENCY = 8

/** The snapshot loses the sessions just deleted, without another fetch. */
function dropRevokedSessions(ctx: WorkerContext, accountId: string, result: RevokeOthersResult) {
  const failed = new Set(result.failed.map((f) => f.sessionId))
  return patchSnapshot(ctx, accountId, (snapshot) => ({
    ...snapshot,
    sessions: snapshot.sessions?.filter((s) => s.current || failed.has(s.$id)) ?? null,
  }))
}

async function revokeOtherSessions(ctx: WorkerContext, accountId: string): Promise<PerAccountResult> {
  const result = await withSession(ctx, accountId, ({ client, session }) => client.revokeOtherSessions(session))
  await dropRevokedSessions(ctx, accountId, result)
  const firstFailure = result.failed[0]
  return firstFailure
    ? { accountId, ok: false, revoked: result.revoked, error: firstFailure.error }
    : { accountId, ok: true, revoked: result.revoked }
}

async function revokeOtherSessionsEverywhere(ctx: WorkerContext): Promise<PerAccountResult[]> {
  const held = (await loadAccounts(ctx)).filter((a) => a.status !== 'signedOut')
  const results = await mapBounded(held, REVOKE_EVERYWHERE_CONCURRENCY, (a) => revokeOtherSessions(ctx, a.id))
  return results.map((r, i) =>
    r.ok ? r.value : { accountId: held[i]?.id ?? '', ok: false, revoked: 0, error: replyError(r.error) },
  )
}

export function sessionHandlers(ctx: WorkerContext) {
  return {
    refresh: (input) => refreshAccount(ctx, input.accountId),
    getSession: (input) => withSession(ctx, input.accountId, ({ client, session }) => client.getSession(session, input.sessionId)),
    updateSession: (input) =>
      withSession(ctx, input.accountId, async ({ client, session }) => {
        // The PATCH body misreports `current` and `countryName`: read the session again (FACTS.md section 10).
        await client.updateSession(session, input.sessionId)
        return client.getSession(session, input.sessionId)
      }),
    async revokeSession(input) {
      const ownSession = await withSession(ctx, input.accountId, async ({ account, client, session }) => {
        await client.deleteSession(session, input.sessionId)
        return input.sessionId === 'current' || input.sessionId === account.sessionId
      })
      if (ownSession) await markSignedOut(ctx, input.accountId)
      await patchSnapshot(ctx, input.accountId, (s) => ({ ...s, sessions: s.sessions?.filter((x) => x.$id !== input.sessionId) ?? null }))
    },
    revokeOtherSessions: (input) => revokeOtherSessions(ctx, input.accountId),
    async revokeAllSessions(input) {
      await withSession(ctx, input.accountId, ({ client, session }) => client.deleteSessions(session))
      await markSignedOut(ctx, input.accountId)
      await patchSnapshot(ctx, input.accountId, (s) => ({ ...s, sessions: [] }))
    },
    revokeOtherSessionsEverywhere: () => revokeOtherSessionsEverywhere(ctx),
    listLogs: (input) =>
      withSession(ctx, input.accountId, ({ client, session }) => client.listLogs(session, { limit: input.limit, offset: input.offset })),
    createJwt: (input) =>
      withSession(ctx, input.accountId, async ({ client, session }) => ({ jwt: (await client.createJwt(session, input.durationSeconds)).jwt })),
  } satisfies Partial<Handlers>
}
