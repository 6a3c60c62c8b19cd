// A browser restart leaves the borrowed session in the app's storage and no tab to restore it
// from: the worker opens a background tab of the app's origin, puts the old value back, closes it.
import { beforeEach, describe, expect, it } from 'vitest'
import type { WorkerContext } from '../context.ts'
import { createSerializer } from '../serialize.ts'
import { memoryStorage } from '../testing/memory-storage.ts'
import { generateDeviceKey, type KeySource } from '../vault.ts'
import type { CookieRecord, TabBrowser } from './browser.ts'
import type { TabIdentityDeps } from './deps.ts'
import { onBrowserStartup } from './lifecycle.ts'
import { items, type TabRecord } from '../../shared/storage.ts'
import { sealReplaced } from './records.ts'

const APP = 'http://localhost:5173'
const ENDPOINT = 'http://127.0.0.1:8080/v1'
const enc = (id: string) => btoa(JSON.stringify({ id, secret: id.repeat(64) }))
const OLD_FALLBACK = JSON.stringify({ a_session_alpha: enc('alice') })

const cookie = (name: string, value: string, partitionKey?: CookieRecord['partitionKey']): CookieRecord => ({
  name,
  value,
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'no_restriction',
  session: true,
  storeId: '0',
  ...(partitionKey ? { partitionKey } : {}),
})

/** Just enough of Chrome: a cookie jar, tabs that load at once, scripts run against this document's localStorage. */
function fakeBrowser(jar: CookieRecord[]) {
  const closed: number[] = []
  const created: string[] = []
  const browser = {
    cookies: {
      getAll: async () => jar.map((c) => ({ ...c })),
      remove: async (d: { name: string; partitionKey?: unknown }) => {
        const i = jar.findIndex((c) => c.name === d.name && JSON.stringify(c.partitionKey) === JSON.stringify(d.partitionKey))
        if (i >= 0) jar.splice(i, 1)
        return d
      },
      set: async (d: chrome.cookies.SetDetails) => {
        jar.push(cookie(d.name ?? '', d.value ?? '', d.partitionKey))
        return null
      },
    },
    scripting: {
      executeScript: async ({ func, args }: { func: (...a: unknown[]) => unknown; args: unknown[] }) => [{ result: func(...args) }],
    },
    tabs: {
      query: async () => [],
      create: async ({ url }: { url: string }) => {
        created.push(url)
        return { id: 99 }
      },
      get: async (tabId: number) => ({ id: tabId, status: 'complete', url: `${APP}/` }),
      remove: async (tabId: number) => void closed.push(tabId),
      reload: async () => undefined,
    },
    sessionRules: { getSessionRules: async () => [], updateSessionRules: async () => undefined },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
    permissions: { contains: async () => true },
  } as unknown as TabBrowser
  return { browser, closed, created }
}

describe('after a browser restart', () => {
  let keys: KeySource
  beforeEach(async () => {
    const key = await generateDeviceKey()
    keys = { name: 'device', getKey: async () => key }
    localStorage.clear()
  })

  it('puts back the page storage and the cookies every record replaced, then forgets the records', async () => {
    const staleLegacy = cookie('a_session_alpha_legacy', enc('carol'))
    const stalePartitioned = cookie('a_session_alpha', enc('carol'), { topLevelSite: 'http://localhost', hasCrossSiteAncestor: true })
    const record: TabRecord = {
      v: 1,
      tabId: 7,
      accountId: 'acc-bob',
      projectId: 'p1',
      mode: 'fallback',
      appOrigin: APP,
      endpoint: ENDPOINT,
      appwriteProjectId: 'alpha',
      since: 1000,
      ruleId: null,
      replaced: await sealReplaced(keys, 7, 1000, { cookies: [staleLegacy, stalePartitioned], fallback: OLD_FALLBACK }),
    }
    const storage = memoryStorage({ [items.tabIdentities.key]: { '7': record } })
    const ctx = { areas: storage.areas(), serialize: createSerializer(), now: () => 2000 } as unknown as WorkerContext
    // What the borrowing left: bob in the page storage, and a cookie the app set since.
    localStorage.setItem('cookieFallback', JSON.stringify({ a_session_alpha: enc('bob') }))
    const jar = [cookie('a_session_alpha', enc('bob'))]
    const { browser, closed, created } = fakeBrowser(jar)
    const cleared: string[] = []
    const deps: TabIdentityDeps = {
      ctx,
      browser,
      keys,
      alarms: { create: async () => undefined, clear: async (name) => cleared.push(name) > 0 },
    }

    await onBrowserStartup(deps)

    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)
    expect(jar).toEqual([staleLegacy, stalePartitioned])
    expect(created).toEqual([`${APP}/`])
    expect(closed).toEqual([99])
    expect(storage.data.local[items.tabIdentities.key]).toEqual({})
    expect(cleared).toEqual(['tab-identity-check'])
  })
})
