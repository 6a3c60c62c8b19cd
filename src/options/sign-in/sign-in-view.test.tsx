import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { project, summary } from '../../shared/testing/fixtures.ts'
import { items, write } from '../../shared/storage.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { createRouter, type SignInForm } from '../router.ts'
import { SignInView } from './sign-in-view.tsx'

afterEach(() => {
  cleanup()
  location.hash = ''
})

async function open(handlers: Handlers, route: { form?: SignInForm; email?: string } = {}) {
  const page = await setupPage([write(items.projects, [project()])], { getOAuthRedirectHost: () => ({ ok: true, value: { host: 'abc.chromiumapp.org', redirectUrl: 'https://abc.chromiumapp.org/' } }), ...handlers })
  const router = createRouter(location, window)
  render(<SignInView model={page.model} io={page.io} router={router} projectId="p1" form={route.form ?? 'sign-in'} email={route.email ?? ''} />)
  return { ...page, router }
}

describe('SignInView', () => {
  it('signs in with email and password and opens the new account', async () => {
    const { io, router } = await open({ signIn: () => ({ ok: true, value: summary({ id: 'a7' }) }) })
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'alice@example.com' } })
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(router.route.value).toEqual({ view: 'account', accountId: 'a7', section: null }))
    expect(io.sent).toContainEqual({ name: 'signIn', input: { method: 'email-password', projectId: 'p1', email: 'alice@example.com', password: 'correct horse' } })
  })

  it('asks for the second factor in place when the account uses MFA, then opens the account', async () => {
    const { io, router } = await open({
      signIn: () => ({ ok: true, value: summary({ id: 'a7', status: 'needsSecondFactor' }) }),
      getMfaFactors: () => ({ ok: true, value: { totp: true, email: false, phone: false, recoveryCode: false } }),
      completeMfaWithCode: () => ({ ok: true, value: summary({ id: 'a7' }) }),
    })
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'alice@example.com' } })
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '123456' } })
    expect(router.route.value.view).not.toBe('account')
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    await waitFor(() => expect(router.route.value).toEqual({ view: 'account', accountId: 'a7', section: null }))
    expect(io.sent.at(-1)).toEqual({ name: 'completeMfaWithCode', input: { accountId: 'a7', factor: 'totp', otp: '123456' } })
  })

  it('finishes an email code sign-in with the userId from the send step', async () => {
    const { io } = await open({
      sendEmailOtp: () => ({ ok: true, value: { userId: 'u5', phrase: 'brave owl' } }),
      signIn: () => ({ ok: true, value: summary() }),
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Email code' }))
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'alice@example.com' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }))
    expect((await screen.findByRole('status')).textContent).toContain('brave owl')
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(io.sent).toContainEqual({ name: 'signIn', input: { method: 'token', projectId: 'p1', userId: 'u5', secret: '123456' } }))
  })

  it('turns an unknown-origin answer to OAuth2 into the platform advice with a copy button', async () => {
    const { io } = await open({ signIn: () => ({ ok: false, error: { type: 'general_unknown_origin', code: 403, message: 'Invalid Origin.' } }) })
    fireEvent.click(screen.getByRole('radio', { name: 'OAuth2 provider' }))
    await screen.findByText('abc.chromiumapp.org')
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with provider' }))
    await screen.findByText(/does not accept Lanyard’s OAuth2 redirect yet/)
    fireEvent.click(screen.getByRole('button', { name: 'Copy hostname' }))
    await waitFor(() => expect(io.copied).toEqual(['abc.chromiumapp.org']))
  })

  it('offers the ways in as choices, and creating an account or recovering a password as links', async () => {
    await open({})
    const choices = screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)
    expect(choices).toEqual(['Email and password', 'Email code', 'Magic link', 'Phone code', 'Anonymous', 'OAuth2 provider'])
    expect(screen.getByRole('link', { name: 'Create account' }).getAttribute('href')).toBe('#/sign-in/p1/create')
    expect(screen.getByRole('link', { name: 'Recover password' }).getAttribute('href')).toBe('#/sign-in/p1/recover')
  })

  it('opens filled in with the email "Sign in again" passes, and keeps it on the way to recovery', async () => {
    await open({}, { email: 'ada@example.com' })
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com')
    expect(screen.getByRole('link', { name: 'Recover password' }).getAttribute('href')).toBe('#/sign-in/p1/recover?email=ada%40example.com')
  })

  it('says a wrong code in words, not the server\'s text, and clears the error once the person types', async () => {
    await open({
      sendEmailOtp: () => ({ ok: true, value: { userId: 'u5', phrase: '' } }),
      signIn: () => ({ ok: false, error: { type: 'user_invalid_token', code: 401, message: 'Invalid token passed in the request.' } }),
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Email code' }))
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }))
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '000000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('That code is wrong or expired — send a new one.')
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: '123456' } })
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
