// MFA through the options page in Chromium against the local server (issue 9, "What must be
// shown"): the second factor right in the sign-in flow, the Two-factor section, and the overview flag.
// Codes come from otpauth at the server's clock; the QR code is read from the page's own SVG.
import { URI } from 'otpauth'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { latestCode, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { createRecoveryCodes, enableMfa, enableTotpMfa, nextTotpStep, otherDevice, serverFactors, totpNow } from './mfa-support.ts'
import { decodeQr, modulesFromSvgPath } from './qr-decode.ts'
import { eventually, openOptions } from './ui-pages.ts'

describe('MFA in the options page', () => {
  let world: World
  let admin: Admin
  let project: Project
  const pages: Page[] = []

  beforeAll(async () => {
    world = await startWorld(alphaConfig([
      seedUser('tom'), seedUser('eva', { emailVerification: true }), seedUser('rita'), seedUser('uma'), seedUser('gus'),
    ]))
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
  })
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()))
  })
  afterAll(() => world?.close())

  async function options(route: string): Promise<Page> {
    const page = await openOptions(world.ext, route)
    pages.push(page)
    return page
  }

  async function held(userId: string): Promise<AccountSummary> {
    const account = (await world.ext.call('getState')).accounts.find((a) => a.userId === userId)
    if (!account) throw new Error(`${userId} is not held`)
    return account
  }

  /** Email and password in the sign-in view; the second-factor step then appears in place. */
  async function passwordSignIn(email: string): Promise<Page> {
    const page = await options(`/sign-in/${project.id}`)
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('group', { name: 'Second factor' }).waitFor()
    return page
  }

  async function expectAccountPage(page: Page, email: string) {
    await page.getByRole('region', { name: 'Active account' }).getByText(email).waitFor()
  }

  it('signs in with a password, then a TOTP code from the authenticator', async () => {
    const device = await otherDevice(world.server, 'alpha', 'tom@example.test', TEST_PASSWORD)
    const secret = await enableTotpMfa(world.server, device)
    const page = await passwordSignIn('tom@example.test')
    expect((await held('tom')).status).toBe('needsSecondFactor')
    expect(await page.getByRole('radio', { name: 'Authenticator app' }).isChecked()).toBe(true)
    await nextTotpStep(world.server)
    await page.getByLabel('Code', { exact: true }).fill(await totpNow(world.server, secret))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expectAccountPage(page, 'tom@example.test')
    const tom = await held('tom')
    expect(tom.status).toBe('signedIn')
    expect(await serverFactors(world.server, 'alpha', 'tom', tom.sessionId)).toEqual(['password', 'totp'])
  })

  it('finishes a sign-in with a code emailed through the outbox', async () => {
    const device = await otherDevice(world.server, 'alpha', 'eva@example.test', TEST_PASSWORD)
    await enableMfa(device)
    const page = await passwordSignIn('eva@example.test')
    await page.getByRole('button', { name: 'Send code' }).click()
    await page.getByText("A code was sent to the account's email address.").waitFor()
    await page.getByLabel('Code', { exact: true }).fill(await latestCode(world.server, 'eva@example.test'))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expectAccountPage(page, 'eva@example.test')
    const eva = await held('eva')
    expect(await serverFactors(world.server, 'alpha', 'eva', eva.sessionId)).toEqual(['password', 'email'])
  })

  it('takes a recovery code once and refuses it the second time', async () => {
    const device = await otherDevice(world.server, 'alpha', 'rita@example.test', TEST_PASSWORD)
    await enableTotpMfa(world.server, device)
    const [code] = await createRecoveryCodes(device)
    for (const attempt of ['first', 'second']) {
      const page = await passwordSignIn('rita@example.test')
      await page.getByRole('button', { name: 'Use a recovery code' }).click()
      await page.getByLabel('Recovery code', { exact: true }).fill(code ?? '')
      await page.getByRole('button', { name: 'Verify' }).click()
      if (attempt === 'first') {
        await expectAccountPage(page, 'rita@example.test')
        expect((await held('rita')).status).toBe('signedIn')
      } else {
        await page.getByRole('alert').waitFor()
        expect((await held('rita')).status).toBe('needsSecondFactor')
      }
    }
  })

  it('turns on MFA: scans the QR code drawn on the page, verifies the authenticator, switches MFA on', async () => {
    await world.signInWithPassword(project, 'uma@example.test')
    const uma = await held('uma')
    const page = await options(`/account/${uma.id}/two-factor`)
    const sectionLink = page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Two-factor' })
    expect(await sectionLink.getAttribute('href')).toBe(`#/account/${uma.id}/two-factor`)
    await page.getByRole('region', { name: 'Two-factor' }).getByRole('button', { name: 'Add authenticator app' }).click()
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' })
    const [viewBox, path] = await Promise.all([qr.getAttribute('viewBox'), qr.locator('path').getAttribute('d')])
    const uri = decodeQr(modulesFromSvgPath(path ?? '', Number(viewBox?.split(' ')[2])))
    const parsed = URI.parse(uri)
    expect(parsed).toMatchObject({ issuer: 'alpha', label: 'uma@example.test', algorithm: 'SHA1', digits: 6, period: 30 })
    // No request left the machine for the QR code: the only image is the inline SVG.
    expect(await page.locator('img').count()).toBe(0)
    await page.getByLabel('Code', { exact: true }).fill(await totpNow(world.server, parsed.secret.base32))
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.getByText('An authenticator app is set up.').waitFor()
    await page.getByRole('button', { name: 'Turn on two-factor' }).click()
    await page.getByText('Two-factor sign-in is on.').waitFor()
    expect(((await admin.getUser('uma')) as unknown as { mfa: boolean }).mfa).toBe(true)
  })

  it('asks for a fresh challenge before regenerating recovery codes once the last one is over 30 minutes old', async () => {
    const device = await otherDevice(world.server, 'alpha', 'gus@example.test', TEST_PASSWORD)
    const secret = await enableTotpMfa(world.server, device)
    const page = await passwordSignIn('gus@example.test')
    await nextTotpStep(world.server)
    await page.getByLabel('Code', { exact: true }).fill(await totpNow(world.server, secret))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expectAccountPage(page, 'gus@example.test')
    const gus = await held('gus')
    await page.goto(`${world.ext.origin}/src/options/options.html#/account/${gus.id}/two-factor`)
    await page.getByRole('button', { name: 'Create recovery codes' }).click()
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')
    await codes.first().waitFor()
    const first = await codes.allTextContents()
    expect(first).toHaveLength(6)

    await world.server.advanceClock(31 * 60_000)
    await page.getByRole('button', { name: 'Regenerate recovery codes' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Regenerate recovery codes' }).click()
    await page.getByText('Confirm it is you: the server wants a second factor from the last 30 minutes for this.').waitFor()
    await page.getByLabel('Code', { exact: true }).fill(await totpNow(world.server, secret))
    await page.getByRole('button', { name: 'Verify' }).click()
    const renewed = await eventually(async () => {
      const shown = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()
      return shown.length === 6 && shown.every((code) => !first.includes(code)) ? shown : null
    }, 'new recovery codes shown')
    expect(renewed).toHaveLength(6)
  })

  it('lists an identity from the mock provider and removes it', async () => {
    const page = await options(`/sign-in/${project.id}`)
    await page.getByRole('radio', { name: 'OAuth2 provider' }).check()
    await page.getByLabel('Provider', { exact: true }).fill('mock')
    await page.getByRole('button', { name: 'Sign in with provider' }).click()
    await page.getByRole('region', { name: 'Active account' }).waitFor()
    const accountId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
    await page.goto(`${world.ext.origin}/src/options/options.html#/account/${accountId}/two-factor`)
    const identities = page.getByRole('list', { name: 'Linked sign-in identities' })
    await identities.getByText('mock').waitFor()
    await identities.getByRole('button', { name: 'Unlink' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Unlink' }).click()
    await page.getByText('No sign-in provider is linked to this account.').waitFor()
    expect((await world.ext.call('listIdentities', { accountId })).total).toBe(0)
  })

  it('flags accounts without MFA in the all-accounts overview', async () => {
    const oauth = (await world.ext.call('getState')).accounts.find((a) => a.email === 'useroauth@localhost.test')
    await world.ext.call('refresh', { accountId: oauth?.id ?? '' })
    const page = await options('/all')
    const row = (email: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: email }) })
    await row('useroauth@localhost.test').getByText('No two-factor').waitFor()
    // The page read every snapshot at once, so the accounts with MFA on are known by now.
    expect(await row('uma@example.test').getByText('Email not verified').count()).toBe(1)
    for (const email of ['uma@example.test', 'eva@example.test', 'tom@example.test']) {
      expect(await row(email).getByText('No two-factor').count()).toBe(0)
    }
  })
})
