// "Act as a user" end to end (issue 15), on both server lines: 2.7.1 answers only GET /account as the
// target, 1.9.6 every Account route (docs/appwrite/wire-2x.md section 5.3). The operator `olga` has the
// server's `impersonator` flag; `bob` is a plain account. The pages are the built popup and options
// page; the tab is the test app running the stock Web SDK (e2e/tab-app).
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppwriteVersion } from '../appwrite/config.ts'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { expectAccessible } from '../harness/axe.ts'
import { TEST_PASSWORD } from '../harness/server.ts'
import { seedUser } from '../harness/world.ts'
import { andReload, appSignIn, grantTabPermissions, startTabWorld, TAB_USERS, tabBadge, toolbarBadge, whoami, type TabWorld } from './tab-world.ts'
import { eventually, OPTIONS_PATH, POPUP_PATH, POPUP_VIEWPORT } from './ui-pages.ts'

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
const VERSIONS: AppwriteVersion[] = ['2.7.1', '1.9.6']

describe.each(VERSIONS)('act as a user on %s', (version) => {
  let world: TabWorld
  let olga: AccountSummary
  let bob: AccountSummary
  /** Every password hash the server holds: none may reach a page, a message or storage. */
  let hashes: string[]

  beforeAll(async () => {
    world = await startTabWorld({ version, users: [...TAB_USERS, seedUser('olga', { name: 'Olga Operator', impersonator: true })] })
    olga = await world.signInWithPassword(world.project, 'olga@example.test')
    bob = await world.signInWithPassword(world.project, 'bob@example.test')
    const raw = (await world.server.admin('alpha').listUsers()) as unknown as { password?: string }[]
    hashes = raw.map((u) => u.password ?? '').filter((h) => h.length >= 16)
    expect(hashes.length).toBe(raw.length)
    expect(await grantTabPermissions(world)).toBe(true)
  })
  afterAll(async () => {
    await world?.close()
  })

  const tabRules = async () => (await world.ext.page.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).filter((rule) => rule.id !== 1)
  const acting = async () => ((await world.ext.readStorage('local'))['actingStates'] ?? {}) as Record<string, unknown>

  async function expectNoHash(what: string, text: string): Promise<void> {
    for (const hash of hashes) expect(text.includes(hash), `${what} holds a password hash`).toBe(false)
    expect(text, what).not.toMatch(/hashOptions/)
  }

  async function storageDump(): Promise<string> {
    return JSON.stringify([await world.ext.readStorage('local'), await world.ext.readStorage('session')])
  }

  async function openAccountPage(account: AccountSummary): Promise<Page> {
    const page = await world.ext.context.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${world.ext.origin}/${OPTIONS_PATH}#/account/${encodeURIComponent(account.id)}`)
    await page.locator('main.options-main').waitFor()
    return page
  }

  it('offers "Act as a user" to the operator only: GET /account says impersonator for olga, not for bob', async () => {
    expect((await world.ext.call('refresh', { accountId: olga.id })).account?.impersonator).toBe(true)
    expect((await world.ext.call('refresh', { accountId: bob.id })).account?.impersonator).toBe(false)
    const bobPage = await openAccountPage(bob)
    await bobPage.getByRole('region', { name: 'Sessions' }).or(bobPage.locator('#sessions')).first().waitFor()
    expect(await bobPage.getByRole('button', { name: 'Act as a user' }).count()).toBe(0)
    await bobPage.close()
    // Refused by the worker too, and bob stays signed in.
    expect(await world.ext.send('searchUsers', { accountId: bob.id, search: '', offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { type: 'lanyard_not_impersonator' } })
    expect((await world.ext.call('refresh', { accountId: bob.id })).account?.$id).toBe('bob')
  })

  it('the operator finds a user, acts as it and sees its profile as the server answers it; Stop acting ends it', async () => {
    const page = await openAccountPage(olga)
    await page.getByRole('button', { name: 'Act as a user' }).click()
    const search = page.getByRole('searchbox', { name: 'Find a user' })
    // With no search, the first page of every user.
    await expect.poll(() => page.locator('.user-result').count()).toBe(4)
    if (version === '2.7.1') await shoot(page.locator('#act-as'), 'act-as-picker')
    await search.fill('carol')
    const carolButton = page.getByRole('button', { name: 'carol@example.test', exact: true })
    await carolButton.waitFor()
    await expect.poll(() => page.locator('.user-result').count()).toBe(1)
    await expectAccessible(page, 'the user picker')

    await carolButton.click()
    const banner = page.getByRole('region', { name: 'Acting as carol@example.test' })
    await banner.waitFor()
    await expect.poll(() => banner.textContent()).toContain('Operator: olga@example.test')
    const carol = await world.server.admin('alpha').getUser('carol')
    const profile = page.getByRole('region', { name: 'What the server answers as this user' })
    await expect.poll(() => profile.textContent()).toContain(carol.email)
    expect(await profile.textContent()).toContain(carol.$id)
    expect(await profile.textContent()).toContain(version === '2.7.1' ? 'answers only GET /account' : 'every account request')
    // Read-only: nothing that deletes, blocks or signs out is offered while acting.
    expect(await page.getByRole('button', { name: /block|delete|sign out/i }).count()).toBe(0)
    await expectAccessible(page, 'the acting banner')
    if (version === '2.7.1') await shoot(page.locator('main'), 'act-as-banner')
    await expectNoHash('the options page', await page.content())

    // The popup's account card shows it.
    await world.ext.call('switchAccount', { accountId: olga.id })
    const popup = await world.ext.context.newPage()
    await popup.setViewportSize(POPUP_VIEWPORT)
    await popup.goto(`${world.ext.origin}/${POPUP_PATH}`)
    await popup.getByRole('region', { name: 'Acting as carol@example.test' }).waitFor()
    await expectNoHash('the popup', await popup.content())
    await popup.close()

    // The server's own record of the operator is untouched: still olga, still the impersonator.
    expect(await world.server.admin('alpha').getUser('olga')).toMatchObject({ $id: 'olga', impersonator: true })
    await expectNoHash('storage', await storageDump())

    await page.getByRole('button', { name: 'Stop acting' }).click()
    await page.getByRole('button', { name: 'Act as a user' }).waitFor()
    expect(await acting()).toEqual({})
    const timeline = (await world.ext.readStorage('local'))[`activity:${olga.id}`] as { kind: string; actingAs?: { target: string; where: string } }[]
    expect(timeline.filter((e) => e.kind.startsWith('actAs')).map((e) => [e.kind, e.actingAs?.target, e.actingAs?.where])).toEqual([
      ['actAsStarted', 'carol@example.test', 'page'],
      ['actAsStopped', 'carol@example.test', 'page'],
    ])
    await page.close()
  })

  it('the users search through the contract is paged and carries no password hash', async () => {
    const first = await world.ext.send('searchUsers', { accountId: olga.id, search: '', offset: 0, limit: 2 })
    const second = await world.ext.send('searchUsers', { accountId: olga.id, search: '', offset: 2, limit: 2 })
    expect(first).toMatchObject({ ok: true, value: { total: 4 } })
    if (!first.ok || !second.ok) throw new Error('search failed')
    expect(new Set([...first.value.users, ...second.value.users].map((u) => u.$id))).toEqual(new Set(['alice', 'bob', 'carol', 'olga']))
    await expectNoHash('the search replies', JSON.stringify([first, second]))
    await expectNoHash('storage', await storageDump())
  })

  it('"Use in this tab as" makes the Web SDK page read account.get() as the target, and as its own user after Restore', async () => {
    const app = await world.openApp('act-as')
    expect(await appSignIn(app, 'alice@example.test', TEST_PASSWORD)).toEqual({ userId: 'alice' })
    const tabId = await world.tabIdOf(app)
    const popup = await world.ext.context.newPage()
    await popup.setViewportSize(POPUP_VIEWPORT)
    await popup.goto(`${world.ext.origin}/${POPUP_PATH}?tab=${tabId}`)
    await popup.getByRole('tab', { name: 'This tab' }).click()
    const panel = popup.getByRole('region', { name: 'Act as a user in this tab' })
    await panel.getByRole('searchbox', { name: 'Find a user' }).fill('carol')
    await expect.poll(() => panel.locator('.user-result').count()).toBe(1)
    await panel.getByRole('button', { name: 'carol@example.test', exact: true }).click()
    await andReload(app, () => panel.getByRole('button', { name: 'Use in this tab as carol@example.test' }).click())
    expect(await whoami(app)).toEqual({ userId: 'carol' })
    await expect.poll(() => popup.getByTestId('tab-in-effect').textContent()).toContain('acts as carol@example.test through olga@example.test')
    // The reload clears the tab's own badge; the worker sets it again once the page has loaded.
    await expect.poll(() => tabBadge(world, tabId)).toBe('asC')
    const rules = await tabRules()
    expect(rules).toHaveLength(1)
    expect(rules[0]?.action.requestHeaders).toContainEqual({ header: 'x-appwrite-impersonate-user-id', operation: 'set', value: 'carol' })
    // Lanyard never needed the target's password: the target has no session at all.
    expect((await world.server.admin('alpha').listSessions('carol')).length).toBe(0)
    await expectNoHash('the popup', await popup.content())

    await andReload(app, () => popup.getByRole('button', { name: 'Restore' }).click())
    expect(await whoami(app)).toEqual({ userId: 'alice' })
    expect(await tabRules()).toEqual([])
    await expect.poll(async () => (await tabBadge(world, tabId)) === (await toolbarBadge(world))).toBe(true)
    await popup.close()
    await app.close()
  })

  it('a navigation to another origin ends the rule', async () => {
    const app = await world.openApp('leave')
    const tabId = await world.tabIdOf(app)
    await andReload(app, () => world.ext.call('useInTabAs', { tabId, accountId: olga.id, userId: 'carol', appOrigin: world.app.origin }))
    expect(await whoami(app)).toEqual({ userId: 'carol' })
    await app.goto(`${world.server.origin}/v1/health/version`)
    await eventually(async () => (await tabRules()).length === 0, 'the rule ended')
    await app.goto(`${world.app.origin}/?tab=back`)
    expect(await whoami(app)).toEqual({ userId: 'alice' })
    await app.close()
  })

  it('locking ends every act-as: the tab gets its own user back and the pages stop acting', async () => {
    await world.ext.call('setPassphrase', { passphrase: 'correct horse battery' })
    const app = await world.openApp('lock')
    const tabId = await world.tabIdOf(app)
    await andReload(app, () => world.ext.call('useInTabAs', { tabId, accountId: olga.id, userId: 'carol', appOrigin: world.app.origin }))
    expect(await whoami(app)).toEqual({ userId: 'carol' })
    await world.ext.call('startActingAs', { accountId: olga.id, userId: 'bob' })
    expect(Object.keys(await acting())).toEqual([olga.id])

    await andReload(app, () => world.ext.call('lock'))
    expect(await whoami(app)).toEqual({ userId: 'alice' })
    expect(await tabRules()).toEqual([])
    expect(await acting()).toEqual({})
    await world.ext.call('unlock', { passphrase: 'correct horse battery' })
    await app.close()
  })
})

/** The part of the page that shows the feature, light and dark (options page at 1280 wide). */
async function shoot(part: Locator, name: string): Promise<void> {
  const page = part.page()
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await part.screenshot({ path: `${SCREENSHOTS}${name}-${colorScheme}.png`, animations: 'disabled', caret: 'hide' })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
