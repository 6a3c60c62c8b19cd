// The one browser facade of the worker: every extension API a feature uses, typed to the part it
// uses. index.ts builds the real one from the browser's own namespaces; unit tests pass the fake in
// testing/fake-browser.ts. No other worker module touches `chrome.*` or `browser.*`.
import type { StorageAreas } from '../shared/storage.ts'

export interface AlarmInfo {
  when?: number
  periodInMinutes?: number
  delayInMinutes?: number
}

export interface NotificationOptions {
  type: 'basic'
  iconUrl: string
  title: string
  message: string
  contextMessage?: string
  buttons?: { title: string }[]
  requireInteraction?: boolean
  priority?: number
}

export type CookieRecord = chrome.cookies.Cookie
export type SessionRule = chrome.declarativeNetRequest.Rule

/**
 * The rule that removes Origin from the worker's own requests (origin-rule.ts). A session rule since
 * `tabIds` (here `[-1]`: requests from no tab) is allowed only there; earlier versions kept it as a
 * dynamic rule, which is only ever removed now.
 */
export interface DynamicRule {
  id: number
  priority: number
  action: { type: 'modifyHeaders'; requestHeaders: { header: string; operation: 'remove' }[] }
  condition: { tabIds: [-1]; requestDomains: string[]; initiatorDomains: string[]; resourceTypes: ('xmlhttprequest' | 'other')[] }
}

export interface WorkerBrowser {
  storage: StorageAreas
  runtime: {
    readonly id: string
    getURL(path: string): string
  }
  alarms: {
    create(name: string, info: AlarmInfo): Promise<void>
    clear(name: string): Promise<boolean>
  }
  notifications: {
    create(id: string, options: NotificationOptions): Promise<unknown>
    clear(id: string): Promise<unknown>
  }
  action: {
    setTitle(details: { title: string }): Promise<void>
    setBadgeText(details: { text: string; tabId?: number }): Promise<void>
    setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>
  }
  dynamicRules: {
    updateDynamicRules(options: { removeRuleIds: number[]; addRules: DynamicRule[] }): Promise<void>
  }
  sessionRules: {
    getSessionRules(): Promise<SessionRule[]>
    updateSessionRules(options: { removeRuleIds?: number[]; addRules?: (SessionRule | DynamicRule)[] }): Promise<void>
  }
  permissions: {
    contains(wanted: { permissions?: string[]; origins?: string[] }): Promise<boolean>
  }
  identity: {
    getRedirectURL(path?: string): string
    launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>
  }
  i18n: {
    getMessage(key: string, substitutions?: string[]): string
  }
  tabs: {
    get(tabId: number): Promise<{ id?: number; url?: string; status?: string }>
    query(query: Record<string, never>): Promise<{ id?: number; url?: string; status?: string }[]>
    reload(tabId: number): Promise<void>
    create(details: { url: string; active: boolean }): Promise<{ id?: number }>
    remove(tabId: number): Promise<void>
  }
  /** An optional permission: present only once granted. */
  cookies: {
    getAll(details: { url: string; partitionKey?: chrome.cookies.CookiePartitionKey }): Promise<CookieRecord[]>
    set(details: chrome.cookies.SetDetails): Promise<unknown>
    remove(details: { url: string; name: string; storeId?: string; partitionKey?: chrome.cookies.CookiePartitionKey }): Promise<unknown>
  }
  /** An optional permission: present only once granted. */
  scripting: {
    /** `documentIds` (Chromium) binds the injection to those documents: a tab showing another one fails. */
    executeScript<Args extends unknown[], Result>(injection: {
      target: { tabId: number; documentIds?: string[] }
      func: (...args: Args) => Result
      args: Args
    }): Promise<{ result?: Awaited<Result>; documentId?: string }[]>
  }
}

export type SystemIdleState = 'active' | 'idle' | 'locked'

/** A page's message, as `runtime.onMessage` delivers it. */
export interface MessageSender {
  id?: string
  url?: string
  frameId?: number
  tab?: unknown
}

/** The browser events the worker listens to; the spine (spine.ts) registers each exactly once. */
export interface WorkerEvents {
  /** Returning a promise replies with its value; `undefined` does not reply. */
  onMessage(listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): void
  onInstalled(listener: () => void): void
  onStartup(listener: () => void): void
  onAlarm(listener: (alarm: { name: string }) => void): void
  onCommand(listener: (command: string) => void): void
  onTabRemoved(listener: (tabId: number) => void): void
  onTabUpdated(listener: (tabId: number, change: { status?: string }) => void): void
  onNotificationButton(listener: (notificationId: string, buttonIndex: number) => void): void
  onNotificationClosed(listener: (notificationId: string, byUser: boolean) => void): void
  onIdleStateChanged(listener: (state: SystemIdleState) => void): void
  /** The keys a write changed in one storage area (storage.onChanged). */
  onStorageChanged(listener: (area: string, keys: string[]) => void): void
}
