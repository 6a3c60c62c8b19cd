// The everyday paths through Lanyard's own pages in Firefox, clicked and typed over WebDriver BiDi,
// each checked where it matters: on the server (key API) or in the worker's state.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { seedUser } from '../harness/world.ts'
import { eventually, FIREFOX_ON_WINDOWS, OPTIONS_PATH, POPUP_PATH, signInElsewhere } from '../tests/ui-pages.ts'
import { pageDriver, type PageDriver, type Target } from './page.ts'
import { startFirefoxWorld, type FirefoxWorld } from './world.ts'

const ACTIVE_CARD: Target = { role: 'region', name: 'Active account' }

describe('Firefox: the everyday paths through the popup and the options page', () => {
  let world: FirefoxWorld
  let admin: Admin
  let project: Project
  let alice: AccountSummary
  let bob: AccountSummary

  const opened: string[] = []
  const open = async (path: string): Promise<PageDriver> => {
    const context = await world.ext.openPage(path)
    opened.push(context)
    return pageDriver(world.ext.bidi, context)
  }
  const activeAccountId = async () => (await world.ext.call('getState')).activeAccountId

  beforeAll(async () => {
    world = await startFirefoxWorld(['alice', 'bob'].map((id) => seedUser(id)))
    admin = world.server.admin('alpha')
  })
  // Like the Chromium ui tests: every page a test opened is closed, so none keeps refreshing into the next test.
  afterEach(async () => {
    for (const context of opened.splice(0)) await world.ext.bidi.send('browsingContext.close', { context })
  })
  afterAll(() => world?.close())

  it('options page: adds a project and signs in with email and password', async () => {
    const page = await open(OPTIONS_PATH)
    await page.type({ role: 'textbox', name: 'Endpoint' }, world.server.endpoint)
    await page.type({ role: 'textbox', name: 'Project ID' }, 'alpha')
    await page.type({ role: 'textbox', name: 'Label' }, 'Alpha')
    await page.click({ role: 'button', name: 'Add project' })
    await page.find({ role: 'heading', name: 'Sign in to Alpha' })
    await page.type({ role: 'textbox', name: 'Email' }, 'alice@example.test')
    await page.type({ role: 'textbox', name: 'Password' }, TEST_PASSWORD)
    await page.click({ role: 'button', name: 'Sign in' })
    await page.waitForText(ACTIVE_CARD, 'alice@example.test')

    const state = await world.ext.call('getState')
    expect(state.projects).toMatchObject([{ endpoint: world.server.endpoint, projectId: 'alpha', label: 'Alpha' }])
    project = state.projects[0] as Project
    alice = state.accounts.find((a) => a.userId === 'alice') as AccountSummary
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toEqual([alice.sessionId])
  })

  it('popup: switches accounts with one click', async () => {
    bob = await world.signInWithPassword(project, 'bob@example.test')
    await world.ext.call('switchAccount', { accountId: alice.id })
    const page = await open(POPUP_PATH)
    await page.waitForText(ACTIVE_CARD, 'alice@example.test')
    await page.click({ role: 'button', name: 'bob@example.test', within: { role: 'list', name: 'Accounts' } })
    await page.waitForText(ACTIVE_CARD, 'bob@example.test')
    await eventually(async () => (await activeAccountId()) === bob.id, 'bob is the active account')
  })

  it('popup: revokes one session of the active account with its Revoke button', async () => {
    const elsewhere = await signInElsewhere(world.server, 'alpha', 'bob@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    await world.ext.call('refresh', { accountId: bob.id })
    const page = await open(POPUP_PATH)
    const row: Target = { role: 'listitem', name: 'Firefox 120.0 on Windows 10' }
    await page.click({ role: 'button', name: 'Revoke Firefox 120.0 on Windows 10', within: row })
    await eventually(async () => !(await admin.listSessions('bob')).some((s) => s.$id === elsewhere), 'the session is gone on the server')
    expect((await admin.listSessions('bob')).map((s) => s.$id)).toEqual([bob.sessionId])
    await page.waitForGone(row)
  })

  it('popup: signs out other sessions after a confirmation that names the account', async () => {
    await signInElsewhere(world.server, 'alpha', 'bob@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    await signInElsewhere(world.server, 'alpha', 'bob@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    await world.ext.call('refresh', { accountId: bob.id })
    expect(await admin.listSessions('bob')).toHaveLength(3)
    const page = await open(POPUP_PATH)
    await page.click({ role: 'button', name: 'Sign out other sessions' })
    const dialog: Target = { role: 'alertdialog', name: 'Sign out 2 other sessions of bob@example.test?' }
    await page.click({ role: 'button', name: 'Sign out others', within: dialog })
    await eventually(async () => (await admin.listSessions('bob')).length === 1, 'only one session is left')
    expect((await admin.listSessions('bob'))[0]?.$id).toBe(bob.sessionId)
  })

  it('popup: the Activity panel, drawn when its tab opens, comes with its own styles', async () => {
    const context = await world.ext.openPage(POPUP_PATH)
    opened.push(context)
    const page = pageDriver(world.ext.bidi, context)
    await page.click({ role: 'button', name: 'Activity' })
    await page.find({ role: 'list', name: 'Recent security events' })
    // Both rules live in stylesheets the panel's chunk brings (recent-events.css, log-parts.css), not in popup.css.
    const displays = await world.ext.bidi.send<{ result?: { value?: string } }>('script.evaluate', {
      expression: `['.recent-events', '.log-line'].map((s) => getComputedStyle(document.querySelector(s)).display).join(' ')`,
      target: { context },
      awaitPromise: false,
    })
    expect(displays.result?.value).toBe('grid grid')
  })

  it('options page: reads the security log', async () => {
    const page = await open(`${OPTIONS_PATH}#/account/${bob.id}/logs`)
    const log: Target = { role: 'region', name: 'Security log' }
    await page.waitForText(log, ' events')
    const range = /(\d+)–(\d+) of (\d+) events/.exec(await page.text(log))
    expect(range?.[1]).toBe('1')
    // bob's log holds at least his own sign-in and the three session deletions.
    expect(Number(range?.[3])).toBeGreaterThanOrEqual(4)
    expect(await page.text(log)).toContain('Signed in')
    expect(await page.text(log)).not.toContain('session.create')
  })

  it('options page: the Two-factor section has its own route and heading', async () => {
    const page = await open(`${OPTIONS_PATH}#/account/${bob.id}/two-factor`)
    await page.find({ role: 'heading', name: 'Two-factor' })
    await page.find({ role: 'button', name: 'Add authenticator app', within: { role: 'region', name: 'Two-factor' } })
  })

  it('options page: Check now in Lock and alerts says how many accounts it checked', async () => {
    const page = await open(`${OPTIONS_PATH}#/lock`)
    const alerts: Target = { role: 'region', name: 'Sign-in alerts' }
    await page.click({ role: 'button', name: 'Check now', within: alerts })
    await page.waitForText(alerts, 'Checked 2 accounts.')
  })
})
