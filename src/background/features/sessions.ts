// Sessions, logs and JWTs of one account, and revoking other sessions across every account.
import type { Feature, Handlers } from '../spine.ts'
import type { RevokeOthersResult } from '../../appwrite/index.ts'
import { featuresOf } from '../../shared/server-features.ts'
import type { ActivityEvent, SessionWatch } from '../../shared/activity.ts'
import type { AccountSummary, PerAccountResult, Snapshot } from '../../shared/protocol.ts'
import { items, readItems, write, writeItems, type StorageItem, type Write } from '../../shared/storage.ts'
import { loadAccounts, markSignedOut, requireAccount } from '../accounts.ts'
import { withSession, type Loaded } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { replyError } from '../errors.ts'
import { mapBounded } from '../parallel.ts'
import { loadProjects } from '../projects.ts'
import { REFRESH_ALARM, refreshAccount, refreshActiveAccount } from '../refresh.ts'
import { afterRevoke, noteRevoked } from '../session-alerts.ts'
import { emptySnapshot, loadSnapshot, patchSnapshot } from '../snapshots.ts'
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

async function revokeOnServer(ctx: WorkerContext, accountId: string, loaded?: Loaded): Promise<Revocation> {
  let onlyHeldLeft = false
  const result = await withSession(ctx, accountId, async ({ account, project, client, session }) => {
    const knownOthers = loadSnapshot(ctx, accountId).then((cached) =>
      (cached?.sessions ?? []).filter((s) => !s.current && s.$id !== account.sessionId).map((s) => s.$id),
    )
    if (featuresOf(project.serverVersion).oneRequestSignOut) {
      // 2.4+: one request ends them all (docs/appwrite/wire-2x.md section 3.3), sent without waiting
      // for the cache. The server does not say which ones it ended, so the count and the timeline
      // name the other sessions Lanyard last saw.
      const [known] = await Promise.all([knownOthers, client.deleteOtherSessions(session)])
      onlyHeldLeft = true
      return { revoked: known.length, revokedIds: known, failed: [] } satisfies RevokeOthersResult
    }
    // The cached other sessions are deleted while the list is fetched: one round trip when the cache is current.
    return client.revokeOtherSessions(session, await knownOthers)
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
 * The snapshot, watch and timeline of every account revoked, read together and written with ONE
 * storage call, however many accounts: a fan-out over many accounts does not queue dozens of
 * writes (and their change events to every open page) behind its requests (bench/run.ts fanOut).
 * A locked vault hides the snapshots (vault-lock.ts): the watch and timeline are still written.
 */
function recordRevocations(ctx: WorkerContext, revocations: readonly Revocation[]): Promise<void> {
  if (revocations.length === 0) return Promise.resolve()
  return ctx.serialize(async () => {
    const records = revocations.map((r) => ({ ...r, snapshot: items.snapshot(r.accountId), watch: items.sessionWatch(r.accountId), timeline: items.activity(r.accountId) }))
    // Named by their own storage keys, which are unique, so all are read with one call.
    const wanted: Record<string, StorageItem<unknown>> = Object.fromEntries(
      [items.vaultLocked, ...records.flatMap((r) => [r.snapshot, r.watch, r.timeline])].map((it) => [it.key, it]),
    )
    const stored = (await readItems(ctx.areas, wanted)) as Record<string, unknown>
    const locked = stored[items.vaultLocked.key] === true
    const now = ctx.now()
    const writes: Write[] = []
    for (const { accountId, revokedIds, onlyHeldLeft, snapshot: snapshotItem, watch, timeline } of records) {
      const noted = afterRevoke(stored[watch.key] as SessionWatch, stored[timeline.key] as ActivityEvent[], revokedIds, now)
      if (noted) writes.push(write(watch, noted.watch), write(timeline, noted.timeline))
      if (locked) continue
      const snapshot = (stored[snapshotItem.key] as Snapshot | null) ?? emptySnapshot(accountId)
      const revoked = new Set(revokedIds)
      const sessions = snapshot.sessions?.filter((s) => (onlyHeldLeft ? s.current : !revoked.has(s.$id))) ?? null
      writes.push(write(snapshotItem, { ...snapshot, sessions }))
    }
    await writeItems(ctx.areas, writes)
    if (locked) throw lockedError()
  })
}

async function revokeOtherSessions(ctx: WorkerContext, accountId: string): Promise<PerAccountResult> {
  const revocation = await revokeOnServer(ctx, accountId)
  await recordRevocations(ctx, [revocation])
  return revocation.result
}

async function revokeOtherSessionsEverywhere(ctx: WorkerContext): Promise<PerAccountResult[]> {
  const [accounts, projects] = await Promise.all([loadAccounts(ctx), loadProjects(ctx)])
  const held = accounts.filter((a) => a.status !== 'signedOut')
  // The account and project lists and the secrets are read once here, not once per account before
  // its request. Locked, the secrets stay unread and each account answers `lanyard_locked` on its own.
  const secrets = await ctx.vault.readSecrets(held.map((a) => a.id)).catch(() => undefined)
  const loaded = (account: AccountSummary): Loaded | undefined => {
    const project = projects.find((p) => p.id === account.projectId)
    if (!project) return undefined
    return secrets ? { account, project, secret: secrets.get(account.id) ?? null } : { account, project }
  }
  const settled = await mapBounded(held, REVOKE_EVERYWHERE_CONCURRENCY, (a) => revokeOnServer(ctx, a.id, loaded(a)))
  const done = settled.flatMap((r) => (r.ok ? [r.value] : []))
  const recordError = await recordRevocations(ctx, done).then(
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
