// The real browser behind the facade (browser.ts): the only worker module that names the extension
// namespaces. webextension-polyfill for the APIs both browsers share; Chrome's own namespace for the
// tab-identity parts, read at the moment of use because `cookies` and `scripting` are optional
// permissions whose namespaces appear only once granted (docs/tab-identity.md section 1.5).
import browser, { type Notifications } from 'webextension-polyfill'
import type { WorkerBrowser, WorkerEvents } from './browser.ts'

export function realBrowser(): WorkerBrowser {
  return {
    storage: { local: browser.storage.local, session: browser.storage.session },
    runtime: { id: browser.runtime.id, getURL: (path) => browser.runtime.getURL(path) },
    alarms: {
      create: (name, info) => browser.alarms.create(name, info),
      clear: (name) => browser.alarms.clear(name),
    },
    notifications: {
      // Firefox refuses `buttons` and `requireInteraction` (browser-kind.ts drops them there).
      create: (id, options) => browser.notifications.create(id, options as Notifications.CreateNotificationOptions),
      clear: (id) => browser.notifications.clear(id),
    },
    action: {
      setTitle: (details) => browser.action.setTitle(details),
      setBadgeText: (details) => browser.action.setBadgeText(details),
      setBadgeBackgroundColor: (details) => browser.action.setBadgeBackgroundColor(details),
    },
    dynamicRules: {
      updateDynamicRules: (options) => browser.declarativeNetRequest.updateDynamicRules(options as Parameters<typeof browser.declarativeNetRequest.updateDynamicRules>[0]),
    },
    sessionRules: {
      getSessionRules: () => chrome.declarativeNetRequest.getSessionRules(),
      updateSessionRules: (options) => chrome.declarativeNetRequest.updateSessionRules(options),
    },
    permissions: { contains: (wanted) => browser.permissions.contains(wanted) },
    identity: {
      getRedirectURL: (path) => browser.identity.getRedirectURL(path),
      launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    },
    i18n: { getMessage: (key, substitutions) => browser.i18n.getMessage(key, substitutions) },
    tabs: {
      get: (tabId) => chrome.tabs.get(tabId),
      query: (query) => chrome.tabs.query(query),
      reload: (tabId) => chrome.tabs.reload(tabId),
      create: (details) => chrome.tabs.create(details),
      remove: (tabId) => chrome.tabs.remove(tabId),
    },
    get cookies() {
      return chrome.cookies
    },
    get scripting() {
      return chrome.scripting as unknown as WorkerBrowser['scripting']
    },
  }
}

export function realEvents(): WorkerEvents {
  return {
    onMessage: (listener) => browser.runtime.onMessage.addListener(listener),
    onInstalled: (listener) => browser.runtime.onInstalled.addListener(listener),
    onStartup: (listener) => browser.runtime.onStartup.addListener(listener),
    onAlarm: (listener) => browser.alarms.onAlarm.addListener(listener),
    onCommand: (listener) => browser.commands.onCommand.addListener(listener),
    onTabRemoved: (listener) => browser.tabs.onRemoved.addListener(listener),
    onTabUpdated: (listener) => browser.tabs.onUpdated.addListener(listener),
    onNotificationButton: (listener) => browser.notifications.onButtonClicked.addListener(listener),
    onNotificationClosed: (listener) => browser.notifications.onClosed.addListener(listener),
    onIdleStateChanged: (listener) => browser.idle.onStateChanged.addListener(listener),
    onStorageChanged: (listener) => browser.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes))),
  }
}
