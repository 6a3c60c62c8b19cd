import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { project, summary } from '../../shared/testing/fixtures.ts'
import { accountStatusText } from '../../ui/account-status.ts'
import { setMessageSource } from '../../ui/i18n.ts'
import { englishMessages } from '../../ui/testing/english.ts'
import { SessionEndedNotice } from './session-ended-notice.tsx'

afterEach(cleanup)
setMessageSource(englishMessages)

const ended = summary({ status: 'signedOut', endedOnServer: true })

describe('SessionEndedNotice', () => {
  it('on 2.x names the default limit of 10 sessions and offers "Sign in again" as a link only', () => {
    render(<SessionEndedNotice summary={ended} project={project({ serverVersion: '2.7.1' })} />)
    expect(screen.getByText(/revoked elsewhere/).textContent).toContain('a user keeps 10 sessions by default')
    expect(screen.getByText(/never signs in again by itself/)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('#/sign-in/p1')
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('on 1.9 names no limit, as those projects have none by default', () => {
    render(<SessionEndedNotice summary={ended} project={project({ serverVersion: '1.9.6' })} />)
    expect(screen.getByText(/revoked elsewhere/).textContent).not.toContain('sessions by default')
  })
})

describe('accountStatusText', () => {
  it('says "Session ended on the server" only for a signed-out account Lanyard did not sign out', () => {
    expect(accountStatusText(ended)).toBe('Session ended on the server')
    expect(accountStatusText(summary({ status: 'signedOut' }))).toBe('Signed out')
    expect(accountStatusText(summary())).toBe('Signed in')
  })
})
