// The popup's "Use in this tab" (issue 7), clicked as a person would: the popup asks for the
// optional permissions in the click, lends the chosen account to the app in the tab, and Restore
// puts the app's own user back. The popup is opened as a page naming the tab (`?tab=<id>`):
// headless Chromium cannot open the toolbar popup itself.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD } from '../harness/server.ts'
import { andReload, appSignIn, appSignOut, startTabWorld, whoami, type TabWorld } from './tab-world.ts'

let world: TabWorld
let bob: AccountSummary

/** The popup's "This tab" panel, one click away behind its tab (issue 16). */
async function thisTab(popup: Page) {
  await popup.getByRole('tab', { name: 'This tab' }).click()
  return popup.getByRole('region', { name: 'This tab' })
}

beforeAll(async () => {
  world = await startTabWorld()
  bob = await world.signInWithPassword(world.project, 'bob@example.test')
})

afterAll(async () => {
  await world?.close()
})

it('Use in this tab, then Restore, from the popup', async () => {
  const app = await world.openApp('popup')
  expect(await appSignIn(app, 'alice@example.test', TEST_PASSWORD)).toEqual({ userId: 'alice' })
  const tabId = await world.tabIdOf(app)
  const popup = await world.ext.openPage(`src/popup/popup.html?tab=${tabId}`)

  const panel = await thisTab(popup)
  await expect.poll(() => panel.getByText(world.app.origin).count()).toBe(1)
  // Before its optional permissions, Lanyard cannot look into the page: it offers the active account.
  expect(await panel.getByRole('option', { name: 'bob@example.test' }).count()).toBe(1)
  expect(await panel.getByRole('combobox', { name: 'Account' }).inputValue()).toBe(bob.id)
  expect(await panel.getByRole('radio', { name: /Page storage/ }).isChecked()).toBe(true)
  expect(await panel.getByText('The page\'s scripts can read this session while it is in use.').count()).toBe(1)

  await andReload(app, () => panel.getByRole('button', { name: 'Use in this tab' }).click())
  expect(await whoami(app)).toEqual({ userId: 'bob' })
  await expect.poll(() => panel.getByText(`bob@example.test is in use in this tab (${world.app.origin}).`).count()).toBe(1)

  await andReload(app, () => panel.getByRole('button', { name: 'Restore' }).click())
  expect(await whoami(app)).toEqual({ userId: 'alice' })
  await expect.poll(() => panel.getByRole('button', { name: 'Use in this tab' }).count()).toBe(1)

  // Granted now: the page's storage names project alpha, so bob's account is marked as fitting.
  await popup.reload()
  await thisTab(popup)
  await expect.poll(() => panel.getByRole('option', { name: 'bob@example.test (this page uses its project)' }).count()).toBe(1)
  expect(await panel.getByText('This app is signed in as alice').count()).toBe(1)
})

it('"this tab only" from the popup states its limits and leaves another tab of the app alone', async () => {
  const first = await world.openApp('popup-first')
  const second = await world.openApp('popup-second')
  expect(await whoami(first)).toEqual({ userId: 'alice' })
  const popup = await world.ext.openPage(`src/popup/popup.html?tab=${await world.tabIdOf(first)}`)
  const panel = await thisTab(popup)
  await panel.getByRole('radio', { name: /This tab only/ }).check()
  expect(await panel.getByText(/Not covered: realtime connections and the page's own service worker/).count()).toBe(1)

  await andReload(first, () => panel.getByRole('button', { name: 'Use in this tab' }).click())
  expect(await whoami(first)).toEqual({ userId: 'bob' })
  expect(await whoami(second)).toEqual({ userId: 'alice' })
  await andReload(first, () => panel.getByRole('button', { name: 'Restore' }).click())
  expect(await whoami(first)).toEqual({ userId: 'alice' })
})

it('when the app signs out in the tab, the popup shows the lent account as signed out', async () => {
  const app = await world.openApp('popup-sign-out')
  const tabId = await world.tabIdOf(app)
  const popup = await world.ext.openPage(`src/popup/popup.html?tab=${tabId}`)
  const panel = await thisTab(popup)
  await andReload(app, () => panel.getByRole('button', { name: 'Use in this tab' }).click())
  expect(await whoami(app)).toEqual({ userId: 'bob' })
  expect(await appSignOut(app)).toEqual({ ok: true })

  // Opening the popup on the tab checks the lent session: it ended with the app's sign-out.
  await popup.reload()
  await thisTab(popup)
  await expect.poll(() => panel.getByText(/The app signed out with this session/).count()).toBe(1)
  expect((await world.ext.call('getState')).accounts.find((a) => a.id === bob.id)?.status).toBe('signedOut')
  await andReload(app, () => panel.getByRole('button', { name: 'Restore' }).click())
  expect(await whoami(app)).toEqual({ userId: 'alice' })
})

// Issue 14: the app is recognised by the project's App URL before any optional permission lets Lanyard
// look into the page, and no longer once the App URL names another origin; lending works as before.
it('marks the accounts of the project whose App URL is the tab’s origin, and lends one', async () => {
  // The test before let the app sign bob out.
  bob = await world.signInWithPassword(world.project, 'bob@example.test')
  const app = await world.openApp('app-url')
  const popup = await world.ext.openPage(`src/popup/popup.html?tab=${await world.tabIdOf(app)}`)
  let panel = await thisTab(popup)
  // Signed out, the app's page holds nothing of the project: without an App URL nothing tells.
  await expect.poll(() => panel.getByRole('option', { name: 'bob@example.test' }).count()).toBe(1)
  await world.ext.call('updateProject', { id: world.project.id, appUrl: `${world.app.origin}/` })
  await popup.reload()
  panel = await thisTab(popup)
  await expect.poll(() => panel.getByRole('option', { name: 'bob@example.test (this page uses its project)' }).count()).toBe(1)

  await andReload(app, () => panel.getByRole('button', { name: 'Use in this tab' }).click())
  expect(await whoami(app)).toEqual({ userId: bob.userId })
  await andReload(app, () => panel.getByRole('button', { name: 'Restore' }).click())

  await world.ext.call('updateProject', { id: world.project.id, appUrl: 'https://another-app.example/' })
  await popup.reload()
  panel = await thisTab(popup)
  await expect.poll(() => panel.getByRole('option', { name: 'bob@example.test' }).count()).toBe(1)
  expect(await panel.getByRole('option', { name: /this page uses its project/ }).count()).toBe(0)
  await world.ext.call('updateProject', { id: world.project.id, appUrl: '' })
})
