import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { Passkey } from '../../shared/protocol.ts'
import { account, summary } from '../../shared/testing/fixtures.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { PasskeysSection } from './passkeys-section.tsx'

afterEach(cleanup)

const passkey = (id: string, name: string): Passkey => ({ $id: id, $createdAt: '2026-01-01T00:00:00.000+00:00', $updatedAt: '2026-01-01T00:00:00.000+00:00', name, accessedAt: '' })

async function open(handlers: Handlers, mfa = false) {
  let list = [passkey('k1', 'YubiKey'), passkey('k2', '')]
  const page = await setupPage([], {
    listPasskeys: () => ({ ok: true, value: { total: list.length, passkeys: list } }),
    deletePasskey: ({ passkeyId }) => {
      list = list.filter((p) => p.$id !== passkeyId)
      return { ok: true, value: undefined }
    },
    ...handlers,
  })
  render(<PasskeysSection model={page.model} summary={summary()} account={account({ mfa })} />)
  return page
}

const confirmRemove = async (name: string) => {
  const item = await screen.findByRole('listitem', { name })
  fireEvent.click(within(item).getByRole('button', { name: 'Remove passkey' }))
  fireEvent.click(within(within(item).getByRole('alertdialog')).getAllByRole('button')[0] as HTMLElement)
}

describe('PasskeysSection', () => {
  it('lists passkeys (an unnamed one says so), explains why none can be created here, and offers no way to create one', async () => {
    await open({})
    const region = screen.getByRole('region', { name: 'Passkeys' })
    await within(region).findByRole('listitem', { name: 'Unnamed passkey' })
    expect(within(region).getByText(/its relying party is your app's domain/)).toBeTruthy()
    expect(within(region).queryByRole('button', { name: /create|add/i })).toBeNull()
  })

  it('renames a passkey with the name typed', async () => {
    const page = await open({ renamePasskey: ({ name }) => ({ ok: true, value: passkey('k1', name) }) })
    fireEvent.click(await screen.findByRole('button', { name: 'Rename YubiKey' }))
    fireEvent.input(screen.getByLabelText('Name of the passkey'), { target: { value: ' Work key ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Renamed to Work key.')
    expect(page.io.sent).toContainEqual({ name: 'renamePasskey', input: { accountId: 'a1', passkeyId: 'k1', name: 'Work key' } })
  })

  it('when the server wants a recent sign-in, says so once, offers "Sign in again", and without MFA no second factor', async () => {
    await open({ deletePasskey: () => ({ ok: false, error: { type: 'lanyard_recent_sign_in_required', code: 401, message: 'x' } }) })
    await confirmRemove('YubiKey')
    await screen.findByText(/The server wants a recent sign-in for this/)
    expect(screen.getAllByText(/The server wants a recent sign-in/)).toHaveLength(1)
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('#/sign-in/p1')
    expect(screen.queryByRole('button', { name: 'Pass the second factor' })).toBeNull()
  })

  it('with MFA on, offers the second factor and removes the passkey once it is passed', async () => {
    let fresh = false
    const page = await open(
      {
        deletePasskey: () => (fresh ? { ok: true, value: undefined } : { ok: false, error: { type: 'lanyard_recent_sign_in_required', code: 401, message: 'x' } }),
        getMfaFactors: () => ({ ok: true, value: { totp: true, email: false, phone: false, recoveryCode: false } }),
        completeMfaWithCode: () => {
          fresh = true
          return { ok: true, value: summary() }
        },
      },
      true,
    )
    await confirmRemove('YubiKey')
    fireEvent.click(await screen.findByRole('button', { name: 'Pass the second factor' }))
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '123456' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }))
    await screen.findByText('Passkey YubiKey removed.')
    await waitFor(() => expect(page.io.sent.filter((m) => m.name === 'deletePasskey')).toHaveLength(2))
    expect(screen.queryByText(/The server wants a recent sign-in/)).toBeNull()
  })
})
