// The messages of "Use in this tab" (issue 7).
import type { Handlers } from '../../shared/messaging.ts'
import type { TabIdentityDeps } from './deps.ts'
import { getTabIdentity } from './detect.ts'
import { stopAlarmWhenIdle } from './lifecycle.ts'
import { restoreTab } from './restore-tab.ts'
import { useInTab } from './use-in-tab.ts'

export function tabIdentityHandlers(deps: TabIdentityDeps) {
  return {
    getTabIdentity: (input) => getTabIdentity(deps, input.tabId),
    useInTab: (input) => useInTab(deps, input),
    async restoreTab(input) {
      await restoreTab(deps, input.tabId, { reload: true })
      await stopAlarmWhenIdle(deps)
    },
  } satisfies Partial<Handlers>
}
