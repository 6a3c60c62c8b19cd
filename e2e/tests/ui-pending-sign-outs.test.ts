// Pending sign-outs in the options overview (issue 17 item 7), in Chromium against the local server:
// a removal whose sign-out failed shows its count, and only an explicit, confirmed "Forget without
// signing out" drops it, while the session stays as it was on the server.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { expectAccessible } from '../harness/axe.ts'
import type { Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { openOptions } from './ui-pages.ts'

let world: World
let admin: Admin

beforeAll(async () => {
  world = await startWorld(alphaConfig([seedUser('alice'), seedUser('bob')]))
  admin = world.server.admin('alpha')
})
afterAll(() => world?.close())

it('a removal whose sign-out failed is listed with its count; "Forget without signing out" asks first and leaves the session on the server', async () => {
  const project = await world.addProject('alpha')
  const alice = await world.signInWithPassword(project, 'alice@example.test')
  const bob = await world.signInWithPassword(project, 'bob@example.test')
  await world.server.addFault({ method: 'DELETE', path: '/v1/account/sessions/current', status: 503 })
  await world.ext.call('removeAccount', { accountId: alice.id })
  await world.ext.call('removeAccount', { accountId: bob.id })
  await world.server.clearFaults()

  const page = await openOptions(world.ext, '/all')
  await page.setViewportSize({ width: 1280, height: 800 })
  const pending = page.getByRole('region', { name: 'Sign-outs pending: 2' })
  await pending.getByText(/^alice@example\.test · alpha · 127\.0\.0\.1:\d+ · tried 1 time\(s\)$/).waitFor()
  await expectAccessible(page, 'the overview with pending sign-outs')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: `/tmp/pending-sign-outs-${scheme}.png`, fullPage: true })
  }

  await pending.getByRole('listitem').filter({ hasText: 'alice@example.test' }).getByRole('button', { name: 'Forget without signing out' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect.poll(() => dialog.getByRole('button').first().textContent()).toBe('Forget without signing out')
  await expectAccessible(page, 'the confirmation to forget a pending sign-out')
  await dialog.getByRole('button').first().click()
  await page.getByRole('region', { name: 'Sign-outs pending: 1' }).waitFor()
  expect((await admin.listSessions(alice.userId)).map((s) => s.$id)).toContain(alice.sessionId)

  // The other is still retried: once the server answers, it ends and the section goes.
  expect(await world.ext.call('retryPendingSignOuts')).toEqual({ ended: 1, pending: 0 })
  await page.getByRole('region', { name: /Sign-outs pending/ }).waitFor({ state: 'detached' })
  expect((await admin.listSessions(bob.userId)).map((s) => s.$id)).not.toContain(bob.sessionId)
})
