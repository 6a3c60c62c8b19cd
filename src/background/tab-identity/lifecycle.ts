// Nothing dangles: a closed tab is restored from its record, a browser restart restores every
// record left (session rules and badges are gone by then, cookies and page storage are not), and
// while an identity is in effect an alarm checks that the borrowed sessions still hold.
import { requireAccount } from '../accounts.ts'
import type { WorkerContext } from '../context.ts'
import { loadTabRecords, type TabRecord } from './records.ts'
import { noticeSignOut, restoreTab } from './restore-tab.ts'
import { showBadge, tabOrigin } from './tabs.ts'

export const TAB_CHECK_ALARM = 'tab-identity-check'
const CHECK_MINUTES = 1

export async function ensureCheckAlarm(ctx: WorkerContext): Promise<void> {
  await ctx.browser.alarms.create(TAB_CHECK_ALARM, { periodInMinutes: CHECK_MINUTES })
}

export async function onTabRemoved(ctx: WorkerContext, tabId: number): Promise<void> {
  await restoreTab(ctx, tabId, { reload: false, tabOpen: false })
  await stopAlarmWhenIdle(ctx)
}

/**
 * At browser start, and after an unlock for the records a locked Lanyard could only empty
 * (restore-tab.ts): the ids of their tabs are stale, so none is taken as the record's tab.
 */
export async function restoreEveryRecord(ctx: WorkerContext): Promise<void> {
  for (const record of Object.values(await loadTabRecords(ctx))) {
    // One app that does not load keeps its record (for the next start) and holds up no other.
    await restoreTab(ctx, record.tabId, { reload: false, tabOpen: false }).catch(() => undefined)
  }
  await stopAlarmWhenIdle(ctx)
}

/**
 * "This tab only" holds only while the tab's top-level document is on the app's exact origin
 * (scheme, host and port): the rule's `initiatorDomains` alone would match every port and every
 * subdomain of the app's host. A tab that shows anything else (or nothing Lanyard may see) ends it.
 * True when it ended.
 */
async function endRuleOfMovedTab(ctx: WorkerContext, record: TabRecord): Promise<boolean> {
  if (record.mode !== 'tab') return false
  const seen = await tabOrigin(ctx.browser, record.tabId)
  if (seen !== null && seen.origin === record.appOrigin) return false
  await restoreTab(ctx, record.tabId, { reload: false, tabOpen: seen !== null })
  await stopAlarmWhenIdle(ctx)
  return true
}

/** A navigation started: a tab-only rule ends at once if the tab left the app's origin. */
export async function onTabLoading(ctx: WorkerContext, tabId: number): Promise<void> {
  const record = (await loadTabRecords(ctx))[String(tabId)]
  if (record !== undefined) await endRuleOfMovedTab(ctx, record)
}

/** A reload or navigation in a borrowing tab: the moment an app's sign-out shows. */
export async function onTabLoaded(ctx: WorkerContext, tabId: number): Promise<void> {
  const record = (await loadTabRecords(ctx))[String(tabId)]
  if (record === undefined) return
  if (await endRuleOfMovedTab(ctx, record)) return
  await noticeSignOut(ctx, record.accountId)
  await showBadge(ctx.browser, tabId, await requireAccount(ctx, record.accountId), record.actingAs)
}

export async function onCheckAlarm(ctx: WorkerContext): Promise<void> {
  const accountIds = new Set(Object.values(await loadTabRecords(ctx)).map((r) => r.accountId))
  for (const accountId of accountIds) await noticeSignOut(ctx, accountId)
  await stopAlarmWhenIdle(ctx)
}

export async function stopAlarmWhenIdle(ctx: WorkerContext): Promise<void> {
  if (Object.keys(await loadTabRecords(ctx)).length === 0) await ctx.browser.alarms.clear(TAB_CHECK_ALARM)
}
