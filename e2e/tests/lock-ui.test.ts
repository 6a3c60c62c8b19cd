// The lock and the timeline through the pages (issue 5): a passphrase set in the options page,
// `Lock now` in the popup, nothing secret readable from storage while locked, unlocking through the
// popup's form; the Security log showing Lanyard's own timeline where the server's logs route
// answers 404; and the sign-in check on demand from the Lock and alerts view.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy.ts'
import { sessionSecretOf, TEST_PASSWORD } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { allStorage, deviceKeyOpens, vaultRecords } from './lock-support.ts'
import { openOptions, openPopup } from './ui-pages.ts'

const PASSPHRASE = 'a long passphrase 7'

describe('lock through the pages', () => {
  let world: World
  let proxy: RecordingProxy
  let project: Project
  let alice: AccountSummary
  const pages: Page[] = []

  async function popup() {
    const page = await openPopup(world.ext)
    pages.push(page)
    return page
  }

  beforeAll(async () => {
    world = await startWorld({ ...alphaConfig([seedUser('alice')]), trustProxy: true })
    proxy = await startRecordingProxy(world.server.endpoint)
    project = await world.ext.call('addProject', { endpoint: proxy.endpoint, projectId: 'alpha' })
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(async () => {
    await world?.close()
    await proxy?.close()
  })

  it('the options page offers a passphrase at first run and sets one', async () => {
    const options = await openOptions(world.ext, '/')
    pages.push(options)
    const offer = options.getByRole('complementary', { name: 'Protect Lanyard with a passphrase?' })
    await offer.getByRole('link', { name: 'Set a passphrase' }).click()
    await options.getByRole('heading', { name: 'Lock and alerts', level: 1 }).waitFor()
    expect(new URL(options.url()).hash).toBe('#/lock')
    await options.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE)
    await options.getByLabel('Repeat the new passphrase').fill(`${PASSPHRASE}x`)
    await options.getByRole('button', { name: 'Set passphrase' }).click()
    await options.getByRole('alert').filter({ hasText: 'The two new passphrases differ.' }).waitFor()
    await options.getByLabel('Repeat the new passphrase').fill(PASSPHRASE)
    await options.getByRole('button', { name: 'Set passphrase' }).click()
    await options.getByRole('status').filter({ hasText: 'Passphrase set.' }).waitFor()
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
    await options.getByRole('button', { name: 'Change passphrase' }).waitFor()
  })

  it('Lock now in the popup locks: the popup shows only the unlock form, and nothing secret is readable from storage', async () => {
    const page = await popup()
    await page.getByText('alice@example.test').first().waitFor()
    await page.getByRole('button', { name: 'Lock now' }).click()
    await page.getByRole('heading', { name: 'Lanyard is locked' }).waitFor()
    expect(await page.getByText('alice@example.test').count()).toBe(0)

    const local = await world.ext.readStorage('local')
    expect(local[`snapshot:${alice.id}`]).toBeNull()
    expect(await world.ext.readStorage('session')).not.toHaveProperty('unlockedKey')
    const text = await allStorage((area) => world.ext.readStorage(area))
    const secrets = [TEST_PASSWORD, ...proxy.sessions(), ...proxy.sessions().map(sessionSecretOf)]
    expect(proxy.sessions().length).toBeGreaterThan(0)
    for (const secret of secrets) expect(text).not.toContain(secret)
    expect(await deviceKeyOpens(world.ext.page, vaultRecords(local))).toEqual([false])

    // A popup opened now shows the form at once, from storage.
    const fresh = await popup()
    await fresh.getByRole('heading', { name: 'Lanyard is locked' }).waitFor()
  })

  it('unlocks through the popup: a wrong passphrase says so, the right one brings the account back', async () => {
    const page = await popup()
    await page.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByRole('alert').filter({ hasText: 'That passphrase is not correct.' }).waitFor()
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByText('alice@example.test').first().waitFor()
    await expect.poll(async () => (await world.ext.readStorage('local'))[`snapshot:${alice.id}`], { timeout: 10_000 }).toMatchObject({ accountId: alice.id })
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: false })
  })

  it("the Security log shows Lanyard's own timeline, saying so, where the server's logs route answers 404", async () => {
    await world.server.addFault({
      method: 'GET',
      path: '/v1/account/logs',
      status: 404,
      body: { message: 'The requested route was not found.', code: 404, type: 'general_route_not_found', version: '1.9.6' },
    })
    const elsewhere = (await world.server.admin('alpha').createSession('alice')).$id
    const snapshot = await world.ext.call('refresh', { accountId: alice.id })
    expect(snapshot.logsFirstPage?.supported).toBe(false)

    const options = await openOptions(world.ext, `/account/${alice.id}/logs`)
    pages.push(options)
    const section = options.locator('#logs')
    await section.getByRole('status').filter({ hasText: 'This server keeps no security log that Lanyard can read' }).filter({ hasText: 'what Lanyard itself observed' }).waitFor()
    const table = section.getByRole('table')
    const firstSeen = table.getByRole('row').filter({ hasText: 'New sign-in seen by Lanyard' })
    await firstSeen.waitFor()
    expect(await firstSeen.count()).toBe(1)
    expect(await table.getByRole('row').filter({ hasText: 'Signed in with Lanyard' }).count()).toBeGreaterThan(0)
    const listed = (await world.server.admin('alpha').listSessions('alice')).find((s) => s.$id === elsewhere) as unknown as { ip: string }
    // The new sign-in acted from its own address: the "Who acted" cell names it.
    expect(await firstSeen.getByRole('cell').nth(2).textContent()).toContain(listed.ip)
    await world.server.clearFaults()
  })

  it('Check now in Lock and alerts lists every account at once, says how many it checked, and alerts on a new sign-in', async () => {
    const fresh = (await world.server.admin('alpha').createSession('alice')).$id
    const options = await openOptions(world.ext, '/lock')
    pages.push(options)
    const alerts = options.getByRole('region', { name: 'Sign-in alerts' })
    await alerts.getByRole('button', { name: 'Check now' }).click()
    await alerts.getByRole('status').filter({ hasText: 'Checked 1 account.' }).waitFor()
    expect(await alerts.getByRole('alert').count()).toBe(0)
    const unseen = (await world.ext.readStorage('local')).signInAlerts as { sessionId: string }[]
    expect(unseen.map((alert) => alert.sessionId)).toContain(fresh)
  })
})
