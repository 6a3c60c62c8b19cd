// Cookie mode (issue 7): for an app on the same site as its endpoint (here both on `localhost`),
// Lanyard sets the endpoint's session cookie itself, which beats whatever the page holds, and
// Restore puts back the cookies the app had (docs/tab-identity.md sections 1.1, 1.2).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../harness/server.ts'
import { andReload, appSignIn, grantTabPermissions, localEndpoint, startTabWorld, whoami, type TabWorld } from './tab-world.ts'

let world: TabWorld

beforeAll(async () => {
  world = await startTabWorld({ sameSite: true })
  expect(await grantTabPermissions(world)).toBe(true)
})

afterAll(async () => {
  await world?.close()
})

it('cookie mode makes the same-site app act as the chosen user, and Restore brings back its own cookie session', async () => {
  const endpointOrigin = new URL(localEndpoint(world.server.port)).origin
  const bob = await world.signInWithPassword(world.project, 'bob@example.test')
  const page = await world.openApp('cookie')
  const tabId = await world.tabIdOf(page)
  expect(await appSignIn(page, 'alice@example.test', TEST_PASSWORD)).toEqual({ userId: 'alice' })
  // Same site on http://localhost: only the `_legacy` cookie is stored (docs/appwrite/wire.md section 7).
  const before = await world.endpointCookies(endpointOrigin)
  expect(before.map((c) => c.name)).toEqual(['a_session_alpha_legacy'])

  await andReload(page, () => world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'cookie', appOrigin: world.app.origin }))
  expect(await whoami(page)).toEqual({ userId: 'bob' })
  const borrowed = await world.endpointCookies(endpointOrigin)
  expect(borrowed.map((c) => [c.name, c.httpOnly, c.secure, c.session])).toEqual([['a_session_alpha', true, true, true]])

  await world.ext.stopWorker()
  await andReload(page, () => world.ext.call('restoreTab', { tabId }))
  expect(await world.endpointCookies(endpointOrigin)).toEqual(before)
  expect(await whoami(page)).toEqual({ userId: 'alice' })
})
