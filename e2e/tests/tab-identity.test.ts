// "Use in this tab" end to end (issue 7): the stock Web SDK in a page on http://localhost, the
// endpoint cross-site on http://127.0.0.1, third-party cookies blocked as this Chromium ships them.
// The worker is driven through the real message contract from an extension page, as the popup does.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD } from '../harness/server.ts'
import {
  andReload,
  appSignIn,
  appSignOut,
  grantTabPermissions,
  pageFallback,
  startTabWorld,
  tabBadge,
  toolbarBadge,
  whoami,
  type TabWorld,
} from './tab-world.ts'

let world: TabWorld
let bob: AccountSummary
let carolId: string

/** Sets a cookie on the endpoint through the extension's own cookies API. */
function plantCookie(details: chrome.cookies.SetDetails): Promise<unknown> {
  return world.ext.page.evaluate((d) => chrome.cookies.set(d), details)
}

function sortCookies(cookies: chrome.cookies.Cookie[]) {
  return [...cookies].sort((a, b) => `${a.name}${JSON.stringify(a.partitionKey)}`.localeCompare(`${b.name}${JSON.stringify(b.partitionKey)}`))
}

beforeAll(async () => {
  world = await startTabWorld()
  bob = await world.signInWithPassword(world.project, 'bob@example.test')
  carolId = (await world.server.admin('alpha').listUsers()).find((u) => u.email === 'carol@example.test')?.$id ?? ''
})

afterAll(async () => {
  await world?.close()
})

describe('Use in this tab, default mode (the SDK cookieFallback)', () => {
  let page: Page
  let tabId: number

  it('asks for its optional permissions before touching anything', async () => {
    page = await world.openApp('one')
    tabId = await world.tabIdOf(page)
    expect(await appSignIn(page, 'alice@example.test', TEST_PASSWORD)).toEqual({ userId: 'alice' })
    const reply = await world.ext.send('useInTab', { tabId, accountId: bob.id, mode: 'fallback', appOrigin: world.app.origin })
    expect(reply).toMatchObject({ ok: false, error: { type: 'lanyard_permission_required', code: 403 } })
    expect(await whoami(page)).toEqual({ userId: 'alice' })
    expect(await grantTabPermissions(world)).toBe(true)
    // The origin the person confirmed must still be the tab's: nothing is placed elsewhere.
    const moved = await world.ext.send('useInTab', { tabId, accountId: bob.id, mode: 'fallback', appOrigin: 'http://localhost:1' })
    expect(moved).toMatchObject({ ok: false, error: { type: 'lanyard_tab_moved', code: 409 } })
    expect(await whoami(page)).toEqual({ userId: 'alice' })
  })

  it('third-party cookies are blocked here, and a stale cookie of another user wins over the page storage', async () => {
    // The app signed in cross-site: the SDK keeps the session in localStorage, no cookie was stored.
    expect(await world.endpointCookies()).toEqual([])
    const carol = await world.server.admin('alpha').createSession(carolId)
    const endpoint = `${world.server.origin}/`
    const cookie = { url: endpoint, name: 'a_session_alpha', value: carol.secret, secure: true, httpOnly: true, sameSite: 'no_restriction' as const }
    // An unpartitioned cookie is not sent from a cross-site page while third-party cookies are blocked...
    await plantCookie(cookie)
    expect(await whoami(page)).toEqual({ userId: 'alice' })
    // ...a partitioned one (CHIPS) is, and it beats the page's localStorage (docs/appwrite/wire.md section 1.1).
    await plantCookie({ ...cookie, partitionKey: { topLevelSite: 'http://localhost' } })
    await plantCookie({ url: endpoint, name: 'a_session_alpha_legacy', value: carol.secret, httpOnly: true })
    expect(await whoami(page)).toEqual({ userId: carolId })
    // The session behind them ends: the cookies are stale now and make the page a guest.
    await world.server.admin('alpha').deleteSessions(carolId)
    expect(await whoami(page)).toMatchObject({ error: { code: 401 } })
  })

  it('after "Use in this tab", account.get() in the page returns the chosen user; Restore puts back exactly what was there', async () => {
    const cookiesBefore = sortCookies(await world.endpointCookies())
    const fallbackBefore = await pageFallback(page)
    expect(cookiesBefore).toHaveLength(3)

    await andReload(page, () =>
      world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'fallback', appOrigin: world.app.origin }),
    )
    expect(await whoami(page)).toEqual({ userId: 'bob' })
    expect(await world.endpointCookies()).toEqual([])
    const view = await world.ext.call('getTabIdentity', { tabId })
    expect(view).toMatchObject({ appOrigin: world.app.origin, inEffect: { accountId: bob.id, mode: 'fallback' } })
    expect(view.fittingAccountIds).toEqual([bob.id])
    expect(view.pageUsers).toEqual([{ projectId: world.project.id, userId: 'bob' }])
    expect(await tabBadge(world, tabId)).toBe('B')

    // What was replaced lives in storage, not in the worker's memory.
    await world.ext.stopWorker()
    await andReload(page, () => world.ext.call('restoreTab', { tabId }))
    expect(sortCookies(await world.endpointCookies())).toEqual(cookiesBefore)
    expect(await pageFallback(page)).toBe(fallbackBefore)
    expect(await whoami(page)).toMatchObject({ error: { code: 401 } })
    // The tab's own badge is gone: it shows the toolbar's, the active account's initials (issue 16).
    expect(await tabBadge(world, tabId)).toBe(await toolbarBadge(world))
    expect((await world.ext.call('getTabIdentity', { tabId })).inEffect).toBeNull()

    // Without the stale cookies the restored page storage is alice's session again, as before.
    for (const c of cookiesBefore) {
      await world.ext.page.evaluate(
        (d) => chrome.cookies.remove(d),
        { url: `${world.server.origin}/`, name: c.name, ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}) },
      )
    }
    expect(await whoami(page)).toEqual({ userId: 'alice' })
    // Bob's held session was lent, never ended: Lanyard still holds it.
    expect((await world.ext.call('refresh', { accountId: bob.id })).account?.$id).toBe('bob')
  })

  it('closing the borrowing tab puts the page storage back', async () => {
    const fallbackBefore = await pageFallback(page)
    await andReload(page, () =>
      world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'fallback', appOrigin: world.app.origin }),
    )
    expect(await whoami(page)).toEqual({ userId: 'bob' })
    await page.close()
    await expect.poll(async () => (await world.ext.readStorage('local')).tabIdentities).toEqual({})
    page = await world.openApp('one-again')
    tabId = await world.tabIdOf(page)
    expect(await pageFallback(page)).toBe(fallbackBefore)
    expect(await whoami(page)).toEqual({ userId: 'alice' })
  })

  it('when the app signs out in the tab, Lanyard shows that account as signed out', async () => {
    await andReload(page, () =>
      world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'fallback', appOrigin: world.app.origin }),
    )
    expect(await whoami(page)).toEqual({ userId: 'bob' })
    expect(await appSignOut(page)).toEqual({ ok: true })
    // The app's sign-out ended the held session itself on the server.
    expect(await world.server.admin('alpha').listSessions('bob')).toEqual([])
    // The app reloads after its sign-out, as apps do; the worker checks the borrowed session then.
    await page.reload()
    await expect
      .poll(async () => (await world.ext.call('getState')).accounts.find((a) => a.id === bob.id)?.status)
      .toBe('signedOut')
    await andReload(page, () => world.ext.call('restoreTab', { tabId }))
    expect(await whoami(page)).toEqual({ userId: 'alice' })
  })
})
