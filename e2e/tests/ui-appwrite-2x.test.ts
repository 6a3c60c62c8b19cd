// The pages for what Appwrite 2.x offers (issue 14), driven through the UI in Chromium against the local
// server in 2.7.1 mode (the default of the demo, and what Cloud runs): server version, App URL, connected
// apps, passkeys, verification and recovery by code, a session the server ended, a breached password, the
// custom factor and the security log without a server log. Each test checks its effect on the server.
// The paths that differ on 1.9.6 are in ui-appwrite-19.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { expectAccessible } from '../harness/axe.ts'
import { latestCode, TEST_PASSWORD, testProject, type Admin } from '../harness/server.ts'
import { LINK_URL, seedUser, startWorld, TEST_PLATFORMS, type World } from '../harness/world.ts'
import { enableMfa, otherDevice } from './mfa-support.ts'
import { eventually, FIREFOX_ON_WINDOWS, openPopup, optionsPages, passwordSignInStatus, signInElsewhere } from './ui-pages.ts'

const TEN_MINUTES_MS = 10 * 60_000

describe('options page on Appwrite 2.7.1', () => {
  let world: World
  let admin: Admin
  let project: Project
  const pages = optionsPages(() => world.ext)
  const options = pages.open
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
  const signIn = (email: string) => world.signInWithPassword(project, email)
  const device = (user: string) => otherDevice(world.server, 'alpha', `${user}@example.test`, TEST_PASSWORD)

  beforeAll(async () => {
    world = await startWorld({
      version: '2.7.1',
      rateLimits: false,
      projects: [
        testProject('alpha', {
          platforms: TEST_PLATFORMS,
          auths: { mfaFactors: { custom: true } },
          users: [
            seedUser('alice', {
              emailVerification: true,
              consents: [
                { $id: 'notes-consent', appId: 'notes', scopes: ['openid', 'email'], tokens: [{ $id: 'notes-laptop', scopes: ['openid', 'email'] }, { $id: 'notes-phone', scopes: ['openid'] }] },
                { $id: 'calendar-consent', appId: 'calendar', scopes: ['openid', 'account.read'], resources: ['https://calendar.example.com/api'] },
              ],
              passkeys: [
                { $id: 'yubikey', name: 'YubiKey 5C' },
                { $id: 'phone-key', name: 'Phone' },
              ],
            }),
            seedUser('bob'),
            seedUser('carol'),
            seedUser('dave'),
            seedUser('erin', { emailVerification: true, passkeys: [{ $id: 'laptop', name: 'Laptop' }] }),
          ],
        }),
      ],
    })
    admin = world.server.admin('alpha')
  })
  afterEach(async () => {
    await pages.closeAll()
    await world.server.clearFaults()
  })
  afterAll(() => world?.close())

  it('adds a project with an App URL (a wrong one named first), shows "Appwrite 2.7.1" on its row, and edits or removes the App URL', async () => {
    const page = await options()
    await page.getByRole('textbox', { name: 'Endpoint' }).fill(world.server.endpoint)
    await page.getByRole('textbox', { name: 'Project ID' }).fill('alpha')
    await page.getByRole('textbox', { name: 'Label' }).fill('Alpha')
    await page.getByRole('textbox', { name: 'App URL' }).fill('ftp://app.example.test/')
    await page.getByRole('button', { name: 'Add project' }).click()
    await page.getByRole('alert').getByText('The App URL must be the http or https address of your web app').waitFor()
    expect((await world.ext.call('getState')).projects).toEqual([])

    await page.getByRole('textbox', { name: 'App URL' }).fill(LINK_URL)
    await page.getByRole('button', { name: 'Add project' }).click()
    await page.getByRole('heading', { name: 'Sign in to Alpha' }).waitFor()
    project = (await world.ext.call('getState')).projects[0] as Project
    expect(project).toMatchObject({ projectId: 'alpha', appUrl: LINK_URL, serverVersion: '2.7.1' })

    await page.goto(page.url().replace(/#.*$/, '#/'))
    const card = region(page, 'Alpha')
    await card.getByText('Appwrite 2.7.1').waitFor()
    await card.getByText(`App URL: ${LINK_URL}`).waitFor()
    await expectAccessible(page, 'projects view with an App URL')

    await card.getByRole('button', { name: 'Edit project' }).click()
    const form = page.getByRole('form', { name: 'Edit Alpha' })
    await form.getByRole('textbox', { name: 'App URL' }).fill('https://app.example.test/other')
    await form.getByRole('button', { name: 'Save' }).click()
    await card.getByText('App URL: https://app.example.test/other').waitFor()
    expect((await world.ext.call('getState')).projects[0]).toMatchObject({ appUrl: 'https://app.example.test/other' })

    await card.getByRole('button', { name: 'Edit project' }).click()
    await form.getByRole('textbox', { name: 'App URL' }).fill('')
    await form.getByRole('button', { name: 'Save' }).click()
    await card.getByText('Saved: Alpha.').waitFor()
    expect((await world.ext.call('getState')).projects[0]).not.toHaveProperty('appUrl')
    project = (await world.ext.call('getState')).projects[0] as Project
  })

  it('shows the server version on the account page, and lists connected apps with their tokens; "Revoke access" deletes the consent on the server', async () => {
    const alice = await signIn('alice@example.test')
    const page = await options(`/account/${alice.id}`)
    await page.getByText('Appwrite 2.7.1', { exact: true }).waitFor()
    const sectionNames = await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link').allTextContents()
    expect(sectionNames).toEqual(['Sessions', 'Security log', 'Two-factor', 'Connected apps', 'Passkeys', 'Preferences', 'Danger zone'])
    const apps = region(page, 'Connected apps')
    const notes = apps.getByRole('listitem', { name: 'notes' })
    const calendar = apps.getByRole('listitem', { name: 'calendar' })
    await notes.getByText('openid, email', { exact: true }).first().waitFor()
    await calendar.getByText('openid, account.read', { exact: true }).waitFor()
    await calendar.getByText('https://calendar.example.com/api').waitFor()
    for (const fact of ['App', 'Scopes', 'Resources', 'Granted', 'Expires']) await calendar.getByText(fact, { exact: true }).waitFor()

    await notes.getByText('Show tokens').click()
    const tokens = notes.getByRole('list', { name: 'Tokens of notes' })
    await tokens.getByText('notes-laptop').waitFor()
    await tokens.getByText('notes-phone').waitFor()
    await expectAccessible(page, 'account page with connected apps and passkeys (2.7.1)')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page, 'account page with connected apps and passkeys (2.7.1), dark')
    await page.emulateMedia({ colorScheme: 'light' })

    await notes.getByRole('button', { name: 'Revoke access' }).click()
    const dialog = notes.getByRole('alertdialog')
    await dialog.getByText('Revoke the access of notes?').waitFor()
    await dialog.getByRole('button').first().click()
    await apps.getByRole('status').getByText('Access of notes revoked.').waitFor()
    await notes.waitFor({ state: 'detached' })

    const other = await device('alice')
    const left = (await other.call('GET', '/account/consents')).json as { consents: { $id: string }[] }
    expect(left.consents.map((c) => c.$id)).toEqual(['calendar-consent'])
    expect((await other.call('GET', '/account/consents/notes-consent/tokens')).status).toBe(404)
  })

  it('explains connected apps when there are none', async () => {
    const bob = await signIn('bob@example.test')
    const page = await options(`/account/${bob.id}`)
    await region(page, 'Connected apps').getByText('No connected apps. When you let another app use this account').waitFor()
    expect(((await (await device('bob')).call('GET', '/account/consents')).json as { total: number }).total).toBe(0)
  })

  it('renames and removes passkeys on the server, and explains why Lanyard creates none', async () => {
    const alice = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'alice') as AccountSummary
    const page = await options(`/account/${alice.id}`)
    const passkeys = region(page, 'Passkeys')
    await passkeys.getByText('its relying party is your app').waitFor()
    await expect(passkeys.getByRole('button', { name: /create|add/i }).count()).resolves.toBe(0)

    const yubikey = passkeys.getByRole('listitem', { name: 'YubiKey 5C' })
    await yubikey.getByText('never used').waitFor()
    await yubikey.getByRole('button', { name: 'Rename YubiKey 5C' }).click()
    const form = passkeys.getByRole('form', { name: 'Rename YubiKey 5C' })
    await form.getByRole('textbox', { name: 'Name of the passkey' }).fill('Work key')
    await form.getByRole('button', { name: 'Save' }).click()
    await passkeys.getByRole('status').getByText('Renamed to Work key.').waitFor()
    await passkeys.getByRole('listitem', { name: 'Work key' }).waitFor()
    const other = await device('alice')
    const names = async () => ((await other.call('GET', '/account/passkeys')).json as { passkeys: { $id: string; name: string }[] }).passkeys
    expect(await names()).toEqual([expect.objectContaining({ $id: 'yubikey', name: 'Work key' }), expect.objectContaining({ $id: 'phone-key', name: 'Phone' })])

    const phone = passkeys.getByRole('listitem', { name: 'Phone' })
    await phone.getByRole('button', { name: 'Remove passkey' }).click()
    await phone.getByRole('alertdialog').getByRole('button').first().click()
    await passkeys.getByRole('status').getByText('Passkey Phone removed.').waitFor()
    expect((await names()).map((p) => p.$id)).toEqual(['yubikey'])
  })

  it('a removal the server refuses for want of a recent sign-in says so, offers "Sign in again" and the second factor, and succeeds after it', async () => {
    // Another device of erin's turns MFA on and passes it, so it can look at her passkeys afterwards.
    const other = await device('erin')
    await enableMfa(other)
    const challenge = (await other.call('POST', '/account/mfa/challenges', { factor: 'email' })).json as { $id: string }
    expect((await other.call('PUT', '/account/mfa/challenges', { challengeId: challenge.$id, otp: await latestCode(world.server, 'erin@example.test') })).status).toBe(200)
    const half = await signIn('erin@example.test')
    expect(half.status).toBe('needsSecondFactor')
    const { challengeId } = await world.ext.call('createMfaChallenge', { accountId: half.id, factor: 'email' })
    await world.ext.call('completeMfaChallenge', { accountId: half.id, challengeId, otp: await latestCode(world.server, 'erin@example.test') })
    await world.server.advanceClock(TEN_MINUTES_MS + 60_000)

    const page = await options(`/account/${half.id}`)
    const passkeys = region(page, 'Passkeys')
    const laptop = passkeys.getByRole('listitem', { name: 'Laptop' })
    await laptop.getByRole('button', { name: 'Remove passkey' }).click()
    await laptop.getByRole('alertdialog').getByRole('button').first().click()
    await passkeys.getByText('The server wants a recent sign-in for this').waitFor()
    expect(await passkeys.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(`#/sign-in/${encodeURIComponent(project.id)}`)
    const ids = async () => ((await other.call('GET', '/account/passkeys')).json as { passkeys: { $id: string }[] }).passkeys.map((p) => p.$id)
    expect(await ids()).toEqual(['laptop'])
    await expectAccessible(page, 'passkeys asking for a recent sign-in')

    await world.server.clearOutbox()
    await passkeys.getByRole('button', { name: 'Pass the second factor' }).click()
    await passkeys.getByRole('button', { name: 'Send code' }).click()
    await passkeys.getByLabel('Code', { exact: true }).fill(await eventually(() => latestCode(world.server, 'erin@example.test').catch(() => null), 'the new code'))
    await passkeys.getByRole('button', { name: 'Verify' }).click()
    await passkeys.getByRole('status').getByText('Passkey Laptop removed.').waitFor()
    expect(await ids()).toEqual([])
  })

  it('verifies the email with a code from the email: the server marks the user verified', async () => {
    const bob = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'bob') as AccountSummary
    expect((await admin.getUser('bob')).emailVerification).toBe(false)
    const page = await options(`/account/${bob.id}/profile`)
    const form = page.getByRole('form', { name: 'Verify email with a code' })
    await expect(region(page, 'Profile').getByText('Verification link').count()).resolves.toBe(0)
    await form.getByRole('button', { name: 'Send code' }).click()
    await form.getByRole('status').getByText('We sent a 6-digit code to bob@example.test').waitFor()
    await form.getByLabel('Code', { exact: true }).fill('000000')
    await form.getByRole('button', { name: 'Confirm email' }).click()
    await form.getByRole('alert').getByText('That code is wrong or expired — send a new one.').waitFor()
    await form.getByLabel('Code', { exact: true }).fill(await latestCode(world.server, 'bob@example.test'))
    await form.getByRole('button', { name: 'Confirm email' }).click()
    await eventually(async () => (await admin.getUser('bob')).emailVerification, 'bob verified on the server')
    await region(page, 'Profile').getByText('Email verified', { exact: true }).waitFor()
  })

  it('recovers a password by code on the sign-in page: the server takes the new password', async () => {
    const page = await options(`/sign-in/${project.id}`)
    await page.getByRole('link', { name: 'Recover password' }).click()
    await expect(page.getByText('Recovery link').count()).resolves.toBe(0)
    await page.getByLabel('Email', { exact: true }).fill('carol@example.test')
    await page.getByRole('button', { name: 'Send recovery code' }).click()
    await page.getByRole('status').getByText('If carol@example.test has an account, a 6-digit code is on its way.').waitFor()
    await page.getByLabel('Code', { exact: true }).fill(await latestCode(world.server, 'carol@example.test'))
    await page.getByLabel('New password').fill('a-new-password-2x')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByRole('status').getByText('Password set. Sign in with the new password.').waitFor()
    await expectAccessible(page, 'recovery by code')

    expect(await passwordSignInStatus(world.server, 'alpha', 'carol@example.test', 'a-new-password-2x')).toBe(201)
    expect(await passwordSignInStatus(world.server, 'alpha', 'carol@example.test', TEST_PASSWORD)).toBe(401)
  })

  it('marks a session pushed out by the limit of 10 "Session ended on the server", on the account page and in the popup, and never signs in again by itself', async () => {
    const dave = await signIn('dave@example.test')
    for (let i = 0; i < 10; i++) await signInElsewhere(world.server, 'alpha', 'dave@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    const sessions = await admin.listSessions('dave')
    expect(sessions).toHaveLength(10)
    expect(sessions.map((s) => s.$id)).not.toContain(dave.sessionId)

    const page = await options(`/account/${dave.id}`)
    const notice = page.locator('.session-ended')
    await notice.getByText('Session ended on the server').waitFor()
    await notice.getByText('Lanyard did not end this session. It was revoked elsewhere').waitFor()
    await notice.getByText('a user keeps 10 sessions by default').waitFor()
    expect(await notice.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(`#/sign-in/${encodeURIComponent(project.id)}`)
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === dave.id)).toMatchObject({ status: 'signedOut', endedOnServer: true })
    await expectAccessible(page, 'account page of a session ended on the server')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page, 'account page of a session ended on the server, dark')

    const popup = await openPopup(world.ext)
    pages.track(popup)
    await popup.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: 'dave@example.test' }).getByText('Session ended on the server').waitFor()
    // Nothing signed in again: the server still has exactly the ten sessions of the other devices.
    expect((await admin.listSessions('dave')).map((s) => s.$id).sort()).toEqual(sessions.map((s) => s.$id).sort())
  })

  it('warns of a breached password on the account page and in the overview', async () => {
    const alice = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'alice') as AccountSummary
    // The local server never checks passwords against breaches; the account as Cloud would answer it.
    const account = (await (await device('alice')).call('GET', '/account')).json as Record<string, unknown>
    await world.server.addFault({ method: 'GET', path: '/v1/account', status: 200, body: { ...account, passwordPwned: true } })
    const page = await options(`/account/${alice.id}`)
    await page.getByRole('alert').getByText('Password found in a data breach; change it').waitFor()
    await page.goto(page.url().replace(/#.*$/, '#/all'))
    await page.getByRole('row', { name: /alice@example\.test/ }).getByText('Password found in a data breach; change it').waitFor()
  })

  it('shows the custom factor, says the security log is Lanyard’s own timeline, and signs out the other sessions on the server', async () => {
    const alice = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'alice') as AccountSummary
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    const page = await options(`/account/${alice.id}`)
    const twoFactor = region(page, 'Two-factor')
    await twoFactor.getByRole('heading', { name: 'Custom factor' }).waitFor()
    await twoFactor.getByText("Available: the project's own server sends the code").waitFor()
    await region(page, 'Security log').getByText('Appwrite 2.x and Appwrite Cloud have none for accounts. This log is Lanyard').waitFor()

    expect((await admin.listSessions('alice')).length).toBeGreaterThan(1)
    const sessions = region(page, 'Sessions')
    await sessions.getByRole('button', { name: 'Sign out other sessions' }).click()
    await sessions.getByRole('alertdialog').getByRole('button').first().click()
    await eventually(async () => (await admin.listSessions('alice')).length === 1, 'only Lanyard’s session left')
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toEqual([alice.sessionId])
  })
})
