// The popup, driven like a person drives it, in Chromium with the built extension against the
// local server; every action is checked where it matters: on the server (key API) or in the
// worker's stored state.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import type { Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { eventually, FIREFOX_ON_WINDOWS, openPopup, signInElsewhere } from './ui-pages.ts'

const HOSTILE = '<img src=x onerror=window.__xss=1>'
const HOSTILE_PHONE_UA = `Mozilla/5.0 (Linux; Android 14; ${HOSTILE}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36`

describe('popup', () => {
  let world: World
  let project: Project
  let admin: Admin
  let alice: AccountSummary
  let bob: AccountSummary
  const pages: Page[] = []

  async function popup(): Promise<Page> {
    const page = await openPopup(world.ext)
    pages.push(page)
    return page
  }
  const activeAccountId = async () => (await world.ext.call('getState')).activeAccountId
  const card = (page: Page) => page.getByRole('region', { name: 'Active account' })

  beforeAll(async () => {
    world = await startWorld({ ...alphaConfig([seedUser('alice'), seedUser('bob'), seedUser('mallory', { name: HOSTILE })]), trustProxy: true })
    project = await world.addProject('alpha')
    admin = world.server.admin('alpha')
    bob = await world.signInWithPassword(project, 'bob@example.test')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterEach(async () => {
    await world.server.clearFaults()
    await Promise.all(pages.splice(0).map((page) => page.close()))
  })
  afterAll(() => world?.close())

  it('paints the cached active account before the worker answers', async () => {
    await world.ext.call('switchAccount', { accountId: alice.id })
    await world.ext.call('refresh', { accountId: alice.id })
    // A stopped worker has to boot, and then the server takes seconds: the refresh cannot have
    // answered when the card is on screen, so the card came from the cache.
    await world.ext.stopWorker()
    await world.server.addFault({ path: '/v1/account**', delayMs: 5_000 })
    const page = await popup()
    await card(page).getByText('alice@example.test').waitFor()
    const shown = await page.evaluate(() => ({
      freshness: document.querySelector('.freshness')?.textContent ?? '',
      marks: performance.getEntriesByName('lanyard:active-card-painted').length,
    }))
    expect(shown.freshness).toContain('Refreshing…')
    expect(shown.marks).toBe(1)
    await page.locator('.freshness').getByText(/^Updated /).waitFor({ timeout: 15_000 })
  })

  it('switches accounts with one click', async () => {
    const page = await popup()
    await page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: 'bob@example.test' }).click()
    await card(page).getByText('bob@example.test').waitFor()
    await eventually(async () => (await activeAccountId()) === bob.id, 'bob is the active account')
    await world.ext.call('switchAccount', { accountId: alice.id })
  })

  it('switches accounts by keyboard only: arrows and Enter, digits, typing to filter', async () => {
    // The switcher lists accounts in the order they were added: bob (1), alice (2).
    const page = await popup()
    await card(page).getByText('alice@example.test').waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    expect(await page.evaluate(() => document.activeElement?.querySelector('.switcher-email')?.textContent)).toBe('bob@example.test')
    await page.keyboard.press('Enter')
    await card(page).getByText('bob@example.test').waitFor()
    await eventually(async () => (await activeAccountId()) === bob.id, 'arrows and Enter made bob active')

    await page.keyboard.press('2')
    await card(page).getByText('alice@example.test').waitFor()
    await eventually(async () => (await activeAccountId()) === alice.id, 'digit 2 made alice active')

    await page.keyboard.type('bo')
    expect(await page.getByRole('searchbox', { name: 'Filter accounts' }).inputValue()).toBe('bo')
    await page.keyboard.press('Enter')
    await card(page).getByText('bob@example.test').waitFor()
    await eventually(async () => (await activeAccountId()) === bob.id, 'filter and Enter made bob active')
    await world.ext.call('switchAccount', { accountId: alice.id })
  })

  it('revokes one session of the active account with its Revoke button', async () => {
    const elsewhere = await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: '192.0.2.10' })
    await world.ext.call('refresh', { accountId: alice.id })
    const page = await popup()
    const row = page.getByRole('listitem', { name: 'Firefox 120.0 on Windows 10' })
    const flag = row.getByRole('img', { name: 'Germany' })
    // The flag is a bundled SVG (flag-icons, copied at build time), and it loaded.
    await eventually(() => flag.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && new URL(img.src).pathname === '/flags/de.svg'), 'the German flag loaded')
    await row.getByRole('button', { name: 'Revoke' }).click()
    await eventually(async () => !(await admin.listSessions('alice')).some((s) => s.$id === elsewhere), 'the session is gone on the server')
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toContain(alice.sessionId)
    await row.waitFor({ state: 'detached' })
  })

  it('signs out other sessions after a confirmation that names the account', async () => {
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: HOSTILE_PHONE_UA })
    await world.ext.call('refresh', { accountId: alice.id })
    expect(await admin.listSessions('alice')).toHaveLength(3)
    const page = await popup()
    await page.getByRole('button', { name: 'Sign out other sessions' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Sign out 2 other sessions of alice@example.test?' })
    await dialog.getByRole('button', { name: 'Sign out others' }).click()
    await eventually(async () => (await admin.listSessions('alice')).length === 1, 'only one session is left')
    expect((await admin.listSessions('alice'))[0]?.$id).toBe(alice.sessionId)
  })

  it('shows names and device strings containing HTML as literal text, and runs nothing', async () => {
    const mallory = await world.signInWithPassword(project, 'mallory@example.test')
    await signInElsewhere(world.server, 'alpha', 'mallory@example.test', { userAgent: HOSTILE_PHONE_UA })
    await world.ext.call('refresh', { accountId: mallory.id })
    const page = await popup()
    await card(page).getByText(HOSTILE, { exact: true }).waitFor()
    await page.locator('.session-meta', { hasText: HOSTILE }).waitFor()
    const result = await page.evaluate(() => ({
      injected: document.querySelectorAll('img[src="x"]').length,
      ran: (window as unknown as { __xss?: number }).__xss ?? null,
    }))
    expect(result).toEqual({ injected: 0, ran: null })
    await world.ext.call('switchAccount', { accountId: alice.id })
  })
})
