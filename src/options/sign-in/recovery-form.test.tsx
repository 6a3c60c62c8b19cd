import { cleanup, fireEvent, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { project } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { RecoveryForm } from './recovery-form.tsx'

afterEach(cleanup)

async function open(serverVersion: string) {
  const page = await setupPage([], {
    sendRecoveryCode: () => ({ ok: true, value: { userId: 'u7' } }),
    confirmRecoveryCode: () => ({ ok: true, value: undefined }),
    sendRecovery: () => ({ ok: true, value: undefined }),
    confirmRecovery: () => ({ ok: true, value: undefined }),
  })
  render(<RecoveryForm model={page.model} project={project({ serverVersion })} />)
  return page
}

const send = (label: string) => {
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: ' carol@example.com ' } })
  fireEvent.click(screen.getByRole('button', { name: label }))
}

describe('RecoveryForm', () => {
  it('on 2.3+ sends a code, then sets the password with the field named "Code" for the user the server named', async () => {
    const page = await open('2.7.1')
    expect(screen.queryByLabelText('Code')).toBeNull()
    send('Send recovery code')
    await screen.findByText('If carol@example.com has an account, a 6-digit code is on its way. It works once, for 15 minutes.')
    fireEvent.input(screen.getByLabelText('Code'), { target: { value: ' 123456 ' } })
    fireEvent.input(screen.getByLabelText('New password'), { target: { value: 'new-password-1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }))
    await screen.findByText('Password set. Sign in with the new password.')
    expect(page.io.sent).toEqual([
      { name: 'sendRecoveryCode', input: { projectId: 'p1', email: 'carol@example.com' } },
      { name: 'confirmRecoveryCode', input: { projectId: 'p1', userId: 'u7', code: '123456', password: 'new-password-1' } },
    ])
  })

  it('before 2.3 keeps the link: its field is there from the start, and the link is sent to the project’s link target', async () => {
    const page = await open('2.2.0')
    expect(screen.queryByRole('button', { name: 'Send recovery code' })).toBeNull()
    send('Send recovery email')
    await screen.findByText(/We sent a recovery link/)
    fireEvent.input(screen.getByLabelText('Recovery link'), { target: { value: 'https://appwrite.example.com/?userId=u7&secret=s' } })
    fireEvent.input(screen.getByLabelText('New password'), { target: { value: 'new-password-1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }))
    await screen.findByText('Password set. Sign in with the new password.')
    expect(page.io.sent).toEqual([
      { name: 'sendRecovery', input: { projectId: 'p1', email: 'carol@example.com', url: 'https://appwrite.example.com/' } },
      { name: 'confirmRecovery', input: { projectId: 'p1', link: 'https://appwrite.example.com/?userId=u7&secret=s', password: 'new-password-1' } },
    ])
  })
})
