// "Restore": puts back exactly what "Use in this tab" replaced (docs/tab-identity.md section 1.6), also
// when the tab is gone (closed, or a browser restart) and only the record remains. While Lanyard is
// locked what was replaced cannot be opened: the borrowed session is then taken out of the rule,
// the cookies and the page at once, and the record waits for the unlock to put the old ones back.
import { loadAccounts } from '../accounts.ts'
import { recordActAs } from '../act-as/timeline.ts'
import { refreshAccount } from '../refresh.ts'
import type { WorkerContext } from '../context.ts'
import { clearSessionCookies, putBackCookie } from './endpoint-cookies.ts'
import { restoreFallback } from './page-storage.ts'
import { isLocked } from '../vault-lock.ts'
import { dropTabRecord, findTabRecord, openReplaced, type Replaced, type TabRecord } from './records.ts'
import { removeTabRule } from './tab-rule.ts'
import { clearBadge, inTabOfOrigin } from './tabs.ts'

export interface RestoreOptions {
  /** Reload the tab after (not when another identity follows at once). */
  reload: boolean
  /** False when the record's tab no longer exists, e.g. after a browser restart reused its id. */
  tabOpen?: boolean
  /** True when the use failed half-way: an act-as that never started gets no end on the timeline. */
  neverStarted?: boolean
  /** Whether to refresh the account after, to notice an app's sign-out (not while locking). */
  noticeSignOut?: boolean
}

/**
 * The borrowed session is the held one: if the app signed out with it, it ended on the server
 * (docs/tab-identity.md section 1.4, limit 3). A refresh notices and marks the account signed out.
 */
export async function noticeSignOut(ctx: WorkerContext, accountId: string): Promise<void> {
  await refreshAccount(ctx, accountId).catch(() => undefined)
}

/** The replaced state, or `null` while locked. */
async function openUnlessLocked(ctx: WorkerContext, record: TabRecord): Promise<Replaced | null> {
  try {
    return await openReplaced(ctx.vault, record)
  } catch (error) {
    if (isLocked(error)) return null
    throw error
  }
}

/**
 * Puts `replaced` back, or with `null` only takes the borrowed session out: every session cookie of
 * the project, and the page's `cookieFallback` (which only the "page" mode wrote).
 */
async function putBack(ctx: WorkerContext, record: TabRecord, replaced: Replaced | null, preferredTab: number | null): Promise<void> {
  const { browser } = ctx
  if (record.mode === 'tab') return
  // Whatever the project's cookies are now (the borrowed one, or one the app set since) goes first.
  await clearSessionCookies(browser, record.endpoint, record.appwriteProjectId)
  for (const cookie of replaced?.cookies ?? []) await putBackCookie(browser, record.endpoint, cookie)
  const fallback = replaced === null ? (record.mode === 'fallback' ? null : undefined) : replaced.fallback
  if (fallback !== undefined) {
    await inTabOfOrigin(browser, record.appOrigin, preferredTab, (target) => restoreFallback(browser, target, record.appOrigin, fallback))
  }
}

/** An act-as that had started ends on its operator's timeline (issue 15). */
async function recordActAsStop(ctx: WorkerContext, record: TabRecord, options: RestoreOptions): Promise<void> {
  if (record.actingAs === undefined || options.neverStarted) return
  const operator = (await loadAccounts(ctx)).find((a) => a.id === record.accountId)
  if (operator) await recordActAs(ctx, operator, 'actAsStopped', record.actingAs, { where: 'tab', appOrigin: record.appOrigin })
}

export async function restoreTab(ctx: WorkerContext, tabId: number, options: RestoreOptions): Promise<void> {
  const { browser } = ctx
  const record = await findTabRecord(ctx, tabId)
  if (record === null) return
  const tabOpen = options.tabOpen ?? true
  if (record.ruleId !== null) await removeTabRule(browser, record.ruleId)
  const replaced = await openUnlessLocked(ctx, record)
  await putBack(ctx, record, replaced, tabOpen ? tabId : null)
  // A "this tab only" record replaced nothing: with its rule gone, nothing waits for the unlock.
  if (replaced !== null || record.mode === 'tab') await dropTabRecord(ctx, tabId)
  await recordActAsStop(ctx, record, options)
  if (tabOpen) {
    await clearBadge(browser, tabId)
    if (options.reload) await browser.tabs.reload(tabId).catch(() => undefined)
  }
  if (options.noticeSignOut ?? true) await noticeSignOut(ctx, record.accountId)
}
