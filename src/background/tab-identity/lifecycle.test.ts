// @vitest-environment happy-dom
// A browser restart leaves the borrowed session in the app's storage and cookies, and no tab to
// restore it from: the worker opens a background tab of the app's origin, puts the old value back,
// closes it. happy-dom: this environment's localStorage stands for the app page's (the fake
// browser's `scripting.executeScript` runs the injected function here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { items, type TabRecord } from '../../shared/storage.ts'
import { endpointCookie, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'
import { ORIGIN_RULE_ID } from '../origin-rule.ts'
import { TAB_CHECK_ALARM } from './lifecycle.ts'
import { sealReplaced, type Replaced } from './records.ts'

const APP = 'http://localhost:5173'
const ENDPOINT = 'http://127.0.0.1:8080/v1'
const enc = (id: string) => btoa(JSON.stringify({ id, secret: id.repeat(64) }))
const OLD_FALLBACK = JSON.stringify({ a_session_alpha: enc('alice') })

let world: WorkerWorld
/** Tabs the worker opened and closed, by URL and id. */
let created: string[]
let closed: number[]
let reloaded: number[]
beforeEach(async () => {
  localStorage.clear()
  world = await workerWorld()
  created = []
  closed = []
  reloaded = []
  const tabs = world.fake.browser.tabs
  const { create, remove, reload } = tabs
  tabs.create = async (details) => {
    created.push(details.url)
    return create(details)
  }
  tabs.remove = async (tabId) => {
    closed.push(tabId)
    return remove(tabId)
  }
  tabs.reload = async (tabId) => {
    reloaded.push(tabId)
    return reload(tabId)
  }
})
afterEach(async () => {
  localStorage.clear()
  await world.close()
})

const state = () => world.fake.state

async function record(tabId: number, mode: TabRecord['mode'], replaced: Replaced, ruleId: number | null = null): Promise<TabRecord> {
  const since = 1000
  return {
    v: 1,
    tabId,
    accountId: 'acc-bob',
    projectId: 'p1',
    mode,
    appOrigin: APP,
    endpoint: ENDPOINT,
    appwriteProjectId: 'alpha',
    since,
    ruleId,
    replaced: await sealReplaced(world.ctx.vault, tabId, since, replaced),
  }
}

async function leaveRecords(...records: TabRecord[]): Promise<void> {
  await world.fake.browser.storage.local.set({ [items.tabIdentities.key]: Object.fromEntries(records.map((r) => [String(r.tabId), r])) })
  state().alarms.set(TAB_CHECK_ALARM, { periodInMinutes: 1 })
}

function restartBrowser(): void {
  world.fake.restartBrowser()
  state().tabs.clear()
  world.fake.fire.startup()
}

describe('tab identity after a browser restart', () => {
  it('puts back the page storage and the cookies every record replaced, through a background tab it closes after, then forgets the records', async () => {
    const staleLegacy = endpointCookie('a_session_alpha_legacy', enc('carol'))
    const stalePartitioned = endpointCookie('a_session_alpha', enc('carol'), { partitionKey: { topLevelSite: 'http://localhost', hasCrossSiteAncestor: true } })
    await leaveRecords(await record(7, 'fallback', { cookies: [staleLegacy, stalePartitioned], fallback: OLD_FALLBACK }))
    // What the borrowing left: bob in the page storage, and a cookie the app set since.
    localStorage.setItem('cookieFallback', JSON.stringify({ a_session_alpha: enc('bob') }))
    state().cookies.push(endpointCookie('a_session_alpha', enc('bob')))

    restartBrowser()
    await world.spine.idle()

    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)
    expect(world.cookies()).toEqual([staleLegacy, stalePartitioned])
    expect(created).toEqual([`${APP}/`])
    expect(closed).toHaveLength(1)
    expect(state().tabs.size).toBe(0)
    expect(world.stored.item(items.tabIdentities)).toEqual({})
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
  })

  it('uses an open tab of the app when there is one, instead of opening another', async () => {
    await leaveRecords(await record(7, 'fallback', { cookies: [], fallback: null }))
    localStorage.setItem('cookieFallback', JSON.stringify({ a_session_alpha: enc('bob') }))

    world.fake.restartBrowser()
    state().tabs.clear()
    const appTab = world.fake.openTab(`${APP}/settings`)
    world.fake.fire.startup()
    await world.spine.idle()

    // Nothing was there before: the value is removed, not emptied.
    expect(localStorage.getItem('cookieFallback')).toBeNull()
    expect(created).toEqual([])
    expect(closed).toEqual([])
    // The record's tab is gone, so the app's own tab is not reloaded under the person.
    expect(reloaded).toEqual([])
    expect(state().tabs.has(appTab.id)).toBe(true)
    expect(world.stored.item(items.tabIdentities)).toEqual({})
  })

  it('a tab-only record leaves no rule, and a new tab that reused its id keeps its badge and is not reloaded', async () => {
    await leaveRecords(await record(1, 'tab', { cookies: [] }, 1000))
    world.fake.restartBrowser()
    state().tabs.clear()
    const reused = world.fake.openTab('https://news.example/')
    expect(reused.id).toBe(1)
    state().badges.set(reused.id, 'X')
    // Should the browser still hold the rule, it goes too.
    state().sessionRules = [{ id: 1000, priority: 1, action: { type: 'block' as chrome.declarativeNetRequest.RuleActionType }, condition: { tabIds: [1] } }]
    world.fake.fire.startup()
    await world.spine.idle()

    expect(state().sessionRules.filter((rule) => rule.id !== ORIGIN_RULE_ID)).toEqual([])
    expect(state().badges.get(reused.id)).toBe('X')
    expect(reloaded).toEqual([])
    expect(created).toEqual([])
    expect(world.stored.item(items.tabIdentities)).toEqual({})
  })

  it('restores several records left by different tabs, each from its own sealed record', async () => {
    const first = endpointCookie('a_session_alpha', enc('carol'))
    await leaveRecords(
      await record(3, 'cookie', { cookies: [first] }),
      await record(5, 'tab', { cookies: [] }, 1001),
    )
    state().cookies.push(endpointCookie('a_session_alpha', enc('bob')))
    await world.fake.browser.storage.local.set({ extra: 'untouched' })

    restartBrowser()
    await world.spine.idle()

    expect(world.cookies()).toEqual([first])
    expect(world.stored.item(items.tabIdentities)).toEqual({})
    expect(state().storage.local.extra).toBe('untouched')
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
  })
})
