// Sessions, logs and JWTs of one account, and revoking other sessions across every account.
import type { Feature, Handlers } from '../spine.ts'
import type { RevokeOthersResult } from '../../appwrite/index.ts'
import { featuresOf } from '../../shared/server-features.ts'
import type { ActivityEvent, SessionWatch } from '../../shared/activity.ts'
import type { AccountSummary, PerAccountResult, Snapshot } from '../../shared/protocol.ts'
import { items, readItems, write, writeItems, type StorageItem, type Write } from '../../shared/storage.ts'
import { appendWrites, tipItems } from '../../shared/timeline.ts'
import { loadAccounts, markSignedOut, requireAccount } from '../accounts.ts'
import { withSession, type Loaded } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { replyError } from '../errors.ts'
import { mapBounded } from '../parallel.ts'
import { loadProjects } from '../projects.ts'
import { REFRESH_ALARM, refreshAccount, refreshActiveAccount } from '../refresh.ts'
import { afterRevoke, noteRevoked } from '../session-alerts.ts'
import { emptySnapshot, patchSnapshot } from '../snapshots.ts'
import { lockedError } from '../vault-lock.ts'

/**
 * Accounts revoked at once by "everywhere": all of a typical set (20 accounts take one wave, not
 * three, bench/run.ts fanOutSpread). Chromium queues requests beyond its own per-host connection
 * limit, so this bound only keeps a very long account list from starting everything at once.
 */
export const REVOKE_EVERYWHERE_CONCURRENCY = 32

/** What the server did for one account, before anything is written. */
interface Revocation {
  accountId: string
  revokedIds: readonly string[]
  /** 2.4+'s one request: only the held session is left, whatever Lanyard had listed. */
  onlyHeldLeft: boolean
  result: PerAccountResult
}

/** The records a revoke is written into, for each account, and the lock flag; keyed by storage key, read in one call. */
function recordItems(accountIds: readonly string[]): Record<string, StorageItem<unknown>> {
  const list = [items.vaultLocked, ...accountIds.flatMap((id) => [items.snapshot(id), items.sessionWatch(id), ...Object.values(tipItems(id))])]
  return Object.fromEntries(list.map((it) => [it.key, it]))
}

/** Those records as one serialized read found them, and that read's place in the queue (`Serialize.started`). */
interface RecordsRead {
  stored: Record<string, unknown>
  readAt: number
}

/**
 * Read while the requests are out, not after them: the fan-out's reply then waits only for the write.
 * The cached snapshots also give the sessions to delete on 1.9.6, from this one read.
 */
function readRecords(ctx: WorkerContext, accountIds: readonly string[]): Promise<RecordsRead> {
  const read = ctx.serialize(async () => ({ stored: (await readItems(ctx.areas, recordItems(accountIds))) as Record<string, unknown>, readAt: ctx.serialize.started() }))
  // Awaited by each revoke and by the recording: a failed read fails them, as a failed snapshot read did.
  read.catch(() => undefined)
  return read
}

/** The other sessions Lanyard last listed for the account, from its cached snapshot. */
function knownOthers(stored: Record<string, unknown>, account: AccountSummary): string[] {
  const cached = stored[items.snapshot(account.id).key] as Snapshot | null
  return (cached?.sessions ?? []).filter((s) => !s.current && s.$id !== account.sessionId).map((s) => s.$id)
}

async function revokeOnServer(ctx: WorkerContext, accountId: string, records: Promise<RecordsRead>, loaded?: Loaded): Promise<Revocation> {
  let onlyHeldLeft = false
  const result = await withSession(ctx, accountId, async ({ account, project, client, session }) => {
    const known = records.then((read) => knownOthers(read.stored, account))
    if (featuresOf(project.serverVersion).oneRequestSignOut) {
      // 2.4+: one request ends them all (docs/appwrite/wire-2x.md section 3.3), sent without waiting
      // for the cache. The server does not say which ones it ended, so the count and the timeline
      // name the other sessions Lanyard last saw.
      const [ids] = await Promise.all([known, client.deleteOtherSessions(session)])
      onlyHeldLeft = true
      return { revoked: ids.length, revokedIds: ids, failed: [] } satisfies RevokeOthersResult
    }
    // The cached other sessions are deleted while the list is fetched: one round trip when the cache is current.
    return client.revokeOtherSessions(session, await known)
  }, loaded ? { loaded } : {})
  const error = result.listError ?? result.failed[0]?.error
  return {
    accountId,
    revokedIds: result.revokedIds,
    onlyHeldLeft,
    result: error ? { accountId, ok: false, revoked: result.revoked, error } : { accountId, ok: true, revoked: result.revoked },
  }
}

/**
 * The snapshot, watch and timeline of every account revoked, written with ONE storage call however
 * many accounts: a fan-out does not queue dozens of writes (and their change events to every open
 * page) behind its requests (bench/run.ts fanOut). They were read while the requests were out; if
 * any other update ran since, they are read again here, so none is lost. A locked vault hides the
 * snapshots (vault-lock.ts): the watch and timeline are still written.
 */
function recordRevocations(ctx: WorkerContext, revocations: readonly Revocation[], records: Promise<RecordsRead>): Promise<void> {
  if (revocations.length === 0) return Promise.resolve()
  return records
    .catch(() => undefined)
    .then((read) =>
      ctx.serialize(async () => {
        const current = read !== undefined && ctx.serialize.started() === read.readAt + 1
        const stored = current ? read.stored : ((await readItems(ctx.areas, recordItems(revocations.map((r) => r.accountId)))) as Record<string, unknown>)
        const locked = stored[items.vaultLocked.key] === true
        const now = ctx.now()
        const writes: Write[] = []
        for (const { accountId, revokedIds, onlyHeldLeft } of revocations) {
          const noted = afterRevoke(stored[items.sessionWatch(accountId).key] as SessionWatch, revokedIds, now)
          if (noted) {
            const { head, sealed } = tipItems(accountId)
            const tip = { head: stored[head.key] as ActivityEvent[], sealed: stored[sealed.key] as number }
            writes.push(write(items.sessionWatch(accountId), noted.watch), ...appendWrites(accountId, tip, noted.events))
          }
          if (locked) continue
          const snapshot = (stored[items.snapshot(accountId).key] as Snapshot | null) ?? emptySnapshot(accountId)
          const revoked = new Set(revokedIds)
          const sessions = snapshot.sessions?.filter((s) => (onlyHeldLeft ? s.current : !revoked.has(s.$id))) ?? null
          writes.push(write(items.snapshot(accountId), { ...snapshot, sessions }))
        }
        await writeItems(ctx.areas, writes)
        if (locked) throw lockedError()
      }),
    )
}

async function revokeOtherSessions(ctx: WorkerContext, accountId: string): Promise<PerAccountResult> {
  const records = readRecords(ctx, [accountId])
  const revocation = await revokeOnServer(ctx, accountId, records)
  await recordRevocations(ctx, [revocation], records)
  return revocation.result
}

async function revokeOtherSessionsEverywhere(ctx: WorkerContext): Promise<PerAccountResult[]> {
  const [accounts, projects] = await Promise.all([loadAccounts(ctx), loadProjects(ctx)])
  const held = accounts.filter((a) => a.status !== 'signedOut')
  // The account and project lists and the secrets are read once here, not once per account before
  // its request. Locked, the secrets stay unread and each account answers `lanyard_locked` on its own.
  const records = readRecords(ctx, held.map((a) => a.id))
  const secrets = await ctx.vault.readSecrets(held.map((a) => a.id)).catch(() => undefined)
  const loaded = (account: AccountSummary): Loaded | undefined => {
    const project = projects.find((p) => p.id === account.projectId)
    if (!project) return undefined
    return secrets ? { account, project, secret: secrets.get(account.id) ?? null } : { account, project }
  }
  const settled = await mapBounded(held, REVOKE_EVERYWHERE_CONCURRENCY, (a) => revokeOnServer(ctx, a.id, records, loaded(a)))
  const done = settled.flatMap((r) => (r.ok ? [r.value] : []))
  const recordError = await recordRevocations(ctx, done, records).then(
    () => undefined,
    (error: unknown) => replyError(error),
  )
  return settled.map((r, i) => {
    if (!r.ok) return { accountId: held[i]?.id ?? '', ok: false, revoked: 0, error: replyError(r.error) }
    return recordError ? { accountId: r.value.accountId, ok: false, revoked: 0, error: recordError } : r.value.result
  })
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
