// Nothing dangles: a closed tab is restored from its record, a browser restart restores every
// record left (session rules and badges are gone by then, cookies and page storage are not), and
// while an identity is in effect an alarm checks that the borrowed sessions still hold.
import { requireAccount } from '../accounts.ts'
import type { TabIdentityDeps } from './deps.ts'
import { loadTabRecords } from './records.ts'
import { noticeSignOut, restoreTab } from './restore-tab.ts'
import { showBadge } from './tabs.ts'

export const TAB_CHECK_ALARM = 'tab-identity-check'
const CHECK_MINUTES = 1

export async function ensureCheckAlarm(deps: TabIdentityDeps): Promise<void> {
  await deps.alarms.create(TAB_CHECK_ALARM, { periodInMinutes: CHECK_MINUTES })
}

export async function onTabRemoved(deps: TabIdentityDeps, tabId: number): Promise<void> {
  await restoreTab(deps, tabId, { reload: false, tabOpen: false })
  await stopAlarmWhenIdle(deps)
}

export async function onBrowserStartup(deps: TabIdentityDeps): Promise<void> {
  for (const record of Object.values(await loadTabRecords(deps.ctx))) {
    await restoreTab(deps, record.tabId, { reload: false, tabOpen: false })
  }
  await stopAlarmWhenIdle(deps)
}

/** A reload or navigation in a borrowing tab: the moment an app's sign-out shows. */
export async function onTabLoaded(deps: TabIdentityDeps, tabId: number): Promise<void> {
  const record = (await loadTabRecords(deps.ctx))[String(tabId)]
  if (record === undefined) return
  await noticeSignOut(deps, record.accountId)
  await showBadge(deps.browser, tabId, await requireAccount(deps.ctx, record.accountId))
}

export async function onCheckAlarm(deps: TabIdentityDeps): Promise<void> {
  const accountIds = new Set(Object.values(await loadTabRecords(deps.ctx)).map((r) => r.accountId))
  for (const accountId of accountIds) await noticeSignOut(deps, accountId)
  await stopAlarmWhenIdle(deps)
}

export async function stopAlarmWhenIdle(deps: TabIdentityDeps): Promise<void> {
  if (Object.keys(await loadTabRecords(deps.ctx)).length === 0) await deps.alarms.clear(TAB_CHECK_ALARM)
}
