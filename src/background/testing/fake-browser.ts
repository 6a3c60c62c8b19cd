// An in-memory browser behind the worker's facade (browser.ts), for unit tests of every feature:
// storage areas with change events, alarms, dynamic and session rules, notifications, the badge,
// tabs, cookies, page scripts, permissions and identity. It records what the worker asked for, so a
// test checks effects the way the browser would see them, and fires events the way it would send them.
import type { StorageAreaLike, StorageChanges } from '../../shared/storage.ts'
import type { AlarmInfo, CookieRecord, DynamicRule, MessageSender, NotificationOptions, SessionRule, SystemIdleState, WorkerBrowser, WorkerEvents } from '../browser.ts'
import { memoryStorage } from './memory-storage.ts'

export const FAKE_EXTENSION_ID = 'fakeextensionidfakeextensionidab'
export const FAKE_EXTENSION_ORIGIN = `chrome-extension://${FAKE_EXTENSION_ID}`

export interface FakeTab {
  id: number
  url: string
  status: 'loading' | 'complete'
  /** The top-level document; a navigation or reload makes a new one. */
  documentId: string
}

type Listener<A extends unknown[]> = (...args: A) => unknown
type EventName = keyof WorkerEvents
type ListenerOf<K extends EventName> = Parameters<WorkerEvents[K]>[0]

export interface FakeBrowser {
  browser: WorkerBrowser
  events: WorkerEvents
  /** What the worker left in the browser. */
  state: {
    storage: { local: Record<string, unknown>; session: Record<string, unknown> }
    alarms: Map<string, AlarmInfo>
    dynamicRules: DynamicRule[]
    sessionRules: (SessionRule | DynamicRule)[]
    notifications: Map<string, NotificationOptions>
    /** Badge text by tab id; `global` for the toolbar's own. */
    badges: Map<number | 'global', string>
    /** The toolbar button's title and badge colour (global only). */
    toolbar: { title: string; color: string }
    tabs: Map<number, FakeTab>
    cookies: CookieRecord[]
    granted: { permissions: Set<string>; origins: Set<string> }
    /** URLs `identity.launchWebAuthFlow` was opened with. */
    authFlows: string[]
  }
  /** What the next `launchWebAuthFlow` resolves with (or throws); default: the window was closed. */
  answerAuthFlow(answer: (url: string) => Promise<string | undefined>): void
  /** Each storage change event, as `storage.onChanged` would deliver it. */
  storageChanges: { area: 'local' | 'session'; changes: StorageChanges }[]
  /** A browser restart: storage.session, session rules, badges and alarms' timers are gone. */
  restartBrowser(): void
  /** The browser stops the worker: its listeners are gone, storage and everything else stay. */
  stopWorker(): void
  openTab(url: string): FakeTab
  /** The tab loads `url` in a new document (no event fired: fire `tabUpdated` for that). */
  navigate(tabId: number, url: string): void
  /** Runs before each injected function, e.g. to move the tab on at that very moment. */
  beforeScript(hook: ((tab: FakeTab) => void) | null): void
  /** Sends a message as a page would; `sender` defaults to Lanyard's own options page. */
  sendMessage(message: unknown, sender?: MessageSender): Promise<unknown> | undefined
  fire: {
    installed(): void
    startup(): void
    alarm(name: string): void
    command(name: string): void
    tabRemoved(tabId: number): void
    tabUpdated(tabId: number, change: { status?: string }): void
    notificationButton(id: string, index: number): void
    notificationClosed(id: string, byUser: boolean): void
    idle(state: SystemIdleState): void
  }
}

export const OWN_PAGE: MessageSender = { id: FAKE_EXTENSION_ID, url: `${FAKE_EXTENSION_ORIGIN}/src/options/options.html`, frameId: 0 }

/** The manifest's `host_permissions`: granted at install. */
export const INSTALL_HOSTS = ['https://*.cloud.appwrite.io/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*']

/** A match pattern as a test of a URL or of a narrower pattern (ports are not part of a pattern). */
function patternTest(pattern: string): (target: string) => boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
  return (target) => {
    if (!/^[a-z-]+:\/\/[^/]*:\d+/.test(target)) return regex.test(target)
    const url = new URL(target)
    return regex.test(`${url.protocol}//${url.hostname}${url.pathname}`)
  }
}

export function fakeBrowser(initialLocal: Record<string, unknown> = {}): FakeBrowser {
  const memory = memoryStorage(initialLocal)
  const storageChanges: FakeBrowser['storageChanges'] = []
  const listeners = new Map<EventName, Listener<never[]>[]>()
  const state: FakeBrowser['state'] = {
    storage: memory.data,
    alarms: new Map(),
    dynamicRules: [],
    sessionRules: [],
    notifications: new Map(),
    badges: new Map(),
    toolbar: { title: '', color: '' },
    tabs: new Map(),
    cookies: [],
    granted: { permissions: new Set(), origins: new Set(INSTALL_HOSTS) },
    authFlows: [],
  }
  let authFlow: (url: string) => Promise<string | undefined> = async () => {
    throw new Error('The user did not approve access.')
  }
  let nextTabId = 1
  let nextDocument = 1
  let scriptHook: ((tab: FakeTab) => void) | null = null

  function area(name: 'local' | 'session'): StorageAreaLike {
    const inner = memory.areas()[name]
    return {
      get: (keys) => inner.get(keys),
      async set(values) {
        const changes: StorageChanges = {}
        for (const [key, value] of Object.entries(values)) changes[key] = { oldValue: memory.data[name][key], newValue: structuredClone(value) }
        await inner.set(values)
        storageChanges.push({ area: name, changes })
        emit('onStorageChanged', name, Object.keys(changes))
      },
      async remove(keys) {
        const changes: StorageChanges = {}
        for (const key of typeof keys === 'string' ? [keys] : keys) if (key in memory.data[name]) changes[key] = { oldValue: memory.data[name][key] }
        await inner.remove(keys)
        storageChanges.push({ area: name, changes })
        if (Object.keys(changes).length > 0) emit('onStorageChanged', name, Object.keys(changes))
      },
    }
  }

  function on<K extends EventName>(name: K): WorkerEvents[K] {
    return ((listener: ListenerOf<K>) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener as Listener<never[]>])
    }) as WorkerEvents[K]
  }

  function emit(name: EventName, ...args: unknown[]): unknown[] {
    return (listeners.get(name) ?? []).map((listener) => (listener as Listener<unknown[]>)(...args))
  }

  const browser: WorkerBrowser = {
    storage: { local: area('local'), session: area('session') },
    runtime: { id: FAKE_EXTENSION_ID, getURL: (path) => `${FAKE_EXTENSION_ORIGIN}/${path}` },
    alarms: {
      async create(name, info) {
        state.alarms.set(name, { ...info })
      },
      clear: async (name) => state.alarms.delete(name),
    },
    notifications: {
      async create(id, options) {
        state.notifications.set(id, options)
        return id
      },
      clear: async (id) => state.notifications.delete(id),
    },
    action: {
      async setBadgeText({ text, tabId }) {
        state.badges.set(tabId ?? 'global', text)
      },
      async setBadgeBackgroundColor({ color, tabId }) {
        if (tabId === undefined) state.toolbar.color = color
      },
      async setTitle({ title }) {
        state.toolbar.title = title
      },
    },
    dynamicRules: {
      async updateDynamicRules({ removeRuleIds, addRules }) {
        state.dynamicRules = [...state.dynamicRules.filter((r) => !removeRuleIds.includes(r.id)), ...addRules]
      },
    },
    sessionRules: {
      getSessionRules: async () => structuredClone(state.sessionRules),
      async updateSessionRules({ removeRuleIds = [], addRules = [] }) {
        state.sessionRules = [...state.sessionRules.filter((r) => !removeRuleIds.includes(r.id)), ...addRules]
      },
    },
    permissions: {
      async contains({ permissions = [], origins = [] }) {
        const granted = [...state.granted.origins].map(patternTest)
        return permissions.every((p) => state.granted.permissions.has(p)) && origins.every((o) => granted.some((test) => test(o)))
      },
    },
    identity: {
      getRedirectURL: (path = '') => `https://${FAKE_EXTENSION_ID}.chromiumapp.org/${path}`,
      async launchWebAuthFlow({ url }) {
        state.authFlows.push(url)
        return authFlow(url)
      },
    },
    i18n: { getMessage: (key, substitutions = []) => [key, ...substitutions].join('|') },
    tabs: {
      async get(tabId) {
        const tab = state.tabs.get(tabId)
        if (tab === undefined) throw new Error(`No tab with id: ${tabId}.`)
        return { ...tab }
      },
      query: async () => [...state.tabs.values()].map((tab) => ({ ...tab })),
      async reload(tabId) {
        const tab = state.tabs.get(tabId)
        if (tab === undefined) throw new Error(`No tab with id: ${tabId}.`)
        tab.documentId = `doc-${nextDocument++}`
      },
      async create({ url }) {
        return { id: openTab(url).id }
      },
      async remove(tabId) {
        state.tabs.delete(tabId)
      },
    },
    cookies: {
      getAll: async ({ url }) => state.cookies.filter((c) => new URL(url).hostname.endsWith(c.domain.replace(/^\./, ''))).map((c) => ({ ...c })),
      async set(details) {
        const cookie = { domain: new URL(details.url).hostname, path: '/', hostOnly: true, httpOnly: false, secure: false, session: true, sameSite: 'lax', storeId: '0', value: '', ...details } as CookieRecord
        state.cookies = [...state.cookies.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain)), cookie]
        return cookie
      },
      async remove({ url, name }) {
        state.cookies = state.cookies.filter((c) => !(c.name === name && new URL(url).hostname.endsWith(c.domain.replace(/^\./, ''))))
        return { url, name }
      },
    },
    scripting: {
      // Runs the function here, where happy-dom's localStorage stands for the page's and its
      // location is set to the tab's URL.
      async executeScript({ target, func, args }) {
        const before = state.tabs.get(target.tabId)
        if (before !== undefined) scriptHook?.(before)
        const tab = state.tabs.get(target.tabId)
        if (tab === undefined) throw new Error(`No tab with id: ${target.tabId}.`)
        if (target.documentIds && !target.documentIds.includes(tab.documentId)) throw new Error(`No document with id: ${target.documentIds.join(', ')}.`)
        if (![...state.granted.origins].some((pattern) => patternTest(pattern)(tab.url))) throw new Error('Cannot access contents of the page.')
        // Only while it runs: happy-dom's fetch, which the worker's client uses, judges CORS by it.
        const dom = (globalThis as { happyDOM?: { setURL(url: string): void } }).happyDOM
        const home = globalThis.location?.href
        dom?.setURL(tab.url)
        try {
          return [{ result: await func(...args), documentId: tab.documentId }]
        } finally {
          if (home !== undefined) dom?.setURL(home)
        }
      },
    },
  }

  function openTab(url: string): FakeTab {
    const tab: FakeTab = { id: nextTabId++, url, status: 'complete', documentId: `doc-${nextDocument++}` }
    state.tabs.set(tab.id, tab)
    return tab
  }

  const events: WorkerEvents = {
    onMessage: on('onMessage'),
    onInstalled: on('onInstalled'),
    onStartup: on('onStartup'),
    onAlarm: on('onAlarm'),
    onCommand: on('onCommand'),
    onTabRemoved: on('onTabRemoved'),
    onTabUpdated: on('onTabUpdated'),
    onNotificationButton: on('onNotificationButton'),
    onNotificationClosed: on('onNotificationClosed'),
    onIdleStateChanged: on('onIdleStateChanged'),
    onStorageChanged: on('onStorageChanged'),
  }

  return {
    browser,
    events,
    state,
    storageChanges,
    answerAuthFlow(answer) {
      authFlow = answer
    },
    restartBrowser() {
      memory.restartBrowser()
      state.sessionRules = []
      state.badges.clear()
    },
    stopWorker() {
      listeners.clear()
    },
    openTab,
    navigate(tabId, url) {
      const tab = state.tabs.get(tabId)
      if (tab === undefined) throw new Error(`No tab with id: ${tabId}.`)
      tab.url = url
      tab.documentId = `doc-${nextDocument++}`
    },
    beforeScript(hook) {
      scriptHook = hook
    },
    sendMessage(message, sender = OWN_PAGE) {
      const replies = emit('onMessage', message, sender).filter((reply) => reply !== undefined)
      if (replies.length > 1) throw new Error('More than one listener answered a message.')
      return replies[0] as Promise<unknown> | undefined
    },
    fire: {
      installed: () => void emit('onInstalled'),
      startup: () => void emit('onStartup'),
      alarm: (name) => void emit('onAlarm', { name }),
      command: (name) => void emit('onCommand', name),
      tabRemoved: (tabId) => void emit('onTabRemoved', tabId),
      tabUpdated: (tabId, change) => void emit('onTabUpdated', tabId, change),
      notificationButton: (id, index) => void emit('onNotificationButton', id, index),
      notificationClosed: (id, byUser) => void emit('onNotificationClosed', id, byUser),
      idle: (state) => void emit('onIdleStateChanged', state),
    },
  }
}
