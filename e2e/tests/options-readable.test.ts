// Issue 16, options side, in Chromium against the local server: a security log people read at a
// glance, the account page that opens on Sessions, the navigation, the overview's alert counts,
// Lock and alerts' "last checked", errors that clear on typing, the dismissible passphrase card,
// and axe on every options view, light and dark.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { expectAccessible } from '../harness/axe.ts'
import type { Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { eventually, FIREFOX_ON_WINDOWS, optionsPages, signInElsewhere } from './ui-pages.ts'

const STRANGER_IP = '198.51.100.70'

describe('options page, readable (issue 16)', () => {
  let world: World
  let admin: Admin
  let project: Project
  let ada: AccountSummary
  let grace: AccountSummary
  let strangerSession: string
  const pages = optionsPages(() => world.ext)
  const options = pages.open
  const table = (page: Page) => page.getByRole('region', { name: 'Security log' }).getByRole('table')
  const rowWith = (page: Page, text: string) => table(page).getByRole('row').filter({ hasText: text })

  beforeAll(async () => {
    world = await startWorld({ ...alphaConfig([seedUser('ada', { name: 'Ada Lovelace' }), seedUser('grace', { name: 'Grace Hopper' })]), trustProxy: true })
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
    grace = await world.signInWithPassword(project, 'grace@example.test')
    ada = await world.signInWithPassword(project, 'ada@example.test')
    // The check after Lanyard's sign-in is the baseline; a sign-in from elsewhere after it alerts.
    await world.ext.call('checkSignInAlerts')
    strangerSession = await signInElsewhere(world.server, 'alpha', 'ada@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: STRANGER_IP })
    await world.ext.call('checkSignInAlerts')
    await world.ext.call('refresh', { accountId: ada.id })
  })
  afterEach(async () => {
    await pages.closeAll()
  })
  afterAll(() => world?.close())

  it('the security log names events in words, times them relatively with the exact time on hover, and counts every merged row', async () => {
    const page = await options(`/account/${ada.id}/logs`)
    const signIn = rowWith(page, 'Signed in with email').first()
    await signIn.waitFor()
    expect(await table(page).getByText('session.create').count()).toBe(0)
    const time = signIn.locator('time')
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(await time.getAttribute('title')).toMatch(/\d{4}/)
    expect(await time.textContent()).toMatch(/ago|now/)

    // Server logs and Lanyard's timeline together: the count is of both.
    const serverTotal = (await world.ext.call('listLogs', { accountId: ada.id, offset: 0, limit: 25 })).total
    const timeline = ((await world.ext.readStorage('local'))[`activity:${ada.id}`] as unknown[]).length
    expect(timeline).toBeGreaterThan(0)
    const total = serverTotal + timeline
    await page.getByText(`1–${total} of ${total} events`).waitFor()
    expect(await table(page).getAttribute('aria-rowcount')).toBe(String(total + 1))
  })

  it('"Unfamiliar only" leaves the sign-in from an address Lanyard never used, acted from there', async () => {
    const page = await options(`/account/${ada.id}/logs`)
    await rowWith(page, 'Signed in with Lanyard').first().waitFor()
    await page.getByRole('checkbox', { name: 'Unfamiliar only' }).check()
    const rows = table(page).getByRole('row')
    await expect.poll(() => rows.count()).toBeLessThan(5)
    const texts = (await rows.allTextContents()).slice(1)
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).toContain(STRANGER_IP)
    expect(texts.some((text) => text.includes('New sign-in seen by Lanyard'))).toBe(true)
    expect(texts.some((text) => text.includes('Signed in with Lanyard'))).toBe(false)
  })

  it('a revoke in Lanyard reads as yours; the revoked session is only its subject', async () => {
    const victim = await signInElsewhere(world.server, 'alpha', 'grace@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: '203.0.113.44' })
    await world.ext.call('refresh', { accountId: grace.id })
    await world.ext.call('revokeSession', { accountId: grace.id, sessionId: victim })
    expect((await admin.listSessions('grace')).map((s) => s.$id)).not.toContain(victim)
    const page = await options(`/account/${grace.id}/logs`)
    const revoked = rowWith(page, 'Revoked by you in Lanyard')
    await revoked.waitFor()
    const [, , who, session] = await revoked.getByRole('cell').allTextContents()
    expect(who).toBe('You, in Lanyard')
    expect(session).toContain('203.0.113.44')
    expect(who).not.toContain('203.0.113.44')
  })

  it('the account page opens on Sessions; the profile forms open from Edit profile; the section navigation stays in view', async () => {
    const page = await options(`/account/${ada.id}`)
    const sessions = page.getByRole('region', { name: 'Sessions' })
    await sessions.getByRole('listitem').first().waitFor()
    const box = await sessions.boundingBox()
    expect(box && box.y < 800).toBe(true)
    expect(await page.getByRole('group', { name: 'Change name' }).count()).toBe(0)

    const edit = page.getByRole('button', { name: 'Edit profile' })
    expect(await edit.getAttribute('aria-expanded')).toBe('false')
    await edit.click()
    expect(await edit.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('group', { name: 'Change name' }).waitFor()

    const nav = page.getByRole('navigation', { name: 'Account sections' })
    await page.getByRole('region', { name: 'Danger zone' }).scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300)
    const stuck = await nav.boundingBox()
    expect(stuck?.y).toBeGreaterThanOrEqual(-1)
    expect(stuck?.y).toBeLessThan(2)
    await nav.getByRole('link', { name: 'Security log' }).click()
    await expect.poll(() => page.url()).toContain('/logs')
  })

  it('the main navigation reads Accounts, Overview, Lock and alerts, Backup, each with an icon', async () => {
    const page = await options('/')
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link')
    expect(await links.allTextContents()).toEqual(['Accounts', 'Overview', 'Lock and alerts', 'Backup'])
    for (let i = 0; i < 4; i++) expect(await links.nth(i).locator('svg[aria-hidden="true"]').count()).toBe(1)
  })

  it('the overview counts unseen sign-in alerts per account, as the worker holds them', async () => {
    const stored = (await world.ext.readStorage('local')).signInAlerts as { accountId: string; sessionId: string }[]
    expect(stored.filter((a) => a.accountId === ada.id).map((a) => a.sessionId)).toEqual([strangerSession])
    const page = await options('/all')
    const adaRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'ada@example.test' }) })
    await adaRow.getByRole('link', { name: '1 new sign-in' }).waitFor()
    // grace's count follows what the worker holds for her (the revoke test above may have alerted).
    const graceAlerts = stored.filter((a) => a.accountId === grace.id).length
    const graceRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'grace@example.test' }) })
    await graceRow.getByText(graceAlerts === 0 ? 'None' : graceAlerts === 1 ? '1 new sign-in' : `${graceAlerts} new sign-ins`, { exact: true }).waitFor()
    // Row lines line up: every cell of a row has the same height as its row.
    const heights = await adaRow.locator('th, td').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().height))
    expect(new Set(heights).size).toBe(1)
  })

  it('Lock and alerts says when the sign-in check last ran, and a new check updates it', async () => {
    const before = (await world.ext.readStorage('local')).signInCheckedAt as number
    expect(before).toBeGreaterThan(0)
    const page = await options('/lock')
    const alerts = page.getByRole('region', { name: 'Sign-in alerts' })
    const last = alerts.getByText(/^Last checked/)
    await last.waitFor()
    expect(await last.locator('time').getAttribute('datetime')).toBe(new Date(before).toISOString())
    await alerts.getByRole('button', { name: 'Check now' }).click()
    await alerts.getByRole('status').filter({ hasText: 'Checked 2 accounts.' }).waitFor()
    const after = await eventually(async () => {
      const at = (await world.ext.readStorage('local')).signInCheckedAt as number
      return at > before ? at : 0
    }, 'the check stored a new time')
    await expect.poll(() => last.locator('time').getAttribute('datetime')).toBe(new Date(after).toISOString())
    // Plural forms: "1 minute", never "1 minutes".
    const lockAfter = page.getByRole('combobox', { name: 'Lock after' })
    expect(await lockAfter.getByRole('option').allTextContents()).toContain('1 minute without use')
    expect(await page.getByText(/\b1 minutes\b/).count()).toBe(0)
  })

  it('focus looks unlike selection, and no box clips a focus ring', async () => {
    const page = await options(`/sign-in/${project.id}`)
    const selected = page.getByRole('radio', { name: 'Email and password' })
    await selected.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowLeft')
    const look = await selected.evaluate((radio) => {
      const label = radio.closest('label') as HTMLElement
      return { ring: getComputedStyle(radio).outlineColor, ringStyle: getComputedStyle(radio).outlineStyle, selection: getComputedStyle(label).borderColor }
    })
    expect(look.ringStyle).toBe('solid')
    expect(look.ring).not.toBe(look.selection)
    // Every control of the account page: no ancestor that clips sits closer than the ring reaches.
    const account = await options(`/account/${ada.id}/profile`)
    await account.getByRole('group', { name: 'Change name' }).waitFor()
    const clipped = await account.evaluate(() => {
      const RING_PX = 5
      const found: string[] = []
      for (const control of document.querySelectorAll<HTMLElement>('main button, main a[href], main input, main select, main textarea')) {
        if (control.getClientRects().length === 0) continue
        const box = control.getBoundingClientRect()
        for (let parent = control.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          const style = getComputedStyle(parent)
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
          const edge = parent.getBoundingClientRect()
          const room = Math.min(box.left - edge.left, edge.right - box.right, box.top - edge.top)
          if (room < RING_PX) found.push(`${control.tagName} ${control.textContent?.trim().slice(0, 20) ?? ''} in ${parent.className}`)
        }
      }
      return found
    })
    expect(clipped).toEqual([])
  })

  it('errors clear as soon as the person types: the add-project form', async () => {
    const page = await options('/')
    const form = page.getByRole('form', { name: 'Add a project' })
    await form.getByRole('textbox', { name: 'Endpoint' }).fill(world.server.endpoint)
    await form.getByRole('textbox', { name: 'Project ID' }).fill('no-such-project')
    await form.getByRole('button', { name: 'Add project' }).click()
    await form.getByRole('alert').waitFor()
    await form.getByRole('textbox', { name: 'Project ID' }).fill('alpha')
    expect(await form.getByRole('alert').count()).toBe(0)
  })

  it('the passphrase offer is a card on Accounts only, and Dismiss puts it away for good', async () => {
    const page = await options('/')
    const offer = page.getByRole('complementary', { name: 'Protect Lanyard with a passphrase?' })
    await offer.waitFor()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click()
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
    expect(await offer.count()).toBe(0)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click()
    await offer.getByRole('button', { name: 'Dismiss' }).click()
    expect(await offer.count()).toBe(0)
    await eventually(async () => (await world.ext.readStorage('local')).passphraseOfferDone === true, 'the answer is kept')
    const again = await options('/')
    await again.getByRole('heading', { name: 'Projects and accounts' }).waitFor()
    expect(await again.getByRole('complementary', { name: 'Protect Lanyard with a passphrase?' }).count()).toBe(0)
  })

  it('axe finds no serious or critical violation on any options view, light or dark', async () => {
    const views: [string, string, (page: Page) => Promise<void>][] = [
      ['projects', '/', (page) => page.getByRole('heading', { name: 'Projects and accounts' }).waitFor()],
      ['sign-in', `/sign-in/${project.id}`, (page) => page.getByRole('button', { name: 'Sign in' }).waitFor()],
      ['create account', `/sign-in/${project.id}/create`, (page) => page.getByRole('button', { name: 'Create account' }).waitFor()],
      ['account: sessions', `/account/${ada.id}/sessions`, (page) => page.getByRole('region', { name: 'Sessions' }).getByRole('listitem').first().waitFor()],
      ['account: security log', `/account/${ada.id}/logs`, (page) => rowWith(page, 'Signed in').first().waitFor()],
      ['account: profile', `/account/${ada.id}/profile`, (page) => page.getByRole('group', { name: 'Change name' }).waitFor()],
      ['account: preferences', `/account/${ada.id}/prefs`, (page) => page.getByRole('region', { name: 'Preferences' }).waitFor()],
      ['account: two-factor', `/account/${ada.id}/two-factor`, (page) => page.getByRole('region', { name: 'Two-factor' }).waitFor()],
      ['overview', '/all', (page) => page.getByRole('link', { name: '1 new sign-in' }).first().waitFor()],
      ['lock and alerts', '/lock', (page) => page.getByRole('region', { name: 'Sign-in alerts' }).waitFor()],
      ['backup', '/backup', (page) => page.getByRole('heading', { name: 'Backup', level: 1 }).waitFor()],
    ]
    for (const [what, route, ready] of views) {
      const page = await options(route)
      await ready(page)
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme })
        await expectAccessible(page, `options ${what} (${colorScheme})`)
      }
      await page.close()
    }
  })
})
