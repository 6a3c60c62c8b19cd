// @vitest-environment happy-dom
// happy-dom, not node: the fake browser's `scripting.executeScript` runs the injected function
// here, so this environment's localStorage stands for the app page's (the `fallback` mode). The
// worker still reaches the in-process server over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSummary, Project, TabIdentityMode } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import type { SessionRule } from '../browser.ts'
import { ORIGIN_RULE_ID } from '../origin-rule.ts'
import type { FakeTab } from '../testing/fake-browser.ts'
import { demoWorld, endpointCookie, type WorkerWorld } from '../testing/worker-world.ts'
import { TAB_CHECK_ALARM } from './lifecycle.ts'

const APP = 'https://app.example.com'
const NOW = 1_700_000_000_000
/** A session as the SDK encodes it, for users whose secret Lanyard never holds. */
const encoded = (userId: string) => btoa(JSON.stringify({ id: userId, secret: userId.repeat(64) }))

let world: WorkerWorld
let project: Project
let ada: AccountSummary
let tab: FakeTab
beforeEach(async () => {
  localStorage.clear()
  ;({ world, project } = await demoWorld({ now: () => NOW }))
  ada = await world.signIn(project, 'ada@example.com')
  tab = world.fake.openTab(`${APP}/dashboard`)
})
afterEach(async () => {
  localStorage.clear()
  await world.close()
})

const state = () => world.fake.state
/** The session rules of tab identities: the Origin rule (origin-rule.ts) is a session rule too. */
const tabRules = () => state().sessionRules.filter((rule): rule is SessionRule => rule.id !== ORIGIN_RULE_ID)
const records = () => world.stored.item(items.tabIdentities) ?? {}

/** What the person allows in the popup before "Use in this tab" (shared/tab-permissions.ts). */
function grant(mode: TabIdentityMode): void {
  state().granted.origins.add(`${APP}/*`)
  if (mode === 'tab') return
  state().granted.origins.add('https://127.0.0.1/*')
  state().granted.permissions.add('cookies')
  if (mode === 'fallback') state().granted.permissions.add('scripting')
}

function use(mode: TabIdentityMode, accountId = ada.id, tabId = tab.id, appOrigin = APP) {
  return world.call('useInTab', { tabId, accountId, mode, appOrigin })
}

describe('tab identity: getTabIdentity', () => {
  it('names the tab’s app and nothing in effect, without permissions to look further', async () => {
    expect(await world.call('getTabIdentity', { tabId: tab.id })).toEqual({ tabId: tab.id, appOrigin: APP, inEffect: null, fittingAccountIds: [], pageUsers: [] })
  })

  it('tells the held accounts that fit from the endpoint’s session cookie, naming the page’s user', async () => {
    grant('cookie')
    state().cookies.push(endpointCookie('a_session_demo', encoded('grace')))
    expect(await world.call('getTabIdentity', { tabId: tab.id })).toEqual({
      tabId: tab.id,
      appOrigin: APP,
      inEffect: null,
      fittingAccountIds: [ada.id],
      pageUsers: [{ projectId: project.id, userId: 'grace' }],
    })
  })

  it('tells them from the page’s cookieFallback too, where a cookie of the same project wins', async () => {
    grant('fallback')
    localStorage.setItem('cookieFallback', JSON.stringify({ a_session_demo: encoded('alan') }))
    expect(await world.call('getTabIdentity', { tabId: tab.id })).toMatchObject({ fittingAccountIds: [ada.id], pageUsers: [{ projectId: project.id, userId: 'alan' }] })
    state().cookies.push(endpointCookie('a_session_demo', encoded('grace')))
    expect((await world.call('getTabIdentity', { tabId: tab.id })).pageUsers).toEqual([{ projectId: project.id, userId: 'grace' }])
  })

  it('recognises the app by the project’s App URL, with no permission and nothing in the page', async () => {
    await world.call('updateProject', { id: project.id, appUrl: `${APP}/finish` })
    expect(await world.call('getTabIdentity', { tabId: tab.id })).toEqual({ tabId: tab.id, appOrigin: APP, inEffect: null, fittingAccountIds: [ada.id], pageUsers: [] })
    // Another origin (here another port) is not the app.
    const elsewhere = world.fake.openTab('https://app.example.com:8443/dashboard')
    expect((await world.call('getTabIdentity', { tabId: elsewhere.id })).fittingAccountIds).toEqual([])
  })

  it('with an App URL elsewhere, the endpoint’s cookies no longer make the project fit this tab; without one they do again', async () => {
    grant('cookie')
    state().cookies.push(endpointCookie('a_session_demo', encoded('grace')))
    await world.call('updateProject', { id: project.id, appUrl: 'https://other-app.example.com/' })
    expect(await world.call('getTabIdentity', { tabId: tab.id })).toMatchObject({ fittingAccountIds: [], pageUsers: [] })
    await world.call('updateProject', { id: project.id, appUrl: '' })
    expect(await world.call('getTabIdentity', { tabId: tab.id })).toMatchObject({ fittingAccountIds: [ada.id], pageUsers: [{ projectId: project.id, userId: 'grace' }] })
  })

  it('answers no origin for a closed tab or one that shows no web page', async () => {
    expect(await world.call('getTabIdentity', { tabId: 99 })).toEqual({ tabId: 99, appOrigin: null, inEffect: null, fittingAccountIds: [], pageUsers: [] })
    const settings = world.fake.openTab('chrome://settings/')
    expect((await world.call('getTabIdentity', { tabId: settings.id })).appOrigin).toBeNull()
  })
})

describe('tab identity: useInTab, this tab only', () => {
  it('refuses without host access to the app, then adds a session rule for this tab alone carrying the held session', async () => {
    const refused = await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'tab', appOrigin: APP })
    expect(refused).toMatchObject({ type: 'lanyard_permission_required', code: 403 })
    expect(refused.message).toContain(`${APP}/*`)
    expect(tabRules()).toEqual([])
    expect(records()).toEqual({})

    grant('tab')
    const identity = await use('tab')
    expect(identity).toEqual({ tabId: tab.id, accountId: ada.id, mode: 'tab', appOrigin: APP, since: NOW })

    const session = await world.heldSession(ada.id)
    expect(tabRules()).toEqual([
      {
        id: 1000,
        priority: 1,
        action: {
          type: 'modifyHeaders',
          requestHeaders: [
            { header: 'cookie', operation: 'remove' },
            { header: 'x-appwrite-session', operation: 'set', value: session },
            { header: 'x-fallback-cookies', operation: 'set', value: JSON.stringify({ a_session_demo: session }) },
          ],
        },
        condition: { tabIds: [tab.id], requestDomains: ['127.0.0.1'], initiatorDomains: ['app.example.com'], resourceTypes: ['xmlhttprequest'] },
      },
    ])
    // The header the rule sets is a session the server accepts as ada.
    const rule = tabRules()[0]
    const header = rule?.action.requestHeaders?.find((h) => h.header === 'x-appwrite-session')?.value ?? ''
    expect(((await world.server.request('GET', '/account', { session: header })).json as { $id: string }).$id).toBe('ada')

    expect(state().badges.get(tab.id)).toBe('A')
    expect(state().alarms.get(TAB_CHECK_ALARM)).toEqual({ periodInMinutes: 1 })
    expect(records()[String(tab.id)]).toMatchObject({ tabId: tab.id, accountId: ada.id, mode: 'tab', appOrigin: APP, ruleId: 1000, since: NOW })
    // What it replaced is sealed; the held session appears nowhere in storage.local.
    expect(JSON.stringify(state().storage.local)).not.toContain(session)
  })

  it('gives each tab its own rule, and getTabIdentity shows the identity in effect', async () => {
    grant('tab')
    const other = world.fake.openTab(`${APP}/other`)
    await use('tab')
    const grace = await world.signIn(project, 'grace@example.com')
    await use('tab', grace.id, other.id)
    expect(tabRules().map((r) => [r.id, r.condition.tabIds])).toEqual([
      [1000, [tab.id]],
      [1001, [other.id]],
    ])
    expect(state().badges.get(other.id)).toBe('G')
    expect((await world.call('getTabIdentity', { tabId: other.id })).inEffect).toEqual({ tabId: other.id, accountId: grace.id, mode: 'tab', appOrigin: APP, since: NOW })
  })

  it('switching the tab to another account of the project keeps the rule id and the start, and carries the new session', async () => {
    grant('tab')
    await use('tab')
    const grace = await world.signIn(project, 'grace@example.com')
    const identity = await use('tab', grace.id)
    expect(identity).toMatchObject({ accountId: grace.id, since: NOW })
    expect(tabRules()).toHaveLength(1)
    expect(tabRules()[0]?.id).toBe(1000)
    expect(tabRules()[0]?.action.requestHeaders?.[1]?.value).toBe(await world.heldSession(grace.id))
    expect(state().badges.get(tab.id)).toBe('G')
  })

  it('restoreTab removes the rule, the badge, the record and the check alarm', async () => {
    grant('tab')
    await use('tab')
    await world.call('restoreTab', { tabId: tab.id })
    expect(tabRules()).toEqual([])
    expect(state().badges.get(tab.id)).toBe('')
    expect(records()).toEqual({})
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
    expect((await world.call('getTabIdentity', { tabId: tab.id })).inEffect).toBeNull()
    // Restoring a tab with nothing in effect is harmless.
    await world.call('restoreTab', { tabId: tab.id })
  })
})

describe('tab identity: useInTab, the endpoint cookie', () => {
  it('needs the cookies permission, then replaces the project’s session cookies with the held session', async () => {
    const before = [endpointCookie('a_session_demo', encoded('grace')), endpointCookie('a_session_demo_legacy', encoded('grace'), { httpOnly: false })]
    state().cookies.push(...structuredClone(before), endpointCookie('unrelated', 'keep'))
    state().granted.origins.add(`${APP}/*`)
    const refused = await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'cookie', appOrigin: APP })
    expect(refused).toMatchObject({ type: 'lanyard_permission_required', code: 403 })
    expect(refused.message).toContain('cookies')

    grant('cookie')
    expect(await use('cookie')).toMatchObject({ mode: 'cookie', accountId: ada.id })
    const session = await world.heldSession(ada.id)
    expect(world.cookies()).toEqual([
      endpointCookie('unrelated', 'keep'),
      { ...endpointCookie('a_session_demo', session), session: true },
    ])
    expect(tabRules()).toEqual([])
    expect(records()[String(tab.id)]).toMatchObject({ mode: 'cookie', ruleId: null })
    expect(state().badges.get(tab.id)).toBe('A')
  })

  it('restoreTab puts back exactly the cookies it replaced, and removes the borrowed one and any the app set since', async () => {
    const before = [endpointCookie('a_session_demo', encoded('grace')), endpointCookie('a_session_demo_legacy', encoded('grace'), { httpOnly: false, sameSite: 'lax' })]
    state().cookies.push(...structuredClone(before))
    grant('cookie')
    await use('cookie')
    // The app signed in again meanwhile, as someone else.
    state().cookies.push(endpointCookie('a_session_demo_legacy', encoded('alan')))

    await world.call('restoreTab', { tabId: tab.id })
    expect(world.cookies()).toEqual(before)
    expect(records()).toEqual({})
    expect(state().badges.get(tab.id)).toBe('')
  })

  it('refuses a second tab borrowing the same project’s cookies', async () => {
    grant('cookie')
    const other = world.fake.openTab(`${APP}/other`)
    await use('cookie')
    expect(await world.failure('useInTab', { tabId: other.id, accountId: ada.id, mode: 'cookie', appOrigin: APP })).toMatchObject({
      type: 'lanyard_tab_in_use',
      code: 409,
    })
    expect(Object.keys(records())).toEqual([String(tab.id)])
  })

  it('switching the tab from cookie to tab-only mode puts the cookies back first', async () => {
    const before = [endpointCookie('a_session_demo', encoded('grace'))]
    state().cookies.push(...structuredClone(before))
    grant('cookie')
    await use('cookie')
    await use('tab')
    expect(world.cookies()).toEqual(before)
    expect(records()[String(tab.id)]).toMatchObject({ mode: 'tab', ruleId: 1000 })
    expect(tabRules().map((r) => r.id)).toEqual([1000])
  })
})

describe('tab identity: useInTab, the page’s cookieFallback', () => {
  it('writes the held session into the page’s cookieFallback, keeping other entries, and clears the endpoint cookies', async () => {
    const original = JSON.stringify({ a_session_other: 'kept', a_session_demo: encoded('grace') })
    localStorage.setItem('cookieFallback', original)
    state().cookies.push(endpointCookie('a_session_demo', encoded('grace')))
    grant('fallback')

    expect(await use('fallback')).toMatchObject({ mode: 'fallback' })
    expect(JSON.parse(localStorage.getItem('cookieFallback') ?? 'null')).toEqual({ a_session_other: 'kept', a_session_demo: await world.heldSession(ada.id) })
    expect(world.cookies()).toEqual([])

    await world.call('restoreTab', { tabId: tab.id })
    expect(localStorage.getItem('cookieFallback')).toBe(original)
    expect(world.cookies()).toEqual([endpointCookie('a_session_demo', encoded('grace'))])
    expect(records()).toEqual({})
  })

  it('treats the SDK’s signed-out "[]" as empty and restores it, and removes a value that was not there before', async () => {
    grant('fallback')
    localStorage.setItem('cookieFallback', '[]')
    await use('fallback')
    expect(JSON.parse(localStorage.getItem('cookieFallback') ?? 'null')).toEqual({ a_session_demo: await world.heldSession(ada.id) })
    await world.call('restoreTab', { tabId: tab.id })
    expect(localStorage.getItem('cookieFallback')).toBe('[]')

    localStorage.removeItem('cookieFallback')
    await use('fallback')
    await world.call('restoreTab', { tabId: tab.id })
    expect(localStorage.getItem('cookieFallback')).toBeNull()
  })

  it('a navigation to another origin during "Use in this tab" writes nothing there (lanyard_tab_moved) and changes nothing', async () => {
    grant('fallback')
    state().granted.origins.add('https://evil.example.com/*')
    state().cookies.push(endpointCookie('a_session_demo', encoded('grace')))
    localStorage.setItem('cookieFallback', '[]')
    // The tab moves on after Lanyard checked its address, while the session is being checked with the server.
    world.fake.beforeScript((t) => world.fake.navigate(t.id, 'https://evil.example.com/'))
    const error = await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'fallback', appOrigin: APP })
    expect(error).toMatchObject({ type: 'lanyard_tab_moved', code: 409 })
    expect(error.message).toContain('https://evil.example.com')
    expect(localStorage.getItem('cookieFallback')).toBe('[]')
    expect(world.cookies()).toEqual([endpointCookie('a_session_demo', encoded('grace'))])
    expect(records()).toEqual({})
  })

  it('binds the write to the document it read: a reload or same-origin navigation in between writes nothing', async () => {
    grant('fallback')
    state().cookies.push(endpointCookie('a_session_demo', encoded('grace')))
    localStorage.setItem('cookieFallback', '[]')
    let scripts = 0
    world.fake.beforeScript((t) => {
      if (++scripts === 2) world.fake.navigate(t.id, `${APP}/elsewhere`)
    })
    expect(await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'fallback', appOrigin: APP })).toMatchObject({ type: 'lanyard_tab_moved' })
    expect(localStorage.getItem('cookieFallback')).toBe('[]')
    expect(world.cookies()).toEqual([endpointCookie('a_session_demo', encoded('grace'))])
    expect(records()).toEqual({})

    // Without a move it goes through.
    world.fake.beforeScript(null)
    await use('fallback')
    expect(JSON.parse(localStorage.getItem('cookieFallback') ?? 'null')).toEqual({ a_session_demo: await world.heldSession(ada.id) })
  })

  it('restores only into the recorded origin: a page that moved on gets nothing and the record stays', async () => {
    grant('fallback')
    state().granted.origins.add('https://evil.example.com/*')
    localStorage.setItem('cookieFallback', '[]')
    await use('fallback')
    const held = localStorage.getItem('cookieFallback')
    world.fake.beforeScript((t) => world.fake.navigate(t.id, 'https://evil.example.com/'))
    expect(await world.failure('restoreTab', { tabId: tab.id })).toMatchObject({ type: 'lanyard_tab_moved' })
    expect(localStorage.getItem('cookieFallback')).toBe(held)
    expect(Object.keys(records())).toEqual([String(tab.id)])

    world.fake.beforeScript(null)
    world.fake.navigate(tab.id, `${APP}/dashboard`)
    await world.call('restoreTab', { tabId: tab.id })
    expect(localStorage.getItem('cookieFallback')).toBe('[]')
    expect(records()).toEqual({})
  })

  it('needs the scripting permission', async () => {
    state().granted.permissions.add('cookies')
    state().granted.origins.add(`${APP}/*`).add('https://127.0.0.1/*')
    const refused = await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'fallback', appOrigin: APP })
    expect(refused).toMatchObject({ type: 'lanyard_permission_required' })
    expect(refused.message).toContain('scripting')
    expect(localStorage.getItem('cookieFallback')).toBeNull()
  })
})

describe('tab identity: refusals', () => {
  it('refuses a tab that now shows another origin (lanyard_tab_moved) and changes nothing', async () => {
    grant('tab')
    const error = await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'tab', appOrigin: 'https://elsewhere.example.com' })
    expect(error).toMatchObject({ type: 'lanyard_tab_moved', code: 409 })
    expect(error.message).toContain(APP)
    expect(tabRules()).toEqual([])
    expect(records()).toEqual({})
  })

  it('refuses a closed tab or one without a web page (lanyard_tab_unavailable)', async () => {
    grant('tab')
    expect(await world.failure('useInTab', { tabId: 99, accountId: ada.id, mode: 'tab', appOrigin: APP })).toMatchObject({ type: 'lanyard_tab_unavailable', code: 404 })
    const blank = world.fake.openTab('about:blank')
    expect(await world.failure('useInTab', { tabId: blank.id, accountId: ada.id, mode: 'tab', appOrigin: APP })).toMatchObject({ type: 'lanyard_tab_unavailable' })
    expect(records()).toEqual({})
  })

  it('never places a session the server no longer accepts: the account is marked signed out and nothing is applied', async () => {
    grant('tab')
    await world.admin.revoke(ada)
    expect(await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'tab', appOrigin: APP })).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(tabRules()).toEqual([])
    expect(records()).toEqual({})
    expect(state().badges.has(tab.id)).toBe(false)
  })

  it('answers lanyard_locked while the vault is locked', async () => {
    grant('tab')
    await world.call('setPassphrase', { passphrase: 'correct horse battery' })
    await world.call('lock')
    expect(await world.failure('useInTab', { tabId: tab.id, accountId: ada.id, mode: 'tab', appOrigin: APP })).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(tabRules()).toEqual([])
  })
})

describe('tab identity: lifecycle events', () => {
  it('closing the tab puts back what it replaced, forgets the record and stops the check alarm', async () => {
    const before = [endpointCookie('a_session_demo', encoded('grace'))]
    state().cookies.push(...structuredClone(before))
    grant('cookie')
    await use('cookie')
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(true)

    state().tabs.delete(tab.id)
    world.fake.fire.tabRemoved(tab.id)
    await world.spine.idle()
    expect(world.cookies()).toEqual(before)
    expect(records()).toEqual({})
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
  })

  it('closing one of two borrowing tabs keeps the other’s rule and the check alarm', async () => {
    grant('tab')
    const other = world.fake.openTab(`${APP}/other`)
    await use('tab')
    await use('tab', ada.id, other.id)
    state().tabs.delete(tab.id)
    world.fake.fire.tabRemoved(tab.id)
    await world.spine.idle()
    expect(tabRules().map((r) => r.condition.tabIds)).toEqual([[other.id]])
    expect(Object.keys(records())).toEqual([String(other.id)])
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(true)
  })

  it('the check alarm notices that the app signed out with the borrowed session', async () => {
    grant('tab')
    await use('tab')
    await world.admin.revoke(ada)
    world.fake.fire.alarm(TAB_CHECK_ALARM)
    await world.spine.idle()
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(await world.ctx.vault.readSecret(ada.id)).toBeNull()
  })

  it('the check alarm leaves a session that still holds alone, and stops once no tab borrows', async () => {
    grant('tab')
    await use('tab')
    world.fake.fire.alarm(TAB_CHECK_ALARM)
    await world.spine.idle()
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(true)

    // A stale alarm left over after the last restore stops itself.
    await world.call('restoreTab', { tabId: tab.id })
    state().alarms.set(TAB_CHECK_ALARM, { periodInMinutes: 1 })
    world.fake.fire.alarm(TAB_CHECK_ALARM)
    await world.spine.idle()
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
  })

  it('opening the popup on a borrowing tab notices the app’s sign-out as well', async () => {
    grant('tab')
    await use('tab')
    await world.admin.revoke(ada)
    expect((await world.call('getTabIdentity', { tabId: tab.id })).inEffect).toMatchObject({ accountId: ada.id })
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('ends a tab-only rule as soon as the tab leaves the app’s exact origin: another port, subdomain, scheme or site', async () => {
    grant('tab')
    for (const elsewhere of ['https://app.example.com:8443/', 'https://sub.app.example.com/', 'http://app.example.com/', 'https://other.example/']) {
      await use('tab')
      // Within the origin it holds, across loads.
      world.fake.navigate(tab.id, `${APP}/settings`)
      world.fake.fire.tabUpdated(tab.id, { status: 'loading' })
      world.fake.fire.tabUpdated(tab.id, { status: 'complete' })
      await world.spine.idle()
      expect(tabRules()).toHaveLength(1)
      expect(Object.keys(records())).toEqual([String(tab.id)])

      world.fake.navigate(tab.id, elsewhere)
      world.fake.fire.tabUpdated(tab.id, { status: 'loading' })
      await world.spine.idle()
      expect({ elsewhere, rules: tabRules(), records: records(), badge: state().badges.get(tab.id) }).toEqual({ elsewhere, rules: [], records: {}, badge: '' })
      world.fake.navigate(tab.id, `${APP}/dashboard`)
    }
  })

  it('ends it too when the finished load shows an origin Lanyard may not see', async () => {
    grant('tab')
    await use('tab')
    world.fake.navigate(tab.id, 'chrome://newtab/')
    world.fake.fire.tabUpdated(tab.id, { status: 'complete' })
    await world.spine.idle()
    expect(tabRules()).toEqual([])
    expect(records()).toEqual({})
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
  })

  it('a reload of a borrowing tab shows its badge again', async () => {
    grant('tab')
    await use('tab')
    state().badges.delete(tab.id)
    world.fake.fire.tabUpdated(tab.id, { status: 'loading' })
    await world.spine.idle()
    expect(state().badges.has(tab.id)).toBe(false)
    world.fake.fire.tabUpdated(tab.id, { status: 'complete' })
    await world.spine.idle()
    expect(state().badges.get(tab.id)).toBe('A')
  })

  it('a browser start restores every leftover record, though the tabs are gone', async () => {
    const before = [endpointCookie('a_session_demo', encoded('grace'))]
    state().cookies.push(...structuredClone(before))
    grant('cookie')
    const other = world.fake.openTab(`${APP}/other`)
    await use('cookie')
    await use('tab', ada.id, other.id)
    expect(Object.keys(records())).toHaveLength(2)

    world.fake.restartBrowser()
    state().tabs.clear()
    world.fake.fire.startup()
    await world.spine.idle()
    expect(world.cookies()).toEqual(before)
    expect(records()).toEqual({})
    expect(tabRules()).toEqual([])
    expect(state().alarms.has(TAB_CHECK_ALARM)).toBe(false)
  })
})
