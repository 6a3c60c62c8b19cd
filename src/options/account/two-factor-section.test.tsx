import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { MfaFactors } from '../../shared/protocol.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { account, summary } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { TwoFactorSection } from './two-factor-section.tsx'

afterEach(cleanup)

const none: MfaFactors = { totp: false, email: false, phone: false, recoveryCode: false }
const codes = ['0123456789', 'abcdefabcd', '1111111111', '2222222222', '3333333333', '4444444444']

async function open(handlers: Handlers, mfa = false) {
  const page = await setupPage([], { listIdentities: () => ({ ok: true, value: { total: 0, identities: [] } }), ...handlers })
  render(<TwoFactorSection model={page.model} io={page.io} summary={summary()} account={account({ mfa })} />)
  return page
}

describe('TwoFactorSection', () => {
  it('is the Two-factor section, at the #two-factor anchor the account route scrolls to', async () => {
    await open({ getMfaFactors: () => ({ ok: true, value: none }) })
    const section = screen.getByRole('region', { name: 'Two-factor' })
    expect(section.id).toBe('two-factor')
  })

  it('adds an authenticator: QR code drawn here, the key shown for typing, then verified', async () => {
    let factors = none
    const page = await open({
      getMfaFactors: () => ({ ok: true, value: factors }),
      createTotpAuthenticator: () => ({ ok: true, value: { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Demo%3Aalice%40example.com?issuer=Demo&secret=JBSWY3DPEHPK3PXP' } }),
      verifyTotpAuthenticator: () => {
        factors = { ...none, totp: true }
        return { ok: true, value: account({ mfa: false }) }
      },
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Add authenticator app' }))
    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' })
    expect(qr.tagName.toLowerCase()).toBe('svg')
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/)
    expect(document.querySelector('img[src^="http"]')).toBeNull()
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeTruthy()
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    await screen.findByText('An authenticator app is set up.')
    expect(page.io.sent).toContainEqual({ name: 'verifyTotpAuthenticator', input: { accountId: 'a1', otp: '123456' } })
  })

  it('answers a wrong authenticator code with advice about the app, since nothing was sent', async () => {
    await open({
      getMfaFactors: () => ({ ok: true, value: none }),
      createTotpAuthenticator: () => ({ ok: true, value: { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Demo%3Aalice?issuer=Demo&secret=JBSWY3DPEHPK3PXP' } }),
      verifyTotpAuthenticator: () => ({ ok: false, error: { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' } }),
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Add authenticator app' }))
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '000000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong or has expired: enter the code your authenticator app shows now.')
  })

  it('shows an error in place of the QR code when the server’s URI is too long for one, and keeps the key for typing', async () => {
    const uri = `otpauth://totp/Demo%3Aalice?issuer=Demo&secret=JBSWY3DPEHPK3PXP&x=${'a'.repeat(3000)}`
    await open({
      getMfaFactors: () => ({ ok: true, value: none }),
      createTotpAuthenticator: () => ({ ok: true, value: { secret: 'JBSWY3DPEHPK3PXP', uri } }),
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Add authenticator app' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('too long for a QR code')
    expect(screen.queryByRole('img', { name: 'QR code for your authenticator app' })).toBeNull()
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Verify' })).toBeTruthy()
  })

  it('keeps recovery codes hidden until revealed, and copies them', async () => {
    const page = await open({ getMfaFactors: () => ({ ok: true, value: { ...none, totp: true, recoveryCode: true } }), getRecoveryCodes: () => ({ ok: true, value: { recoveryCodes: codes } }) }, true)
    await screen.findByRole('button', { name: 'Show recovery codes' })
    expect(screen.queryByText(codes[0] ?? '')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Show recovery codes' }))
    const list = await screen.findByRole('list', { name: 'Recovery codes' })
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(codes)
    fireEvent.click(screen.getByRole('button', { name: 'Copy codes' }))
    await waitFor(() => expect(page.io.copied).toEqual([codes.join('\n')]))
    fireEvent.click(screen.getByRole('button', { name: 'Hide recovery codes' }))
    expect(screen.queryByText(codes[0] ?? '')).toBeNull()
  })

  it('asks for a fresh challenge when regenerating is refused, then regenerates', async () => {
    let recent = false
    const fresh = codes.map((code) => code.replace(/./, 'f'))
    const page = await open({
      getMfaFactors: () => ({ ok: true, value: { ...none, totp: true, recoveryCode: true } }),
      regenerateRecoveryCodes: () =>
        recent ? { ok: true, value: { recoveryCodes: fresh } } : { ok: false, error: { type: 'user_challenge_required', code: 401, message: 'A recently successful challenge is required to complete this action.' } },
      completeMfaWithCode: () => {
        recent = true
        return { ok: true, value: summary() }
      },
    }, true)
    fireEvent.click(await screen.findByRole('button', { name: 'Regenerate recovery codes' }))
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Regenerate recovery codes' }))
    await screen.findByText('Confirm it is you: the server wants a second factor from the last 30 minutes for this.')
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    const list = await screen.findByRole('list', { name: 'Recovery codes' })
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(fresh)
    expect(page.io.sent.filter((m) => m.name === 'regenerateRecoveryCodes')).toHaveLength(2)
  })

  it('turns MFA on and lists identities without their tokens', async () => {
    const page = await open({
      getMfaFactors: () => ({ ok: true, value: { ...none, email: true } }),
      updateMfa: () => ({ ok: true, value: account({ mfa: true }) }),
      listIdentities: () => ({ ok: true, value: { total: 1, identities: [{ $id: 'i1', $createdAt: '2026-01-01T00:00:00.000+00:00', $updatedAt: '2026-01-01T00:00:00.000+00:00', userId: 'u1', provider: 'mock', providerUid: '1', providerEmail: 'alice@provider.test', providerAccessTokenExpiry: '' }] } }),
      deleteIdentity: () => ({ ok: true, value: undefined }),
    })
    expect((await screen.findByRole('list', { name: 'Linked sign-in identities' })).textContent).toContain('alice@provider.test')
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-factor' }))
    await waitFor(() => expect(page.io.sent).toContainEqual({ name: 'updateMfa', input: { accountId: 'a1', enabled: true } }))
    fireEvent.click(screen.getByRole('button', { name: 'Unlink' }))
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Unlink' }))
    await waitFor(() => expect(page.io.sent).toContainEqual({ name: 'deleteIdentity', input: { accountId: 'a1', identityId: 'i1' } }))
  })
})
