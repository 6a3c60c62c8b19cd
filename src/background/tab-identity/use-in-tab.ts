// "Use in this tab" (docs/tab-identity.md): saves what it replaces, sealed, BEFORE changing anything,
// then applies the chosen mode, marks the tab and reloads it so the app rebuilds its user state.
import type { ActingTarget, InputOf, TabIdentity, TabIdentityMode } from '../../shared/protocol.ts'
import { recordActAs } from '../act-as/timeline.ts'
import { tabIdentityPermissions } from '../../shared/tab-permissions.ts'
import { withSession, type HeldSession } from '../account-session.ts'
import { WorkerError } from '../errors.ts'
import type { WorkerContext } from '../context.ts'
import { loadAccounts } from '../accounts.ts'
import { requirePermissions } from './permissions.ts'
import { borrowedCookie, clearSessionCookies, listSessionCookies, sessionCookieName } from './endpoint-cookies.ts'
import { ensureCheckAlarm } from './lifecycle.ts'
import { readFallback, writeFallback, type PageDocument } from './page-storage.ts'
import { dropTabRecord, findTabRecord, loadTabRecords, saveTabRecord, sealReplaced, toIdentity, type Replaced, type TabRecord } from './records.ts'
import { restoreTab } from './restore-tab.ts'
import { nextRuleId, setTabRule } from './tab-rule.ts'
import { showBadge, tabOrigin, tabUnavailable } from './tabs.ts'

/** Cookies and the page's storage are shared beyond the tab: two tabs may not borrow them at once. */
const pageWide = (mode: TabIdentityMode) => mode !== 'tab'

async function findAccount(ctx: WorkerContext, accountId: string | undefined) {
  return (await loadAccounts(ctx)).find((a) => a.id === accountId)
}

const isTabMoved = (error: unknown) => error instanceof WorkerError && error.data.type === 'lanyard_tab_moved'

function sameTarget(record: TabRecord, mode: TabIdentityMode, appOrigin: string, held: HeldSession): boolean {
  return record.mode === mode && record.appOrigin === appOrigin && record.projectId === held.project.id
}

async function refuseSharedUse(ctx: WorkerContext, tabId: number, mode: TabIdentityMode, held: HeldSession): Promise<void> {
  if (!pageWide(mode)) return
  const other = Object.values(await loadTabRecords(ctx)).find(
    (r) => r.tabId !== tabId && pageWide(r.mode) && r.endpoint === held.project.endpoint && r.appwriteProjectId === held.project.projectId,
  )
  if (other) {
    throw WorkerError.of(
      'lanyard_tab_in_use',
      409,
      `Another tab (${other.appOrigin}) already uses an account of this project. Restore that tab first, or use "this tab only".`,
    )
  }
}

/**
 * Reads what the mode will replace, exactly as it is now; for the page's storage also the document
 * it was read from (checked to be on `appOrigin`), where the write must then land.
 */
async function readReplaced(ctx: WorkerContext, tabId: number, mode: TabIdentityMode, appOrigin: string, held: HeldSession): Promise<{ replaced: Replaced; page: PageDocument | null }> {
  if (mode === 'tab') return { replaced: { cookies: [] }, page: null }
  if (mode === 'cookie') return { replaced: { cookies: await listSessionCookies(ctx.browser, held.project.endpoint, held.project.projectId) }, page: null }
  // The page first: a tab that moved on stops everything before a cookie is read or changed.
  const { value, page } = await readFallback(ctx.browser, tabId, appOrigin)
  const cookies = await listSessionCookies(ctx.browser, held.project.endpoint, held.project.projectId)
  return { replaced: { cookies, fallback: value }, page }
}

async function apply(ctx: WorkerContext, record: TabRecord, held: HeldSession, page: PageDocument | null): Promise<void> {
  const { browser } = ctx
  const { endpoint, projectId } = held.project
  if (record.mode === 'tab') {
    if (record.ruleId === null) throw new Error('A tab-only record has no rule id.')
    await setTabRule(browser, record.ruleId, record, held.session)
    return
  }
  if (record.mode === 'cookie') {
    await clearSessionCookies(browser, endpoint, projectId)
    await browser.cookies.set(borrowedCookie(endpoint, projectId, held.session))
    return
  }
  // A kept record was read at its first use; bind to the document as it is now, on the same origin.
  const target = page ?? (await readFallback(browser, record.tabId, record.appOrigin)).page
  // The page's write first: if the tab moved on, it fails before the endpoint's cookies are touched.
  await writeFallback(browser, target, sessionCookieName(projectId), held.session)
  await clearSessionCookies(browser, endpoint, projectId)
}

/**
 * Checks the operator and its target (act-as/operator.ts), or nothing for a plain use: then the
 * account is read, as ever, so a session the server no longer accepts is never placed in a page.
 */
export type ActAsCheck = (held: HeldSession) => Promise<ActingTarget>

/** The record's act-as part: present only while acting, so a plain record stays as it always was. */
function withActing(record: TabRecord, actingAs: ActingTarget | undefined): TabRecord {
  const { actingAs: _previous, ...plain } = record
  return actingAs === undefined ? plain : { ...plain, actingAs }
}

/** "Use in this tab", and with `actAs` "Use in this tab as" (issue 15): mode `tab` only. */
/** A kept record that changes whom it acts as ends the previous act-as on the record. */
async function recordActAsChange(ctx: WorkerContext, kept: TabRecord | null, record: TabRecord): Promise<void> {
  const where = { where: 'tab' as const, appOrigin: record.appOrigin }
  const before = kept?.actingAs
  const after = record.actingAs
  if (before !== undefined && (after === undefined || before.userId !== after.userId || kept?.accountId !== record.accountId)) {
    const previousOperator = await findAccount(ctx, kept?.accountId)
    if (previousOperator) await recordActAs(ctx, previousOperator, 'actAsStopped', before, where)
  }
  if (after !== undefined && (before?.userId !== after.userId || kept?.accountId !== record.accountId)) {
    const operator = await findAccount(ctx, record.accountId)
    if (operator) await recordActAs(ctx, operator, 'actAsStarted', after, where)
  }
}

export async function useInTab(ctx: WorkerContext, input: InputOf<'useInTab'>, actAs?: ActAsCheck): Promise<TabIdentity> {
  const { browser } = ctx
  const { tabId, mode } = input
  const seen = await tabOrigin(browser, tabId)
  if (seen === null || seen.origin === null) throw tabUnavailable()
  if (seen.origin !== input.appOrigin) {
    throw WorkerError.of('lanyard_tab_moved', 409, `This tab now shows ${seen.origin}, not ${input.appOrigin}. Open Lanyard again and choose once more.`)
  }
  const appOrigin = seen.origin
  // A session the server no longer accepts is never placed in a page; this also notices one that ended.
  return withSession(ctx, input.accountId, async (held) => {
    await requirePermissions(browser, tabIdentityPermissions(mode, appOrigin, held.project.endpoint))
    const actingAs = actAs ? await actAs(held) : undefined
    if (actingAs === undefined) await held.client.getAccount(held.session)
    await refuseSharedUse(ctx, tabId, mode, held)
    const previous = await findTabRecord(ctx, tabId)
    const kept = previous !== null && sameTarget(previous, mode, appOrigin, held) ? previous : null
    if (previous !== null && kept === null) await restoreTab(ctx, tabId, { reload: false })

    const since = kept?.since ?? ctx.now()
    const read = kept ? null : await readReplaced(ctx, tabId, mode, appOrigin, held)
    const base: TabRecord = kept
      ? { ...kept, accountId: held.account.id }
      : {
          v: 1,
          tabId,
          accountId: held.account.id,
          projectId: held.project.id,
          mode,
          appOrigin,
          endpoint: held.project.endpoint,
          appwriteProjectId: held.project.projectId,
          since,
          ruleId: mode === 'tab' ? await nextRuleId(browser) : null,
          replaced: await sealReplaced(ctx.vault, tabId, since, read?.replaced ?? { cookies: [] }),
        }
    const record = withActing(base, actingAs)
    await saveTabRecord(ctx, record)
    try {
      await apply(ctx, record, held, read?.page ?? null)
    } catch (error) {
      // A tab that moved on got nothing (the page's write comes before any cookie change): just forget the record.
      if (kept === null && isTabMoved(error)) await dropTabRecord(ctx, tabId)
      // Half applied is worse than not at all: put back what was saved, then report.
      else if (kept === null) await restoreTab(ctx, tabId, { reload: false, neverStarted: true }).catch(() => undefined)
      throw error
    }
    await ensureCheckAlarm(ctx)
    await showBadge(browser, tabId, held.account, record.actingAs)
    await recordActAsChange(ctx, kept, record)
    await browser.tabs.reload(tabId)
    return toIdentity(record)
  })
}
