// "Use in this tab" as a worker feature: its requests, the alarm that notices an app's sign-out,
// and the tab and browser events that make sure nothing borrowed is left behind (lifecycle.ts).
import type { WorkerContext } from '../context.ts'
import type { Feature, Handlers } from '../spine.ts'
import { getTabIdentity } from './detect.ts'
import { restoreEveryRecord, onCheckAlarm, onTabLoaded, onTabLoading, onTabRemoved, stopAlarmWhenIdle, TAB_CHECK_ALARM } from './lifecycle.ts'
import { restoreTab } from './restore-tab.ts'
import { useInTab } from './use-in-tab.ts'

export function tabIdentityFeature(ctx: WorkerContext): Feature {
  return {
    requests: {
      getTabIdentity: (input) => getTabIdentity(ctx, input.tabId),
      useInTab: (input) => useInTab(ctx, input),
      async restoreTab(input) {
        await restoreTab(ctx, input.tabId, { reload: true })
        await stopAlarmWhenIdle(ctx)
      },
    } satisfies Partial<Handlers>,
    alarms: { [TAB_CHECK_ALARM]: () => onCheckAlarm(ctx) },
    tabRemoved: (tabId) => onTabRemoved(ctx, tabId),
    tabLoaded: (tabId) => onTabLoaded(ctx, tabId),
    tabLoading: (tabId) => onTabLoading(ctx, tabId),
    browserStarted: () => restoreEveryRecord(ctx),
  }
}
