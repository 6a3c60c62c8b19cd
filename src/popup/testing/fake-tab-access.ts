// The popup's tab access for unit tests: one tab, and a record of the permissions asked for.
import type { PermissionSet } from '../../shared/tab-permissions.ts'
import type { TabAccess } from '../tab-access.ts'

export function fakeTabAccess(tabId: number, granted = true): TabAccess & { requests: PermissionSet[] } {
  const requests: PermissionSet[] = []
  return {
    requests,
    currentTabId: async () => tabId,
    hasPermissions: async () => false,
    requestPermissions: async (set) => {
      requests.push(set)
      return granted
    },
  }
}
