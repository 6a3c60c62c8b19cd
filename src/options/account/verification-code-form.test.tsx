import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { summary } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { VerificationCodeForm } from './verification-code-form.tsx'

afterEach(cleanup)

describe('VerificationCodeForm', () => {
  it('sends a code, names a wrong one in plain words, and confirms the right one', async () => {
    const page = await setupPage([], {
      sendEmailVerificationCode: () => ({ ok: true, value: undefined }),
      confirmEmailVerificationCode: ({ code }) =>
        code === '123456' ? { ok: true, value: undefined } : { ok: false, error: { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' } },
      refresh: () => ({ ok: false, error: { type: 'lanyard_network', code: 0, message: '' } }),
    })
    render(<VerificationCodeForm model={page.model} summary={summary()} email="alice@example.com" />)
    expect(screen.queryByLabelText('Code')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }))
    await screen.findByText('We sent a 6-digit code to alice@example.com. It works once, for 15 minutes. Enter it below.')
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: '000000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm email' }))
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong or expired — send a new one.')
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: ' 123456 ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Confirm email' }))
    // Accepted: the field is cleared (the account's refresh then hides the form).
    await waitFor(() => expect(screen.getByLabelText('Code')).toHaveProperty('value', ''))
    expect(page.io.sent.filter((m) => m.name !== 'refresh')).toEqual([
      { name: 'sendEmailVerificationCode', input: { accountId: 'a1' } },
      { name: 'confirmEmailVerificationCode', input: { accountId: 'a1', code: '000000' } },
      { name: 'confirmEmailVerificationCode', input: { accountId: 'a1', code: '123456' } },
    ])
  })
})
