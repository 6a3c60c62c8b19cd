// The main Appwrite 2.x paths of issue 14 in Firefox, against the local server in 2.7.1 mode: a project
// added with an App URL shows its server version, connected apps are revoked, passkeys renamed and
// removed, the email verified and a password recovered by code; each checked on the server. (The Chromium suite,
// e2e/tests/ui-appwrite-2x.test.ts, covers every path, the 1.9.6 lane included.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { latestCode, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { LINK_URL, seedUser } from '../harness/world.ts'
import { otherDevice } from '../tests/mfa-support.ts'
import { eventually, OPTIONS_PATH, passwordSignInStatus } from '../tests/ui-pages.ts'
import { pageDriver, type PageDriver, type Target } from './page.ts'
import { startFirefoxWorld, type FirefoxWorld } from './world.ts'

describe('Firefox: Appwrite 2.7.1 pages', () => {
  let world: FirefoxWorld
  let admin: Admin
  let project: Project
  let alice: AccountSummary

  const opened: string[] = []
  const open = async (path: string): Promise<PageDriver> => {
    const context = await world.ext.openPage(path)
    opened.push(context)
    return pageDriver(world.ext.bidi, context)
  }
  const aliceDevice = () => otherDevice(world.server, 'alpha', 'alice@example.test', TEST_PASSWORD)

  beforeAll(async () => {
    const aliceSeed = seedUser('alice', {
      consents: [{ $id: 'notes-consent', appId: 'notes', scopes: ['openid', 'email'], tokens: [{ $id: 'notes-laptop', scopes: ['openid'] }] }],
      passkeys: [
        { $id: 'yubikey', name: 'YubiKey 5C' },
        { $id: 'phone-key', name: 'Phone' },
      ],
    })
    world = await startFirefoxWorld([aliceSeed], undefined, '2.7.1')
    admin = world.server.admin('alpha')
  })
  afterEach(async () => {
    for (const context of opened.splice(0)) await world.ext.bidi.send('browsingContext.close', { context })
  })
  afterAll(() => world?.close())

  it('adds a project with an App URL and shows "Appwrite 2.7.1" on its row', async () => {
    const page = await open(OPTIONS_PATH)
    await page.type({ role: 'textbox', name: 'Endpoint' }, world.server.endpoint)
    await page.type({ role: 'textbox', name: 'Project ID' }, 'alpha')
    await page.type({ role: 'textbox', name: 'Label' }, 'Alpha')
    await page.type({ role: 'textbox', name: 'App URL' }, LINK_URL)
    await page.click({ role: 'button', name: 'Add project' })
    await page.find({ role: 'heading', name: 'Sign in to Alpha' })
    project = (await world.ext.call('getState')).projects[0] as Project
    expect(project).toMatchObject({ projectId: 'alpha', appUrl: LINK_URL, serverVersion: '2.7.1' })
    const projects = await open(`${OPTIONS_PATH}#/`)
    await projects.waitForText({ role: 'region', name: 'Alpha' }, 'Appwrite 2.7.1')
  })

  it('revokes a connected app: the consent is gone on the server', async () => {
    alice = await world.signInWithPassword(project, 'alice@example.test')
    const page = await open(`${OPTIONS_PATH}#/account/${alice.id}`)
    const apps: Target = { role: 'region', name: 'Connected apps' }
    const notes: Target = { role: 'listitem', name: 'notes', within: apps }
    await page.waitForText(notes, 'openid, email')
    await page.click({ role: 'button', name: 'Revoke access', within: notes })
    await page.click({ role: 'button', name: 'Revoke access', within: { role: 'alertdialog', name: 'Revoke the access of notes? Its tokens stop working at once.' } })
    await page.waitForText(apps, 'Access of notes revoked.')
    await page.waitForText(apps, 'No connected apps.')
    const consents = (await (await aliceDevice()).call('GET', '/account/consents')).json as { total: number }
    expect(consents.total).toBe(0)
  })

  it('renames and removes passkeys on the server', async () => {
    const page = await open(`${OPTIONS_PATH}#/account/${alice.id}`)
    const passkeys: Target = { role: 'region', name: 'Passkeys' }
    const yubikey: Target = { role: 'listitem', name: 'YubiKey 5C', within: passkeys }
    await page.click({ role: 'button', name: 'Rename YubiKey 5C', within: yubikey })
    // WebDriver's End key first: the field holds the current name.
    await page.type({ role: 'textbox', name: 'Name of the passkey', within: yubikey }, '\uE010 (work)')
    await page.click({ role: 'button', name: 'Save', within: yubikey })
    await page.waitForText(passkeys, 'Renamed to YubiKey 5C (work).')
    const phone: Target = { role: 'listitem', name: 'Phone', within: passkeys }
    await page.click({ role: 'button', name: 'Remove passkey', within: phone })
    await page.click({ role: 'button', name: 'Remove passkey', within: { role: 'alertdialog', name: 'Remove the passkey Phone? It stops signing in to this account.' } })
    await page.waitForText(passkeys, 'Passkey Phone removed.')
    const left = (await (await aliceDevice()).call('GET', '/account/passkeys')).json as { passkeys: { $id: string; name: string }[] }
    expect(left.passkeys.map((p) => [p.$id, p.name])).toEqual([['yubikey', 'YubiKey 5C (work)']])
  })

  it('verifies the email with a code: the server marks the user verified', async () => {
    expect((await admin.getUser('alice')).emailVerification).toBe(false)
    const page = await open(`${OPTIONS_PATH}#/account/${alice.id}/profile`)
    const profile: Target = { role: 'region', name: 'Profile' }
    await page.click({ role: 'button', name: 'Send code', within: profile })
    await page.waitForText(profile, 'We sent a 6-digit code to alice@example.test')
    await page.type({ role: 'textbox', name: 'Code', within: profile }, await latestCode(world.server, 'alice@example.test'))
    await page.click({ role: 'button', name: 'Confirm email', within: profile })
    await eventually(async () => (await admin.getUser('alice')).emailVerification, 'alice verified on the server')
  })

  it('recovers a password by code on the sign-in page: the server takes the new password', async () => {
    const page = await open(`${OPTIONS_PATH}#/sign-in/${project.id}`)
    await page.click({ role: 'link', name: 'Recover password' })
    await page.type({ role: 'textbox', name: 'Email' }, 'alice@example.test')
    await page.click({ role: 'button', name: 'Send recovery code' })
    await page.find({ role: 'textbox', name: 'Code' })
    await page.type({ role: 'textbox', name: 'Code' }, await latestCode(world.server, 'alice@example.test'))
    await page.type({ role: 'textbox', name: 'New password' }, 'a-new-password-ff')
    await page.click({ role: 'button', name: 'Set new password' })
    await eventually(async () => (await passwordSignInStatus(world.server, 'alpha', 'alice@example.test', 'a-new-password-ff')) === 201, 'the new password works')
    expect(await passwordSignInStatus(world.server, 'alpha', 'alice@example.test', TEST_PASSWORD)).toBe(401)
  })
})
