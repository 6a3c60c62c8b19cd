// "Restore": puts back exactly what "Use in this tab" replaced (docs/tab-identity.md section 1.6), also
// when the tab is gone (closed, or a browser restart) and only the record remains.
import { loadAccounts } from '../accounts.ts'
import { recordActAs } from '../act-as/timeline.ts'
import { refreshAccount } from '../refresh.ts'
import type { WorkerContext } from '../context.ts'
import { clearSessionCookies, putBackCookie } from './endpoint-cookies.ts'
import { restoreFallback } from './page-storage.ts'
import { dropTabRecord, findTabRecord, openReplaced } from './records.ts'
import { removeTabRule } from './tab-rule.ts'
import { clearBadge, inTabOfOrigin } from './tabs.ts'

export interface RestoreOptions {
  /** Reload the tab after (not when another identity follows at once). */
  reload: boolean
  /** False when the record's tab no longer exists, e.g. after a browser restart reused its id. */
  tabOpen?: boolean
  /** True when the use failed half-way: an act-as that never started gets no end on the timeline. */
  neverStarted?: boolean
}

/**
 * The borrowed session is the held one: if the app signed out with it, it ended on the server
 * (docs/tab-identity.md section 1.4, limit 3). A refresh notices and marks the account signed out.
 */
export async function noticeSignOut(ctx: WorkerContext, accountId: string): Promise<void> {
  await refreshAccount(ctx, accountId).catch(() => undefined)
}

export async function restoreTab(ctx: WorkerContext, tabId: number, options: RestoreOptions): Promise<void> {
  const { browser } = ctx
  const record = await findTabRecord(ctx, tabId)
  if (record === null) return
  const tabOpen = options.tabOpen ?? true
  const replaced = await openReplaced(ctx.deviceKey, record)
  if (record.ruleId !== null) await removeTabRule(browser, record.ruleId)
  if (record.mode !== 'tab') {
    // Whatever the project's cookies are now (the borrowed one, or one the app set since) goes first.
    await clearSessionCookies(browser, record.endpoint, record.appwriteProjectId)
    for (const cookie of replaced.cookies) await putBackCookie(browser, record.endpoint, cookie)
  }
  const fallback = replaced.fallback
  if (fallback !== undefined) {
    await inTabOfOrigin(browser, record.appOrigin, tabOpen ? tabId : null, (target) => restoreFallback(browser, target, record.appOrigin, fallback))
  }
  await dropTabRecord(ctx, tabId)
  const operator = record.actingAs && !options.neverStarted && (await loadAccounts(ctx)).find((a) => a.id === record.accountId)
  if (record.actingAs && operator) await recordActAs(ctx, operator, 'actAsStopped', record.actingAs, { where: 'tab', appOrigin: record.appOrigin })
  if (tabOpen) {
    await clearBadge(browser, tabId)
    if (options.reload) await browser.tabs.reload(tabId).catch(() => undefined)
  }
  await noticeSignOut(ctx, record.accountId)
}
