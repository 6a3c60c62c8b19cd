// "Use in this tab" recognises the user's app by the project's App URL (issue 14): before any optional
// permission lets Lanyard look into the page, the popup marks the project's accounts as fitting the tab
// on that origin, and no longer does once the App URL names another origin. Lending then works as before,
// checked by asking the server who the app is.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { andReload, startTabWorld, whoami, type TabWorld } from './tab-world.ts'

let world: TabWorld
let bob: AccountSummary

beforeAll(async () => {
  world = await startTabWorld()
  bob = await world.signInWithPassword(world.project, 'bob@example.test')
})

afterAll(async () => {
  await world?.close()
})

it('marks the accounts of the project whose App URL is the tab’s origin, without any permission, and lends one', async () => {
  await world.ext.call('updateProject', { id: world.project.id, appUrl: `${world.app.origin}/` })
  const app = await world.openApp('app-url')
  const popup = await world.ext.openPage(`src/popup/popup.html?tab=${await world.tabIdOf(app)}`)
  const panel = popup.getByRole('region', { name: 'This tab' })
  await expect.poll(() => panel.getByRole('option', { name: 'bob@example.test (this page uses its project)' }).count()).toBe(1)

  await andReload(app, () => panel.getByRole('button', { name: 'Use in this tab' }).click())
  expect(await whoami(app)).toEqual({ userId: bob.userId })
  await andReload(app, () => panel.getByRole('button', { name: 'Restore' }).click())

  await world.ext.call('updateProject', { id: world.project.id, appUrl: 'https://another-app.example/' })
  await popup.reload()
  await expect.poll(() => panel.getByRole('option', { name: 'bob@example.test' }).count()).toBe(1)
  expect(await panel.getByRole('option', { name: /this page uses its project/ }).count()).toBe(0)
})
