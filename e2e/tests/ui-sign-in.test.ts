// Every sign-in method of the options page, through the UI, each checked on the server: the
// session Lanyard now holds is one the server issued to that user.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Project } from '../../src/shared/protocol.ts'
import { latestCode, latestLink, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { openOptions } from './ui-pages.ts'

describe('sign-in methods through the options page', () => {
  let world: World
  let admin: Admin
  let project: Project
  const pages: Page[] = []

  beforeAll(async () => {
    world = await startWorld(alphaConfig([seedUser('alice'), seedUser('bob')]))
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
  })
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()))
  })
  afterAll(() => world?.close())

  async function signInPage(method: string): Promise<Page> {
    const page = await openOptions(world.ext, `/sign-in/${project.id}`)
    pages.push(page)
    await page.getByRole('radio', { name: method }).check()
    return page
  }

  /** The account page opened after sign-in names the user, and the server holds Lanyard's session. */
  async function expectSignedIn(page: Page, shownAs: string, userId?: string) {
    await page.getByRole('region', { name: 'Active account' }).getByText(shownAs).waitFor()
    const accountId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
    const held = (await world.ext.call('getState')).accounts.find((a) => a.id === accountId)
    expect(held?.status).toBe('signedIn')
    if (userId !== undefined) expect(held?.userId).toBe(userId)
    expect((await admin.listSessions(held?.userId ?? '')).map((s) => s.$id)).toContain(held?.sessionId)
    return held
  }

  it('creates an account', async () => {
    const page = await openOptions(world.ext, `/sign-in/${project.id}`)
    pages.push(page)
    await page.getByRole('link', { name: 'Create account' }).click()
    await page.getByLabel('Name', { exact: true }).fill('New Bie')
    await page.getByLabel('Email', { exact: true }).fill('newbie@example.test')
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    const held = await expectSignedIn(page, 'newbie@example.test')
    expect(await admin.getUser(held?.userId ?? '')).toMatchObject({ name: 'New Bie', email: 'newbie@example.test' })
  })

  it('says a wrong password plainly', async () => {
    const page = await signInPage('Email and password')
    await page.getByLabel('Email', { exact: true }).fill('alice@example.test')
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-1')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor()
    expect(await admin.listSessions('alice')).toEqual([])
    // Typing is fixing: the old error goes at once.
    await page.getByLabel('Password', { exact: true }).pressSequentially('x')
    expect(await page.getByRole('alert').count()).toBe(0)
  })

  it('offers the ways in as choices; Create account and Recover password are links', async () => {
    const page = await openOptions(world.ext, `/sign-in/${project.id}`)
    pages.push(page)
    const methods = page.getByRole('group', { name: 'Method' }).getByRole('radio')
    const names = await methods.evaluateAll((radios) => radios.map((radio) => radio.closest('label')?.textContent ?? ''))
    expect(names).toEqual(['Email and password', 'Email code', 'Magic link', 'Phone code', 'Anonymous', 'OAuth2 provider'])
    expect(await page.getByRole('radio', { name: 'New account' }).count()).toBe(0)
    expect(await page.getByRole('radio', { name: 'Recover password' }).count()).toBe(0)
    await page.getByRole('link', { name: 'Create account' }).waitFor()
    await page.getByRole('link', { name: 'Recover password' }).click()
    await page.getByRole('heading', { name: 'Recover password' }).waitFor()
    expect(new URL(page.url()).hash).toBe(`#/sign-in/${project.id}/recover`)
  })

  it('says a wrong code in words and sends no server text to the page', async () => {
    const page = await signInPage('Email code')
    await page.getByLabel('Email', { exact: true }).fill('bob@example.test')
    await page.getByRole('button', { name: 'Send code' }).click()
    await page.getByRole('status').waitFor()
    const real = await latestCode(world.server, 'bob@example.test')
    await page.getByLabel('Code', { exact: true }).fill(real === '000000' ? '111111' : '000000')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert')
    await alert.getByText('That code is wrong or expired — send a new one.').waitFor()
    expect(await alert.textContent()).not.toMatch(/token|request/i)
    await page.getByLabel('Code', { exact: true }).fill(real)
    expect(await alert.count()).toBe(0)
  })

  it('Sign in again opens the sign-in form filled in with the account\'s email', async () => {
    const held = await world.ext.call('signIn', { method: 'email-password', projectId: project.id, email: 'alice@example.test', password: TEST_PASSWORD })
    await world.ext.call('signOut', { accountId: held.id })
    const page = await openOptions(world.ext, `/account/${held.id}`)
    pages.push(page)
    await page.getByRole('link', { name: 'Sign in again' }).click()
    await page.getByRole('heading', { name: /^Sign in to/ }).waitFor()
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('alice@example.test')
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectSignedIn(page, 'alice@example.test', 'alice')
  })

  it('signs in with an email code', async () => {
    const page = await signInPage('Email code')
    await page.getByLabel('Email', { exact: true }).fill('bob@example.test')
    await page.getByRole('button', { name: 'Send code' }).click()
    await page.getByRole('status').waitFor()
    await page.getByLabel('Code', { exact: true }).fill(await latestCode(world.server, 'bob@example.test'))
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectSignedIn(page, 'bob@example.test', 'bob')
  })

  it('signs in with a pasted magic link', async () => {
    const page = await signInPage('Magic link')
    await page.getByLabel('Email', { exact: true }).fill('alice@example.test')
    await page.getByRole('button', { name: 'Send link' }).click()
    await page.getByRole('status').waitFor()
    await page.getByLabel('Link from the email', { exact: true }).fill(await latestLink(world.server, 'alice@example.test'))
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectSignedIn(page, 'alice@example.test', 'alice')
  })

  it('signs in with a phone code', async () => {
    const page = await signInPage('Phone code')
    await page.getByLabel('Phone', { exact: true }).fill('+15550001111')
    await page.getByRole('button', { name: 'Send code' }).click()
    await page.getByRole('status').waitFor()
    // The project's mock number fixes the code (docs/appwrite/wire.md section 2.3).
    await page.getByLabel('Code', { exact: true }).fill('123456')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const held = await expectSignedIn(page, '+15550001111')
    expect((await admin.getUser(held?.userId ?? '')).phone).toBe('+15550001111')
  })

  it('signs in anonymously', async () => {
    const before = (await admin.listUsers()).length
    const page = await signInPage('Anonymous')
    await page.getByRole('button', { name: 'Sign in anonymously' }).click()
    await page.getByRole('region', { name: 'Active account' }).getByText(/^Anonymous /).waitFor()
    expect(await admin.listUsers()).toHaveLength(before + 1)
  })

  it('signs in with an OAuth2 provider', async () => {
    const page = await signInPage('OAuth2 provider')
    await page.getByText(`${world.ext.extensionId}.chromiumapp.org`).waitFor()
    await page.getByRole('combobox', { name: 'Provider' }).fill('mock')
    await page.getByRole('button', { name: 'Sign in with provider' }).click()
    await page.getByRole('region', { name: 'Active account' }).waitFor()
    const accountId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
    const held = (await world.ext.call('getState')).accounts.find((a) => a.id === accountId)
    expect((await admin.listSessions(held?.userId ?? '')).find((s) => s.$id === held?.sessionId)?.provider).toBe('mock')
  })
})
