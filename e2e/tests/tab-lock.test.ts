// Locking ends every lent identity (issue 17 item 2), in Chromium with the stock Web SDK: a tab on
// the page's storage and a tab on "this tab only" are both put back, and no session rule is left
// for any extension page to read.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AccountSummary } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD } from '../harness/server.ts'
import { andReload, appSignIn, grantTabPermissions, pageFallback, startTabWorld, whoami, type TabWorld } from './tab-world.ts'

const PASSPHRASE = 'correct horse battery'

let world: TabWorld
let bob: AccountSummary

beforeAll(async () => {
  world = await startTabWorld()
  bob = await world.signInWithPassword(world.project, 'bob@example.test')
  expect(await grantTabPermissions(world)).toBe(true)
  await world.ext.call('setPassphrase', { passphrase: PASSPHRASE })
})

afterAll(async () => {
  await world?.close()
})

/** Every session rule as an extension page reads it, the Origin rule (id 1) aside. */
const lentRules = async () => (await world.ext.page.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).filter((rule) => rule.id !== 1)

it('lock puts back the page storage and removes every rule: each tab is its own user again and no rule holds a session', async () => {
  const shared = await world.openApp('shared')
  const only = await world.openApp('only')
  expect(await appSignIn(shared, 'alice@example.test', TEST_PASSWORD)).toEqual({ userId: 'alice' })
  expect(await whoami(only)).toEqual({ userId: 'alice' })
  const fallbackBefore = await pageFallback(shared)
  const sharedTab = await world.tabIdOf(shared)
  const onlyTab = await world.tabIdOf(only)

  await andReload(only, () => world.ext.call('useInTab', { tabId: onlyTab, accountId: bob.id, mode: 'tab', appOrigin: world.app.origin }))
  await andReload(shared, () => world.ext.call('useInTab', { tabId: sharedTab, accountId: bob.id, mode: 'fallback', appOrigin: world.app.origin }))
  expect(await whoami(shared)).toEqual({ userId: 'bob' })
  expect(await whoami(only)).toEqual({ userId: 'bob' })
  expect(await lentRules()).toHaveLength(1)
  const lent = await pageFallback(shared)
  expect(lent).not.toBe(fallbackBefore)

  const reloads = [shared.waitForEvent('load'), only.waitForEvent('load')]
  await world.ext.call('lock')
  await Promise.all(reloads)

  expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
  expect(await lentRules()).toEqual([])
  expect(await pageFallback(shared)).toBe(fallbackBefore)
  expect(await whoami(shared)).toEqual({ userId: 'alice' })
  expect(await whoami(only)).toEqual({ userId: 'alice' })
  expect((await world.ext.readStorage('local')).tabIdentities).toEqual({})
  // Bob's held session, as it was lent, appears in no page, rule or cookie any more.
  const bobSession = JSON.parse(lent ?? '{}') as Record<string, string>
  const held = bobSession.a_session_alpha ?? ''
  expect(held).not.toBe('')
  const readable = JSON.stringify([await lentRules(), await pageFallback(shared), await pageFallback(only), await world.endpointCookies()])
  expect(readable).not.toContain(held)

  // Unlocked, the account is still held: it was lent, never ended.
  await world.ext.call('unlock', { passphrase: PASSPHRASE })
  expect((await world.ext.call('refresh', { accountId: bob.id })).account?.$id).toBe('bob')
})
