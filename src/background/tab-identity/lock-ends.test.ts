// @vitest-environment happy-dom
// Locking ends every lent identity (issue 17 item 2): no rule, page or cookie keeps a held session,
// and what the identities replaced is sealed under the passphrase key. happy-dom: this environment's
// localStorage stands for the app page's (the fake browser runs injected functions here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSummary, Project, TabIdentityMode } from '../../shared/protocol.ts'
import { items, type TabRecord } from '../../shared/storage.ts'
import { AUTO_LOCK_ALARM } from '../auto-lock.ts'
import type { SessionRule } from '../browser.ts'
import { ORIGIN_RULE_ID } from '../origin-rule.ts'
import type { FakeTab } from '../testing/fake-browser.ts'
import { demoWorld, endpointCookie, type WorkerWorld } from '../testing/worker-world.ts'
import { seal } from '../vault.ts'
import { tabRecordBinding } from './binding.ts'
import { TAB_CHECK_ALARM } from './lifecycle.ts'

const APP = 'https://app.example.com'
const PASSPHRASE = 'correct horse battery'
const encoded = (userId: string) => btoa(JSON.stringify({ id: userId, secret: userId.repeat(64) }))
const GRACE_COOKIE = endpointCookie('a_session_demo', encoded('grace'))
const OLD_FALLBACK = JSON.stringify({ a_session_demo: encoded('alan') })

let world: WorkerWorld
let project: Project
let ada: AccountSummary
let tab: FakeTab
let reloaded: number[]
beforeEach(async () => {
  localStorage.clear()
  ;({ world, project } = await demoWorld())
  ada = await world.signIn(project, 'ada@example.com')
  tab = world.fake.openTab(`${APP}/dashboard`)
  reloaded = []
  const tabs = world.fake.browser.tabs
  const { reload } = tabs
  tabs.reload = async (tabId) => {
    reloaded.push(tabId)
    return reload(tabId)
  }
  const granted = world.fake.state.granted
  granted.origins.add(`${APP}/*`).add('https://127.0.0.1/*')
  granted.permissions.add('cookies').add('scripting')
})
afterEach(async () => {
  localStorage.clear()
  await world.close()
})

const state = () => world.fake.state
const lentRules = () => state().sessionRules.filter((rule): rule is SessionRule => rule.id !== ORIGIN_RULE_ID)
const records = () => world.stored.item(items.tabIdentities) ?? {}
const use = (mode: TabIdentityMode, tabId = tab.id) => world.call('useInTab', { tabId, accountId: ada.id, mode, appOrigin: APP })

/** Where a page could read the session: rules, the page's storage, the endpoint's cookies. */
function placesHolding(session: string): string[] {
  const places = { rules: JSON.stringify(state().sessionRules), page: localStorage.getItem('cookieFallback') ?? '', cookies: JSON.stringify(world.cookies()) }
  return Object.entries(places).filter(([, text]) => text.includes(session)).map(([place]) => place)
}

describe('locking ends every tab identity', () => {
  it('removes every lent rule, puts the page storage and cookies back, clears the badges and reloads the tabs', async () => {
    const other = world.fake.openTab(`${APP}/other`)
    state().cookies.push(structuredClone(GRACE_COOKIE))
    localStorage.setItem('cookieFallback', OLD_FALLBACK)
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    await use('fallback')
    await use('tab', other.id)
    // A rule of no record (another kind of identity, or a leftover) goes too: it may carry a session.
    state().sessionRules.push({
      id: 4242,
      priority: 1,
      action: { type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType, requestHeaders: [] },
      condition: { tabIds: [other.id] },
    })
    const session = await world.heldSession(ada.id)
    expect(placesHolding(session)).toEqual(['rules', 'page'])
    reloaded = []

    await world.call('lock')

    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(lentRules()).toEqual([])
    expect(state().sessionRules.map((rule) => rule.id)).toEqual([ORIGIN_RULE_ID])
    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)
    expect(world.cookies()).toEqual([GRACE_COOKIE])
    expect(records()).toEqual({})
    expect([state().badges.get(tab.id), state().badges.get(other.id)]).toEqual(['', ''])
    expect(reloaded.sort()).toEqual([tab.id, other.id].sort())
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
    expect(placesHolding(session)).toEqual([])
  })

  it('the cookie mode: the borrowed cookie goes and the replaced one comes back', async () => {
    state().cookies.push(structuredClone(GRACE_COOKIE))
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    await use('cookie')
    const session = await world.heldSession(ada.id)
    expect(placesHolding(session)).toEqual(['cookies'])
    await world.call('lock')
    expect(placesHolding(session)).toEqual([])
    expect(world.cookies()).toEqual([GRACE_COOKIE])
    expect(records()).toEqual({})
  })

  it('a borrowing tab that was closed or moved to another site meanwhile: the page is restored through a tab of the app, the moved tab is not reloaded', async () => {
    localStorage.setItem('cookieFallback', OLD_FALLBACK)
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    await use('fallback')
    world.fake.navigate(tab.id, 'https://news.example/')
    reloaded = []
    await world.call('lock')
    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)
    expect(records()).toEqual({})
    expect(reloaded).toEqual([])
    expect(state().tabs.get(tab.id)?.url).toBe('https://news.example/')
  })

  it('locking by itself (the idle alarm) ends them too', async () => {
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    await use('tab')
    world.fake.fire.alarm(AUTO_LOCK_ALARM)
    await world.spine.idle()
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(lentRules()).toEqual([])
    expect(records()).toEqual({})
  })
})

describe('what a tab identity replaced is sealed under the passphrase key', () => {
  const keySource = () => Object.values(records())[0]?.replaced.keySource

  it('sealed under the passphrase when one is set, re-sealed when it is set, changed or removed', async () => {
    localStorage.setItem('cookieFallback', OLD_FALLBACK)
    await use('fallback')
    expect(keySource()).toBe('device')
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    expect(keySource()).toBe('passphrase')
    await world.call('changePassphrase', { current: PASSPHRASE, next: `${PASSPHRASE} 2` })
    expect(keySource()).toBe('passphrase')
    // Opened with the new key: Restore puts the page back.
    await world.call('restoreTab', { tabId: tab.id })
    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)

    await use('fallback')
    expect(keySource()).toBe('passphrase')
    await world.call('removePassphrase', { current: `${PASSPHRASE} 2` })
    expect(keySource()).toBe('device')
    await world.call('restoreTab', { tabId: tab.id })
    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)
  })

  it('a browser start while locked takes the borrowed session out of the page and cookies at once; the unlock puts the old ones back', async () => {
    localStorage.setItem('cookieFallback', OLD_FALLBACK)
    state().cookies.push(structuredClone(GRACE_COOKIE))
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    await use('fallback')
    // The app set a cookie of its own meanwhile.
    state().cookies.push(endpointCookie('a_session_demo', encoded('ada')))

    world.fake.restartBrowser()
    state().tabs.clear()
    world.fake.openTab(`${APP}/`)
    world.fake.fire.startup()
    await world.spine.idle()

    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
    expect(localStorage.getItem('cookieFallback')).toBeNull()
    expect(world.cookies()).toEqual([])
    expect(Object.keys(records())).toHaveLength(1)

    await world.call('unlock', { passphrase: PASSPHRASE })
    expect(localStorage.getItem('cookieFallback')).toBe(OLD_FALLBACK)
    expect(world.cookies()).toEqual([GRACE_COOKIE])
    expect(records()).toEqual({})
  })

  it('a record an earlier build sealed under the device key still restores while a passphrase is set', async () => {
    await world.call('setPassphrase', { passphrase: PASSPHRASE })
    const since = 1000
    const record: TabRecord = {
      v: 1,
      tabId: tab.id,
      accountId: ada.id,
      projectId: project.id,
      mode: 'cookie',
      appOrigin: APP,
      endpoint: project.endpoint,
      appwriteProjectId: project.projectId,
      since,
      ruleId: null,
      replaced: await seal(await world.ctx.deviceKey.getKey(), 'device', tabRecordBinding({ tabId: tab.id, since }), JSON.stringify({ cookies: [GRACE_COOKIE] })),
    }
    await world.fake.browser.storage.local.set({ [items.tabIdentities.key]: { [String(tab.id)]: record } })
    state().cookies.push(endpointCookie('a_session_demo', encoded('ada')))
    await world.call('lock')
    expect(world.cookies()).toEqual([GRACE_COOKIE])
    expect(records()).toEqual({})
  })
})
