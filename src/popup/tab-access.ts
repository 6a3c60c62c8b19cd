// The tab the popup acts on, and the optional permissions "Use in this tab" asks for (issue 7).
import { pageBrowser as browser } from '../ui/page-browser.ts'
import type { PermissionSet } from '../shared/tab-permissions.ts'

export interface TabAccess {
  /** The tab the popup acts on; `null` when there is none. */
  currentTabId(): Promise<number | null>
  /** Must run inside the click handler: browsers grant only on a user gesture. */
  requestPermissions(set: PermissionSet): Promise<boolean>
  /** Whether the browser granted them already (then the popup stops explaining why it asks). */
  hasPermissions(set: PermissionSet): Promise<boolean>
}

/**
 * The toolbar opens the popup for the active tab of its window. Opened as a page (`?tab=<id>`,
 * e.g. by the end-to-end tests, where the popup itself would be the active tab) it acts on that tab.
 */
export const extensionTabAccess: TabAccess = {
  async currentTabId() {
    const named = new URLSearchParams(location.search).get('tab')
    if (named !== null && /^\d{1,10}$/.test(named)) return Number(named)
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true })
    return tab?.id ?? null
  },
  requestPermissions: (set) => browser.permissions.request({ permissions: set.permissions, origins: set.origins }),
  hasPermissions: (set) => browser.permissions.contains({ permissions: set.permissions, origins: set.origins }),
}
