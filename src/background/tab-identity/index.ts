// Wires "Use in this tab" into the worker: its dependencies, and its listeners, which index.ts
// registers synchronously at top level like every other (a tab closing must wake the worker).
import type { WorkerContext } from '../context.ts'
import { deviceKeySource } from '../vault.ts'
import { chromeTabBrowser } from './browser.ts'
import type { TabIdentityDeps } from './deps.ts'
import { onBrowserStartup, onCheckAlarm, onTabLoaded, onTabRemoved, TAB_CHECK_ALARM } from './lifecycle.ts'

export { tabIdentityHandlers } from './handlers.ts'

export function tabIdentityDeps(ctx: WorkerContext): TabIdentityDeps {
  return {
    ctx,
    browser: chromeTabBrowser(),
    keys: deviceKeySource(),
    alarms: { create: (name, info) => chrome.alarms.create(name, info), clear: (name) => chrome.alarms.clear(name) },
  }
}

export function listenForTabs(deps: TabIdentityDeps, inBackground: (task: () => Promise<unknown>) => Promise<void>): void {
  chrome.tabs.onRemoved.addListener((tabId) => void inBackground(() => onTabRemoved(deps, tabId)))
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void inBackground(() => onTabLoaded(deps, tabId))
  })
  chrome.runtime.onStartup.addListener(() => void inBackground(() => onBrowserStartup(deps)))
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TAB_CHECK_ALARM) void inBackground(() => onCheckAlarm(deps))
  })
}
