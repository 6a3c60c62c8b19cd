// The 1.9.6 lane of issue 14: what the pages do differently on a server before 2.x, in Chromium against the
// local server in 1.9.6 mode. Links instead of codes, no Connected apps or Passkeys regions, the server's
// own security log, and "Sign out other sessions" by listing and deleting (on 1.9.6 the one-request
// form would end Lanyard's own session too). The 2.7.1 paths are in ui-appwrite-2x.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { expectAccessible } from '../harness/axe.ts'
import { latestLink, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { eventually, FIREFOX_ON_WINDOWS, optionsPages, passwordSignInStatus, signInElsewhere } from './ui-pages.ts'

describe('options page on Appwrite 1.9.6', () => {
  let world: World
  let admin: Admin
  let project: Project
  let alice: AccountSummary
  const pages = optionsPages(() => world.ext)
  const options = pages.open
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })

  beforeAll(async () => {
    world = await startWorld(alphaConfig([seedUser('alice'), seedUser('bob')], { version: '1.9.6' }))
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterEach(() => pages.closeAll())
  afterAll(() => world?.close())

  it('shows "Appwrite 1.9.6", offers neither Connected apps nor Passkeys nor the custom factor, and shows the server’s security log', async () => {
    expect(project.serverVersion).toBe('1.9.6')
    const page = await options(`/account/${alice.id}`)
    await page.getByText('Appwrite 1.9.6', { exact: true }).waitFor()
    const log = region(page, 'Security log')
    // The server's own entries: the page range of a server log (the 2.x timeline has none).
    await log.getByText(/^1–\d+ of \d+ events$/).waitFor()
    await expect(log.getByText('Appwrite 2.x and Appwrite Cloud have none').count()).resolves.toBe(0)
    await region(page, 'Two-factor').getByRole('heading', { name: 'Authenticator app' }).waitFor()
    await expect(page.getByRole('region', { name: 'Connected apps' }).count()).resolves.toBe(0)
    await expect(page.getByRole('region', { name: 'Passkeys' }).count()).resolves.toBe(0)
    const sectionNames = await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link').allTextContents()
    expect(sectionNames).toEqual(['Sessions', 'Security log', 'Two-factor', 'Preferences', 'Danger zone'])
    await expect(page.getByRole('heading', { name: 'Custom factor' }).count()).resolves.toBe(0)
    await expectAccessible(page, 'account page on 1.9.6')

    await page.goto(page.url().replace(/#.*$/, '#/'))
    await region(page, project.label).getByText('Appwrite 1.9.6').waitFor()
  })

  it('verifies the email with the emailed link, not a code: the server marks the user verified', async () => {
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    const page = await options(`/account/${bob.id}/profile`)
    await expect(page.getByRole('form', { name: 'Verify email with a code' }).count()).resolves.toBe(0)
    await page.getByRole('button', { name: 'Send verification email' }).click()
    await page.getByText('Verification email sent. Paste its link below.').waitFor()
    const confirm = page.getByRole('group', { name: 'Confirm email verification' })
    await confirm.getByLabel('Verification link').fill(await latestLink(world.server, 'bob@example.test'))
    await confirm.getByRole('button', { name: 'Confirm email' }).click()
    await eventually(async () => (await admin.getUser('bob')).emailVerification, 'bob verified on the server')
  })

  it('recovers a password with the emailed link, not a code: the server takes the new password', async () => {
    const page = await options(`/sign-in/${project.id}`)
    await page.getByRole('link', { name: 'Recover password' }).click()
    await expect(page.getByRole('button', { name: 'Send recovery code' }).count()).resolves.toBe(0)
    await page.getByLabel('Email', { exact: true }).fill('bob@example.test')
    await page.getByRole('button', { name: 'Send recovery email' }).click()
    await page.getByText(/We sent a recovery link/).waitFor()
    await page.getByLabel('Recovery link').fill(await latestLink(world.server, 'bob@example.test'))
    await page.getByLabel('New password').fill('a-new-password-19')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByText('Password set. Sign in with the new password.').waitFor()
    expect(await passwordSignInStatus(world.server, 'alpha', 'bob@example.test', 'a-new-password-19')).toBe(201)
    expect(await passwordSignInStatus(world.server, 'alpha', 'bob@example.test', TEST_PASSWORD)).toBe(401)
  })

  it('signs out the other sessions by listing and deleting them: Lanyard’s own session stays on the server', async () => {
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS })
    expect(await admin.listSessions('alice')).toHaveLength(3)
    const page = await options(`/account/${alice.id}`)
    const sessions = region(page, 'Sessions')
    await sessions.getByRole('button', { name: 'Sign out other sessions' }).click()
    await sessions.getByRole('alertdialog').getByRole('button').first().click()
    await eventually(async () => (await admin.listSessions('alice')).length === 1, 'only one session left')
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toEqual([alice.sessionId])
  })
})
