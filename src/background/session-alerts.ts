// Turns what the worker sees of each account's sessions into Lanyard's activity timeline and into
// sign-in alerts (issue 5). Every listing of sessions comes through `noteSessionsListed`: the
// periodic check, and every refresh a page asks for.
import type { Session } from '../appwrite/models.ts'
import { sessionFacts, type ActivityEvent, type ActivityKind, type SessionFacts, type SessionWatch } from '../shared/activity.ts'
import type { AccountSummary } from '../shared/protocol.ts'
import { alertsEnabled, type SignInAlert } from '../shared/lock-and-alerts.ts'
import { items, readItem, readItems, write, writeItems } from '../shared/storage.ts'
import { appendWrites, tipItems } from '../shared/timeline.ts'
import { accountLabel, loadAccounts } from './accounts.ts'
import { withSession } from './account-session.ts'
import type { WorkerContext } from './context.ts'
import { replyError } from './errors.ts'
import { mapBounded } from './parallel.ts'
import { noteEnded, noteOwnSession, observeSessions } from './session-watch.ts'
import {
  addUnseen,
  alertsFor,
  MAX_SEPARATE_NOTIFICATIONS,
  notificationOptions,
  summaryNotificationId,
  summaryNotificationOptions,
} from './sign-in-alerts.ts'
import { syncToolbar } from './toolbar.ts'
import { platformFor } from './browser-kind.ts'

export const SIGN_IN_CHECK_ALARM = 'sign-in-check'
/** Accounts checked at once by the periodic check. */
const CHECK_CONCURRENCY = 8

function events(kind: ActivityKind, facts: readonly SessionFacts[], at: number): ActivityEvent[] {
  return facts.map((f) => ({ ...f, kind, at }))
}

/** Appends to the account's timeline (read-modify-write, serialized). */
export function recordActivity(ctx: WorkerContext, accountId: string, fresh: ActivityEvent[]): Promise<void> {
  if (fresh.length === 0) return Promise.resolve()
  return ctx.serialize(async () => {
    const tip = await readItems(ctx.areas, tipItems(accountId))
    await writeItems(ctx.areas, appendWrites(accountId, tip, fresh))
  })
}

/** One notification per alert, in the browser's language; Firefox takes no buttons (browser-kind.ts). */
async function showAlert(ctx: WorkerContext, alert: SignInAlert): Promise<void> {
  const { i18n, runtime, notifications } = ctx.browser
  const options = notificationOptions(alert, (key, substitutions) => i18n.getMessage(key, substitutions), runtime.getURL('icons/icon-128.png'))
  await notifications.create(alert.id, platformFor(runtime.getURL('')).notificationOptions(options))
}

/** Many new sessions at once (a hostile server can list 100): one notification says how many. */
async function showSummary(ctx: WorkerContext, account: AccountSummary, count: number): Promise<void> {
  const { i18n, runtime, notifications } = ctx.browser
  const t = (key: string, substitutions?: string[]) => i18n.getMessage(key, substitutions)
  await notifications.create(summaryNotificationId(account.id), summaryNotificationOptions(accountLabel(account), count, t, runtime.getURL('icons/icon-128.png')))
}

/** Records a listing: timeline events for new and gone sessions, and alerts for new ones where alerts are on. */
export async function noteSessionsListed(ctx: WorkerContext, account: AccountSummary, sessions: readonly Session[]): Promise<void> {
  const now = ctx.now()
  const seen = await ctx.serialize(async () => {
    const { watch, ...tip } = await readItems(ctx.areas, { watch: items.sessionWatch(account.id), ...tipItems(account.id) })
    const observed = observeSessions(watch, sessions, account.sessionId)
    const fresh = [...events('sessionGone', observed.gone, now), ...events('sessionFirstSeen', observed.firstSeen, now)]
    await writeItems(ctx.areas, [write(items.sessionWatch(account.id), observed.watch), ...appendWrites(account.id, tip, fresh)])
    return observed.firstSeen
  })
  if (seen.length === 0) return
  const settings = await readItem(ctx.areas, items.alertSettings)
  if (!alertsEnabled(settings, account.id)) return
  const alerts = alertsFor(account.id, accountLabel(account), seen, now)
  await ctx.serialize(async () => {
    const unseen = await readItem(ctx.areas, items.signInAlerts)
    await writeItems(ctx.areas, [write(items.signInAlerts, addUnseen(unseen, alerts))])
  })
  await syncToolbar(ctx)
  if (alerts.length > MAX_SEPARATE_NOTIFICATIONS) await showSummary(ctx, account, alerts.length)
  else for (const alert of alerts) await showAlert(ctx, alert)
}

/** Sign-in results carry only part of a session. */
const emptyFacts = {
  ip: '', osName: '', osVersion: '', clientName: '', clientVersion: '', deviceName: '', deviceBrand: '', deviceModel: '', countryCode: '', countryName: '',
}

/** A session Lanyard just created: never an alert, and a "signed in" event on the timeline. */
export async function noteOwnSignIn(ctx: WorkerContext, accountId: string, session: Pick<Session, '$id'> & Partial<Session>): Promise<void> {
  await ctx.serialize(async () => {
    const { watch, ...tip } = await readItems(ctx.areas, { watch: items.sessionWatch(accountId), ...tipItems(accountId) })
    const signedIn: ActivityEvent = { ...sessionFacts({ ...emptyFacts, ...session }), kind: 'signedIn', at: ctx.now() }
    await writeItems(ctx.areas, [write(items.sessionWatch(accountId), noteOwnSession(watch, session.$id)), ...appendWrites(accountId, tip, [signedIn])])
  })
}

/**
 * The watch after Lanyard revoked `sessionIds` (`all`: every session it knew), and the timeline
 * events to append: the sessions described from the last listing where it knows them, and forgotten
 * there, so the next listing does not report them gone as well. Null when there is nothing to note.
 */
export function afterRevoke(watch: SessionWatch, sessionIds: readonly string[] | 'all', now: number): { watch: SessionWatch; events: ActivityEvent[] } | null {
  const known = watch.known ?? []
  const ids = new Set(sessionIds === 'all' ? known.map((s) => s.sessionId) : sessionIds)
  if (ids.size === 0) return null
  const facts = [...ids].map((id) => known.find((s) => s.sessionId === id) ?? { sessionId: id })
  return {
    watch: noteEnded({ ...watch, known: watch.known && known.filter((s) => !ids.has(s.sessionId)) }, ids),
    events: events('revoked', facts, now),
  }
}

/** Records sessions Lanyard revoked on the account's watch and timeline (`afterRevoke`). */
export async function noteRevoked(ctx: WorkerContext, accountId: string, sessionIds: readonly string[] | 'all'): Promise<void> {
  await ctx.serialize(async () => {
    const { watch, ...tip } = await readItems(ctx.areas, { watch: items.sessionWatch(accountId), ...tipItems(accountId) })
    const next = afterRevoke(watch, sessionIds, ctx.now())
    if (!next) return
    await writeItems(ctx.areas, [write(items.sessionWatch(accountId), next.watch), ...appendWrites(accountId, tip, next.events)])
  })
}

/** Acknowledges alerts (all when `ids` is absent): off the badge, and their notifications closed. */
export async function acknowledgeAlerts(ctx: WorkerContext, ids?: readonly string[]): Promise<void> {
  const removed = await ctx.serialize(async () => {
    const unseen = await readItem(ctx.areas, items.signInAlerts)
    const gone = ids === undefined ? unseen : unseen.filter((a) => ids.includes(a.id))
    await writeItems(ctx.areas, [write(items.signInAlerts, unseen.filter((a) => !gone.includes(a)))])
    return gone
  })
  await syncToolbar(ctx)
  for (const alert of removed) await ctx.browser.notifications.clear(alert.id)
  for (const accountId of new Set(removed.map((alert) => alert.accountId))) await ctx.browser.notifications.clear(summaryNotificationId(accountId))
}

/** The periodic check: lists the sessions of every signed-in account with alerts on. Skipped while locked. */
export async function checkSignInAlerts(ctx: WorkerContext): Promise<{ checked: number; failed: number }> {
  if (await readItem(ctx.areas, items.vaultLocked)) return { checked: 0, failed: 0 }
  const settings = await readItem(ctx.areas, items.alertSettings)
  const accounts = (await loadAccounts(ctx)).filter((a) => a.status === 'signedIn' && alertsEnabled(settings, a.id))
  const results = await mapBounded(accounts, CHECK_CONCURRENCY, (account) =>
    withSession(ctx, account.id, async ({ client, session }) => {
      const list = await client.listSessions(session)
      await noteSessionsListed(ctx, account, list.sessions)
    }),
  )
  // A failed account keeps its state (withSession flags a signed-out one); replyError logs worker bugs.
  const failures = results.flatMap((r) => (r.ok ? [] : [r.error]))
  failures.forEach((error) => replyError(error))
  await writeItems(ctx.areas, [write(items.signInCheckedAt, ctx.now())])
  return { checked: accounts.length, failed: failures.length }
}

export async function scheduleSignInCheck(ctx: WorkerContext): Promise<void> {
  const settings = await readItem(ctx.areas, items.alertSettings)
  await ctx.browser.alarms.create(SIGN_IN_CHECK_ALARM, { periodInMinutes: settings.intervalMinutes })
}
