import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MfaFactors } from '../../shared/protocol.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { summary } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { SecondFactorForm } from './second-factor-form.tsx'

afterEach(cleanup)

const half = summary({ status: 'needsSecondFactor' })

async function open(factors: MfaFactors, handlers: Handlers = {}, purpose: 'signIn' | 'recent' = 'signIn') {
  const page = await setupPage([], { getMfaFactors: () => ({ ok: true, value: factors }), ...handlers })
  const onDone = vi.fn()
  render(<SecondFactorForm model={page.model} summary={half} purpose={purpose} onDone={onDone} />)
  return { ...page, onDone }
}

describe('SecondFactorForm', () => {
  it('answers an authenticator code in one request and hands back the upgraded account', async () => {
    const { io, onDone } = await open(
      { totp: true, email: true, phone: false, recoveryCode: false },
      { completeMfaWithCode: () => ({ ok: true, value: summary() }) },
    )
    expect(((await screen.findByRole('radio', { name: 'Authenticator app' })) as HTMLInputElement).checked).toBe(true)
    expect(screen.queryByRole('radio', { name: 'Code by SMS' })).toBeNull()
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: ' 123456 ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(summary()))
    expect(io.sent.at(-1)).toEqual({ name: 'completeMfaWithCode', input: { accountId: 'a1', factor: 'totp', otp: '123456' } })
  })

  it('sends an email code first, then completes that challenge', async () => {
    const { io, onDone } = await open(
      { totp: false, email: true, phone: false, recoveryCode: false },
      { createMfaChallenge: () => ({ ok: true, value: { challengeId: 'ch1' } }), completeMfaChallenge: () => ({ ok: true, value: summary() }) },
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }))
    await screen.findByText("A code was sent to the account's email address.")
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: '654321' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    await waitFor(() => expect(onDone).toHaveBeenCalled())
    expect(io.sent.slice(1)).toEqual([
      { name: 'createMfaChallenge', input: { accountId: 'a1', factor: 'email' } },
      { name: 'completeMfaChallenge', input: { accountId: 'a1', challengeId: 'ch1', otp: '654321' } },
    ])
  })

  it('switches to a recovery code and shows a refusal inline, with advice for that kind of code', async () => {
    const { io, onDone } = await open(
      { totp: true, email: false, phone: false, recoveryCode: true },
      { completeMfaWithCode: () => ({ ok: false, error: { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' } }) },
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Use a recovery code' }))
    fireEvent.input(screen.getByLabelText('Recovery code'), { target: { value: 'a1b2c3d4e5' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    // Nothing was sent, so nothing can be sent again: a recovery code works once.
    expect((await screen.findByRole('alert')).textContent).toBe('That recovery code is wrong or was already used: each one works once. Try another of the codes you saved.')
    expect(onDone).not.toHaveBeenCalled()
    expect(io.sent.at(-1)).toEqual({ name: 'completeMfaWithCode', input: { accountId: 'a1', factor: 'recoveryCode', otp: 'a1b2c3d4e5' } })
    fireEvent.input(screen.getByLabelText('Recovery code'), { target: { value: 'a1b2c3d4e6' } })
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Use another factor' }))
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong or has expired: enter the code your authenticator app shows now.')
  })

  it('says so when the factor equals the one the session already has', async () => {
    const { onDone } = await open(
      { totp: false, email: true, phone: false, recoveryCode: false },
      { createMfaChallenge: () => ({ ok: true, value: { challengeId: 'ch1' } }), completeMfaChallenge: () => ({ ok: true, value: half }) },
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Send code' }))
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '654321' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    await screen.findByText('That is the factor this session already has. Choose another one.')
    expect(onDone).not.toHaveBeenCalled()
  })
})
