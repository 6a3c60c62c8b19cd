// Locking ends every lent identity (issue 17 item 2): a tab rule carries the session in plain text
// (any extension page can read it with getSessionRules) and the "page" and "cookie" modes leave it in
// the app's storage, so "while locked, no secret can be read" holds only once all of them are gone.
// Generic over every record and every session rule, whatever the mode or the headers a rule sets.
import type { WorkerContext } from '../context.ts'
import { stopAlarmWhenIdle } from './lifecycle.ts'
import { loadTabRecords } from './records.ts'
import { restoreTab } from './restore-tab.ts'
import { removeEveryLentRule } from './tab-rule.ts'
import { tabOrigin } from './tabs.ts'

/**
 * Restores every tab (reloading those still on their app's origin), then removes every session rule
 * but the Origin rule. A tab that cannot be restored keeps its record, sealed; while locked,
 * `restoreTab` takes the borrowed session out and the unlock puts the old one back.
 * Never throws: a page that does not answer must not keep Lanyard from locking.
 */
export async function endAllTabIdentities(ctx: WorkerContext): Promise<void> {
  for (const record of Object.values(await loadTabRecords(ctx))) {
    const seen = await tabOrigin(ctx.browser, record.tabId)
    const options = { reload: seen?.origin === record.appOrigin, tabOpen: seen !== null, noticeSignOut: false }
    await restoreTab(ctx, record.tabId, options).catch(() => undefined)
  }
  await removeEveryLentRule(ctx.browser).catch(() => undefined)
  await stopAlarmWhenIdle(ctx).catch(() => undefined)
}
