// "This tab only" (issue 7): a per-tab header rule makes one tab act as the chosen user while a
// second tab of the same app, sharing its storage, stays as it was (docs/tab-identity.md section 1.4).
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD } from '../harness/server.ts'
import { andReload, appSignIn, grantTabPermissions, startTabWorld, tabBadge, toolbarBadge, whoami, type TabWorld } from './tab-world.ts'

/** Session rules of tab identities: the Origin rule (id 1) is a session rule too. */
const tabRules = async () => (await world.ext.page.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).filter((rule) => rule.id !== 1)

let world: TabWorld
let bob: AccountSummary
let carol: AccountSummary

beforeAll(async () => {
  world = await startTabWorld()
  bob = await world.signInWithPassword(world.project, 'bob@example.test')
  carol = await world.signInWithPassword(world.project, 'carol@example.test')
  expect(await grantTabPermissions(world)).toBe(true)
})

afterAll(async () => {
  await world?.close()
})


it('"this tab only" switches one tab and leaves a second tab of the same app unchanged; Restore brings the user back', async () => {
  const first = await world.openApp('first')
  const second = await world.openApp('second')
  expect(await appSignIn(first, 'alice@example.test', TEST_PASSWORD)).toEqual({ userId: 'alice' })
  expect(await whoami(second)).toEqual({ userId: 'alice' })
  const firstTab = await world.tabIdOf(first)
  const secondTab = await world.tabIdOf(second)
  const storageBefore = await first.evaluate(() => localStorage.getItem('cookieFallback'))

  await andReload(first, () => world.ext.call('useInTab', { tabId: firstTab, accountId: bob.id, mode: 'tab', appOrigin: world.app.origin }))
  expect(await whoami(first)).toEqual({ userId: 'bob' })
  expect(await whoami(second)).toEqual({ userId: 'alice' })
  // Nothing shared was touched: the page storage and the endpoint's cookies are as they were.
  expect(await first.evaluate(() => localStorage.getItem('cookieFallback'))).toBe(storageBefore)
  expect(await world.endpointCookies()).toEqual([])
  expect(await tabBadge(world, firstTab)).toBe('B')
  expect(await tabBadge(world, secondTab)).toBe(await toolbarBadge(world))
  // The rule survives the tab's own navigation.
  await first.goto(`${world.app.origin}/?tab=first-again`)
  expect(await whoami(first)).toEqual({ userId: 'bob' })

  // Another held account in the same tab replaces the rule, and Restore still goes back to the start.
  await andReload(first, () => world.ext.call('useInTab', { tabId: firstTab, accountId: carol.id, mode: 'tab', appOrigin: world.app.origin }))
  expect(await whoami(first)).toEqual({ userId: 'carol' })
  expect(await whoami(second)).toEqual({ userId: 'alice' })
  expect(await tabRules()).toHaveLength(1)

  await andReload(first, () => world.ext.call('restoreTab', { tabId: firstTab }))
  expect(await whoami(first)).toEqual({ userId: 'alice' })
  expect(await whoami(second)).toEqual({ userId: 'alice' })
  expect(await tabBadge(world, firstTab)).toBe(await toolbarBadge(world))
  expect(await tabRules()).toEqual([])
})

it('closing a tab that borrows an identity removes its rule', async () => {
  const page = await world.openApp('closing')
  const tabId = await world.tabIdOf(page)
  await andReload(page, () => world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'tab', appOrigin: world.app.origin }))
  expect(await whoami(page)).toEqual({ userId: 'bob' })
  expect(await tabRules()).toHaveLength(1)
  await page.close()
  await expect.poll(() => tabRules()).toEqual([])
  expect((await world.ext.readStorage('local')).tabIdentities).toEqual({})
})
