// The options page's everyday paths, driven through the UI in Chromium against the local server;
// each checks its effect on the server through the key API (or the account's own API).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { latestLink, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { eventually, FIREFOX_ON_WINDOWS, passwordSignInStatus, optionsPages, signInElsewhere } from './ui-pages.ts'

describe('options page', () => {
  let world: World
  let admin: Admin
  let alice: AccountSummary
  const pages = optionsPages(() => world.ext)
  const options = pages.open
  const section = (page: Page, name: string) => page.getByRole('region', { name })

  beforeAll(async () => {
    world = await startWorld(alphaConfig([seedUser('alice'), seedUser('bob'), seedUser('carol'), seedUser('dave')]))
    admin = world.server.admin('alpha')
  })
  afterEach(async () => {
    await pages.closeAll()
  })
  afterAll(() => world?.close())

  it('adds a project and signs in with email and password', async () => {
    const page = await options()
    await page.getByRole('textbox', { name: 'Endpoint' }).fill(world.server.endpoint)
    await page.getByRole('textbox', { name: 'Project ID' }).fill('alpha')
    await page.getByRole('textbox', { name: 'Label' }).fill('Alpha')
    await page.getByRole('button', { name: 'Add project' }).click()
    await page.getByRole('heading', { name: 'Sign in to Alpha' }).waitFor()
    await page.getByLabel('Email', { exact: true }).fill('alice@example.test')
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('region', { name: 'Active account' }).getByText('alice@example.test').waitFor()
    // The account page opens on its sessions; the profile forms wait behind "Edit profile".
    await section(page, 'Sessions').getByRole('listitem').first().waitFor()
    expect(await section(page, 'Sessions').isVisible()).toBe(true)
    expect(await page.getByRole('group', { name: 'Change name' }).count()).toBe(0)

    const state = await world.ext.call('getState')
    expect(state.projects).toMatchObject([{ endpoint: world.server.endpoint, projectId: 'alpha', label: 'Alpha' }])
    alice = state.accounts.find((a) => a.userId === 'alice') as AccountSummary
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toEqual([alice.sessionId])
  })

  it('renames a project and changes its colour in its card', async () => {
    const page = await options()
    const card = section(page, 'Alpha')
    await card.getByRole('button', { name: 'Edit project' }).click()
    const form = page.getByRole('form', { name: 'Edit Alpha' })
    await form.getByRole('textbox', { name: 'Label' }).fill('Alpha production')
    await form.getByLabel('Colour').fill('#16a34a')
    await form.getByRole('button', { name: 'Save' }).click()
    await section(page, 'Alpha production').getByRole('status').filter({ hasText: 'Saved: Alpha production.' }).waitFor()
    expect((await world.ext.call('getState')).projects).toMatchObject([{ projectId: 'alpha', label: 'Alpha production', color: '#16a34a' }])

    await section(page, 'Alpha production').getByRole('button', { name: 'Edit project' }).click()
    await page.getByRole('form', { name: 'Edit Alpha production' }).getByRole('textbox', { name: 'Label' }).fill('Alpha')
    await page.getByRole('form', { name: 'Edit Alpha production' }).getByRole('button', { name: 'Save' }).click()
    await section(page, 'Alpha').getByText('Saved: Alpha.').waitFor()
    expect((await world.ext.call('getState')).projects).toMatchObject([{ label: 'Alpha', color: '#16a34a' }])
  })

  it('tells an unknown project apart from an unreachable host', async () => {
    const page = await options()
    await page.getByRole('textbox', { name: 'Endpoint' }).fill(world.server.endpoint)
    await page.getByRole('textbox', { name: 'Project ID' }).fill('no-such-project')
    await page.getByRole('button', { name: 'Add project' }).click()
    await page.getByRole('alert').getByText(/does not know this project ID/).waitFor()
    await page.getByRole('textbox', { name: 'Endpoint' }).fill('http://127.0.0.1:9/v1')
    await page.getByRole('textbox', { name: 'Project ID' }).fill('alpha')
    await page.getByRole('button', { name: 'Add project' }).click()
    await page.getByRole('alert').getByText(/cannot be reached|did not answer in time/).waitFor({ timeout: 30_000 })
    expect((await world.ext.call('getState')).projects).toHaveLength(1)
  })

  it('reads the security log and goes to its second page', async () => {
    for (let i = 0; i < 30; i++) await world.ext.call('updatePrefs', { accountId: alice.id, prefs: { step: i } })
    const page = await options(`/account/${alice.id}/logs`)
    const log = section(page, 'Security log')
    const range = log.getByText(/^1–25 of \d+ events$/)
    await range.waitFor()
    const total = Number(/of (\d+) events/.exec((await range.textContent()) ?? '')?.[1])
    await log.getByRole('button', { name: 'Next page' }).click()
    await log.getByText(new RegExp(`^26–${Math.min(50, total)} of ${total} events$`)).waitFor()
    await log.getByText(`Page 2 of ${Math.ceil(total / 25)}`).waitFor()

    // The server's own count, through a session the key API makes for the same user (the key
    // caller receives it encoded, docs/appwrite/wire.md section 2.1; making it logs no event).
    const session = await admin.createSession('alice')
    const response = await fetch(`${world.server.endpoint}/account/logs?total=1`, {
      headers: { 'X-Appwrite-Project': 'alpha', 'X-Appwrite-Session': session.secret },
    })
    const body = await response.text()
    expect(response.status, body).toBe(200)
    // The range counts the server's entries and Lanyard's own timeline, merged.
    const timeline = ((await world.ext.readStorage('local'))[`activity:${alice.id}`] as unknown[] | undefined)?.length ?? 0
    expect((JSON.parse(body) as { total: number }).total + timeline).toBe(total)
    const rows = log.getByRole('table').getByRole('row')
    expect(await rows.count()).toBeGreaterThan(1)
  })

  it('edits prefs, and rejects an oversized value without sending it', async () => {
    const page = await options(`/account/${alice.id}/prefs`)
    const prefs = section(page, 'Preferences')
    const editor = prefs.getByRole('textbox', { name: 'Preferences (JSON)' })
    await editor.fill('{"theme":"dark","beta":true}')
    await prefs.getByRole('button', { name: 'Save preferences' }).click()
    await prefs.getByText('Preferences saved.').waitFor()
    expect((await admin.getUser('alice')).prefs).toEqual({ theme: 'dark', beta: true })

    await editor.fill(JSON.stringify({ blob: 'x'.repeat(70_000) }))
    await prefs.getByRole('alert').getByText(/^Too large: 70,011 bytes/).waitFor()
    await prefs.getByRole('button', { name: 'Save preferences' }).click()
    expect((await admin.getUser('alice')).prefs).toEqual({ theme: 'dark', beta: true })
  })

  it('changes the name', async () => {
    const page = await options(`/account/${alice.id}`)
    await page.getByRole('button', { name: 'Edit profile' }).click()
    const form = page.getByRole('group', { name: 'Change name' })
    await form.getByLabel('Name', { exact: true }).fill('Alice Liddell')
    await form.getByRole('button', { name: 'Save name' }).click()
    await form.getByText('Name saved.').waitFor()
    expect((await admin.getUser('alice')).name).toBe('Alice Liddell')
    await page.getByRole('region', { name: 'Active account' }).getByText('Alice Liddell').waitFor()
  })

  it('verifies the email with the link from the server outbox', async () => {
    expect((await admin.getUser('alice')).emailVerification).toBe(false)
    const page = await options(`/account/${alice.id}/profile`)
    await page.getByRole('button', { name: 'Send verification email' }).click()
    await page.getByText('Verification email sent. Paste its link below.').waitFor()
    const link = await latestLink(world.server, 'alice@example.test')
    const confirm = page.getByRole('group', { name: 'Confirm email verification' })
    await confirm.getByLabel('Verification link').fill(link)
    await confirm.getByRole('button', { name: 'Confirm email' }).click()
    await eventually(async () => (await admin.getUser('alice')).emailVerification, 'the server marks the email verified')
    await page.getByRole('region', { name: 'Active account' }).getByText('Email verified').waitFor()
  })

  it('recovers a password with the link from the outbox', async () => {
    const project = (await world.ext.call('getState')).projects[0]
    const page = await options(`/sign-in/${project?.id ?? ''}`)
    await page.getByRole('link', { name: 'Recover password' }).click()
    await page.getByRole('heading', { name: 'Recover password' }).waitFor()
    await page.getByLabel('Email', { exact: true }).fill('bob@example.test')
    await page.getByRole('button', { name: 'Send recovery email' }).click()
    await page.getByText(/We sent a recovery link/).waitFor()
    await page.getByLabel('Recovery link').fill(await latestLink(world.server, 'bob@example.test'))
    await page.getByLabel('New password').fill('a-brand-new-secret-9')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByText('Password set. Sign in with the new password.').waitFor()

    expect(await passwordSignInStatus(world.server, 'alpha', 'bob@example.test', 'a-brand-new-secret-9')).toBe(201)
    expect(await passwordSignInStatus(world.server, 'alpha', 'bob@example.test', TEST_PASSWORD)).toBe(401)
  })

  it('blocks an account after the email is typed as confirmation', async () => {
    const project = (await world.ext.call('getState')).projects[0]
    const carol = await world.ext.call('signIn', { method: 'email-password', projectId: project?.id ?? '', email: 'carol@example.test', password: TEST_PASSWORD })
    const page = await options(`/account/${carol.id}/danger`)
    const zone = section(page, 'Danger zone')
    const button = zone.getByRole('button', { name: 'Block account' })
    expect(await button.isDisabled()).toBe(true)
    await zone.getByLabel('Type carol@example.test to confirm').fill('carol@example.test')
    await button.click()
    await eventually(async () => (await admin.getUser('carol')).status === false, 'the server blocked carol')
    await zone.getByText('This account is blocked. Only a project admin can unblock it.').waitFor()
  })

  it('signs out other sessions of every account at once from the overview', async () => {
    const project = (await world.ext.call('getState')).projects[0]
    const dave = await world.ext.call('signIn', { method: 'email-password', projectId: project?.id ?? '', email: 'dave@example.test', password: TEST_PASSWORD })
    const held = (await world.ext.call('getState')).accounts.filter((a) => a.status === 'signedIn')
    await signInElsewhere(world.server, 'alpha', 'dave@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    const page = await options('/all')
    await page.getByRole('table').getByRole('link', { name: 'dave@example.test' }).waitFor()
    await page.getByRole('button', { name: 'Sign out other sessions everywhere' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out others' }).click()
    await page.getByRole('status').getByText(/^dave@example\.test: 1 session signed out$/).waitFor()
    for (const account of held) expect((await admin.listSessions(account.userId)).map((s) => s.$id)).toEqual([account.sessionId])
    expect(held.map((a) => a.id)).toContain(dave.id)
  })
})
