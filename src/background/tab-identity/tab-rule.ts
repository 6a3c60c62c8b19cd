// "This tab only": a DNR session rule scoped by `tabIds` replaces the tab's credentials on its
// requests to the endpoint (docs/tab-identity.md section 1.4). The browser drops session rules at
// restart; the worker removes the rule on restore and when the tab closes.
// Limits, stated to the person: the realtime WebSocket handshake is not rewritten, and requests of
// the page's own service worker (tabId -1) are not covered.
import type { ActingTarget } from '../../shared/protocol.ts'
import type { WorkerBrowser } from '../browser.ts'
import { ORIGIN_RULE_ID } from '../origin-rule.ts'
import { sessionCookieName } from './endpoint-cookies.ts'

/** Session rules share no id space with the dynamic Origin rule, but stay clear of it anyway. */
const FIRST_RULE_ID = 1000

/** DNR matches host names: no port, no IPv6 brackets. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1')
}

export interface TabTarget {
  tabId: number
  appOrigin: string
  endpoint: string
  appwriteProjectId: string
  /** "Use in this tab as" (issue 15): the rule also names the impersonation target. */
  actingAs?: Pick<ActingTarget, 'userId'>
}

/** docs/appwrite/wire-2x.md section 5.2: the header beats the query parameter and the email and phone headers. */
const IMPERSONATE_HEADER = 'x-appwrite-impersonate-user-id'

/**
 * `initiatorDomains` keeps the borrowed session to the app's host name, but matches every port and
 * every subdomain of it: the exact origin (scheme, host and port) is kept by the worker, which
 * ends the rule as soon as the tab's top-level document leaves it (lifecycle.ts, `endRuleOfMovedTab`).
 */
export function tabRule(id: number, target: TabTarget, session: string): chrome.declarativeNetRequest.Rule {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType,
      requestHeaders: [
        // A cookie beats both headers (docs/appwrite/wire.md section 1.1), so it must not reach the server.
        { header: 'cookie', operation: 'remove' as chrome.declarativeNetRequest.HeaderOperation },
        // X-Appwrite-Session for 1.5+, the fallback map for older servers (docs/appwrite/wire.md sections 1.5, 1.6).
        { header: 'x-appwrite-session', operation: 'set' as chrome.declarativeNetRequest.HeaderOperation, value: session },
        {
          header: 'x-fallback-cookies',
          operation: 'set' as chrome.declarativeNetRequest.HeaderOperation,
          value: JSON.stringify({ [sessionCookieName(target.appwriteProjectId)]: session }),
        },
        ...(target.actingAs === undefined
          ? []
          : [{ header: IMPERSONATE_HEADER, operation: 'set' as chrome.declarativeNetRequest.HeaderOperation, value: target.actingAs.userId }]),
      ],
    },
    condition: {
      tabIds: [target.tabId],
      requestDomains: [hostOf(target.endpoint)],
      initiatorDomains: [hostOf(target.appOrigin)],
      // Acting as someone also asks for the realtime handshake, where the browser rewrites it (Chromium
      // does not, docs/tab-identity.md section 1.4 limit 1): a plain use keeps its tested scope.
      resourceTypes: (target.actingAs === undefined ? ['xmlhttprequest'] : ['xmlhttprequest', 'websocket']) as chrome.declarativeNetRequest.ResourceType[],
    },
  }
}

/** The next free session rule id, stored in the record before the rule is added. */
export async function nextRuleId(browser: WorkerBrowser): Promise<number> {
  const existing = await browser.sessionRules.getSessionRules()
  return Math.max(FIRST_RULE_ID - 1, ...existing.map((rule) => rule.id)) + 1
}

/** Adds the rule, or replaces it under the same id when the tab switches to another account. */
export async function setTabRule(browser: WorkerBrowser, ruleId: number, target: TabTarget, session: string): Promise<void> {
  await browser.sessionRules.updateSessionRules({ removeRuleIds: [ruleId], addRules: [tabRule(ruleId, target, session)] })
}

/**
 * Every session rule but the Origin rule lends a session (a tab identity's, whatever headers it
 * sets): all of them go, records or not.
 */
export async function removeEveryLentRule(browser: WorkerBrowser): Promise<void> {
  const ids = (await browser.sessionRules.getSessionRules()).map((rule) => rule.id).filter((id) => id !== ORIGIN_RULE_ID)
  if (ids.length > 0) await browser.sessionRules.updateSessionRules({ removeRuleIds: ids })
}

export async function removeTabRule(browser: WorkerBrowser, ruleId: number): Promise<void> {
  await browser.sessionRules.updateSessionRules({ removeRuleIds: [ruleId] })
}
