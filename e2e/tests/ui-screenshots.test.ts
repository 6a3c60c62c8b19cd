// Screenshots of the popup and the options page's main views, light and dark, for the README.
// Written to docs/screenshots/ by every run, so they always show the current UI; each view is
// checked to be painted with its data (not a blank or loading page) before it is captured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { captureLightAndDark, FIREFOX_ON_WINDOWS, openOptions, openPopup, signInElsewhere } from './ui-pages.ts'

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'

describe('screenshots', () => {
  let world: World
  let project: Project
  let alice: AccountSummary

  beforeAll(async () => {
    const users = [
      seedUser('alice', { name: 'Alice Liddell', emailVerification: true, prefs: { theme: 'dark', language: 'en', beta: true } }),
      seedUser('bob', { name: 'Bob Baker', phone: '+15550001111' }),
      seedUser('carol', { name: 'Carol Chen' }),
    ]
    world = await startWorld({ ...alphaConfig(users), trustProxy: true })
    project = await world.addProject('alpha')
    await world.ext.call('updateProject', { id: project.id, label: 'Acme production' })
    await world.signInWithPassword(project, 'carol@example.test')
    await world.signInWithPassword(project, 'bob@example.test')
    alice = await world.signInWithPassword(project, 'alice@example.test')
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: '192.0.2.10' })
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: IPHONE, ip: '198.51.100.70' })
    await world.ext.call('refresh', { accountId: alice.id })
  })
  afterAll(() => world?.close())

  it('popup, with the two sign-ins from other devices as alerts', async () => {
    await world.ext.call('checkSignInAlerts')
    const page = await openPopup(world.ext)
    await page.getByRole('listitem', { name: 'Firefox 120.0 on Windows 10' }).waitFor()
    await page.locator('.freshness').getByText(/^Updated /).waitFor()
    await page.getByRole('button', { name: '2 new sign-ins to review' }).click()
    await page.getByRole('list', { name: '2 new sign-ins to review' }).waitFor()
    await captureLightAndDark(page, 'popup')
  })

  it('options: projects and accounts', async () => {
    const page = await openOptions(world.ext, '/')
    await page.getByRole('region', { name: 'Acme production' }).getByText('carol@example.test').waitFor()
    await page.getByText(/chromiumapp\.org$/).waitFor()
    await captureLightAndDark(page, 'options-projects', true)
  })

  it('options: editing a project', async () => {
    const page = await openOptions(world.ext, '/')
    const card = page.getByRole('region', { name: 'Acme production' })
    await card.getByText('carol@example.test').waitFor()
    await card.getByRole('button', { name: 'Edit project' }).click()
    await page.getByRole('form', { name: 'Edit Acme production' }).getByRole('textbox', { name: 'Label' }).waitFor()
    await card.scrollIntoViewIfNeeded()
    await captureLightAndDark(page, 'options-project-edit')
  })

  /** The options page at the width of a desktop window (issue 16 looks at it at 1280 px). */
  async function openOptionsWide(route: string): Promise<Page> {
    const page = await openOptions(world.ext, route)
    await page.setViewportSize({ width: 1280, height: 900 })
    return page
  }

  it('options: account page', async () => {
    const page = await openOptionsWide(`/account/${alice.id}`)
    await page.getByRole('region', { name: 'Security log' }).getByText(/^1–\d+ of \d+ events$/).waitFor()
    await page.getByRole('listitem', { name: 'Mobile Safari 17.4 on iOS 17.4' }).waitFor()
    await captureLightAndDark(page, 'options-account')
  })

  it('options: security log', async () => {
    const page = await openOptionsWide(`/account/${alice.id}/logs`)
    const log = page.getByRole('region', { name: 'Security log' })
    await log.getByText(/^1–\d+ of \d+ events$/).waitFor()
    await log.getByText('New sign-in seen by Lanyard').first().waitFor()
    await log.scrollIntoViewIfNeeded()
    await captureLightAndDark(page, 'options-log')
  })

  it('options: all accounts', async () => {
    const page = await openOptionsWide('/all')
    await page.getByRole('table').getByText('bob@example.test').waitFor()
    await page.getByRole('table').getByText(/new sign-in/).first().waitFor()
    await captureLightAndDark(page, 'options-overview', true)
  })

  it('options: sign in', async () => {
    const page = await openOptions(world.ext, `/sign-in/${project.id}`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await captureLightAndDark(page, 'options-sign-in')
  })

  it('options: lock and alerts', async () => {
    const page = await openOptions(world.ext, '/lock')
    await page.getByRole('region', { name: 'Sign-in alerts' }).getByRole('button', { name: 'Check now' }).click()
    await page.getByRole('status').filter({ hasText: 'Checked 3 accounts.' }).waitFor()
    await captureLightAndDark(page, 'options-lock', true)
  })

  it('options: backup', async () => {
    const page = await openOptions(world.ext, '/backup')
    await page.getByRole('button', { name: 'Export configuration' }).waitFor()
    await captureLightAndDark(page, 'options-backup')
  })

  it('popup, locked', async () => {
    await world.ext.call('setPassphrase', { passphrase: 'a long passphrase 7' })
    await world.ext.call('lock')
    const page = await openPopup(world.ext)
    await page.getByRole('heading', { name: 'Lanyard is locked' }).waitFor()
    await captureLightAndDark(page, 'popup-locked')
    await world.ext.call('unlock', { passphrase: 'a long passphrase 7' })
  })

  it('the pages logged no errors while rendering all of this', () => {
    const pageErrors = world.ext
      .collectConsole()
      .filter((entry) => entry.source.startsWith(`${world.ext.origin}/src/`) && (entry.type === 'error' || entry.type === 'pageerror'))
    expect(pageErrors).toEqual([])
  })
})
