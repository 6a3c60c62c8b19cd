// Browsers add `Origin: chrome-extension://<id>` (Firefox: `moz-extension://<uuid>`) to the worker's
// POST/PATCH/DELETE, and Appwrite rejects origins no platform lists; with no Origin it skips the
// check (docs/appwrite/wire.md section 9). So one DNR rule removes `origin` from the extension's own
// requests to configured endpoints. `initiatorDomains` keeps web pages' requests untouched
// (docs/toolchain.md section 4), and `tabIds: [-1]` (requests from no tab) keeps out a page served
// from a host named like the extension id. Browsers take `tabIds` only in session rules, so it is
// one: it persists across worker stops, and is rebuilt on change and at every browser start.
import type { Project } from '../shared/protocol.ts'
import type { DynamicRule, WorkerBrowser } from './browser.ts'

export const ORIGIN_RULE_ID = 1

/** DNR matches on host names: no port, no IPv6 brackets. */
export function endpointHosts(projects: readonly Project[]): string[] {
  const hosts = projects.map((p) => new URL(p.endpoint).hostname.replace(/^\[(.*)\]$/, '$1'))
  return [...new Set(hosts)].sort()
}

/** `null` when no project is configured: then no rule at all. */
export function buildOriginRule(projects: readonly Project[], extensionHost: string): DynamicRule | null {
  const requestDomains = endpointHosts(projects)
  if (requestDomains.length === 0) return null
  return {
    id: ORIGIN_RULE_ID,
    priority: 1,
    action: { type: 'modifyHeaders', requestHeaders: [{ header: 'origin', operation: 'remove' }] },
    // A worker fetch is `xmlhttprequest` to DNR; `other` alone did not match (docs/toolchain.md section 4).
    condition: { tabIds: [-1], requestDomains, initiatorDomains: [extensionHost], resourceTypes: ['xmlhttprequest', 'other'] },
  }
}


/** Also removes the dynamic rule of earlier versions, which had no `tabIds`. */
export async function syncOriginRule(browser: Pick<WorkerBrowser, 'dynamicRules' | 'sessionRules'>, projects: readonly Project[], extensionHost: string): Promise<void> {
  const rule = buildOriginRule(projects, extensionHost)
  await browser.dynamicRules.updateDynamicRules({ removeRuleIds: [ORIGIN_RULE_ID], addRules: [] })
  await browser.sessionRules.updateSessionRules({ removeRuleIds: [ORIGIN_RULE_ID], addRules: rule ? [rule] : [] })
}
