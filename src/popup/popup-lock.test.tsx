import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { SignInAlert } from '../shared/lock-and-alerts.ts'
import { project, snapshot, summary } from '../shared/testing/fixtures.ts'
import { items, write, type Write } from '../shared/storage.ts'
import { setupPage } from '../ui/testing/page.ts'
import type { Handlers } from '../ui/testing/fake-page-io.ts'
import { PopupApp } from './popup-app.tsx'

const cached = [write(items.projects, [project()]), write(items.accounts, [summary()]), write(items.activeAccountId, 'a1'), write(items.snapshot('a1'), snapshot())]

const alert: SignInAlert = { id: 'lanyard-alert:a1:s7', accountId: 'a1', sessionId: 's7', account: 'alice@example.com', device: 'Firefox 140, Linux', location: 'Germany', ip: '203.0.113.9', at: 1 }

async function open(storage: Write[], handlers: Handlers) {
  const page = await setupPage(storage, { refresh: () => new Promise(() => {}), ...handlers })
  render(<PopupApp model={page.model} />)
  return page
}

afterEach(cleanup)

describe('popup and the lock', () => {
  it('shows only the unlock form while locked, from storage, and nothing of the accounts', async () => {
    await open([...cached, write(items.snapshot('a1'), null), write(items.vaultLocked, true)], {})
    expect(screen.getByRole('heading', { name: 'Lanyard is locked' })).toBeTruthy()
    expect(screen.queryByText('Alice Liddell')).toBeNull()
    expect(screen.queryByRole('region', { name: 'Active account' })).toBeNull()
  })

  it('says a wrong passphrase plainly, and shows the account again once the worker unlocks', async () => {
    const { io } = await open([...cached, write(items.vaultLocked, true)], {
      unlock: ({ passphrase }) =>
        passphrase === 'right passphrase'
          ? (io.write(write(items.vaultLocked, false)), { ok: true, value: undefined })
          : { ok: false, error: { type: 'lanyard_wrong_passphrase', code: 401, message: 'That passphrase is not correct.' } },
      getLockStatus: () => ({ ok: true, value: { passphraseSet: true, locked: false } }),
    })
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'nope' } })
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
    expect((await screen.findByRole('alert')).textContent).toBe('That passphrase is not correct.')
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'right passphrase' } })
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
    await screen.findByRole('region', { name: 'Active account' })
    expect(io.sent.filter((m) => m.name === 'unlock').map((m) => m.input)).toEqual([{ passphrase: 'nope' }, { passphrase: 'right passphrase' }])
    await screen.findByRole('button', { name: 'Lock now' })
  })

  it('offers Lock now only once a passphrase is set', async () => {
    await open(cached, { getLockStatus: () => ({ ok: true, value: { passphraseSet: false, locked: false } }) })
    await waitFor(() => expect(screen.getByRole('region', { name: 'Active account' })).toBeTruthy())
    expect(screen.queryByRole('button', { name: 'Lock now' })).toBeNull()
  })

  it('lists unseen sign-in alerts and marks them seen', async () => {
    const { io } = await open([...cached, write(items.signInAlerts, [alert])], {
      acknowledgeAlerts: () => (io.write(write(items.signInAlerts, [])), { ok: true, value: undefined }),
    })
    const section = screen.getByRole('region', { name: 'New sign-ins Lanyard has not seen before: 1' })
    expect(section.textContent).toContain('Firefox 140, Linux · Germany · IP 203.0.113.9')
    fireEvent.click(screen.getByRole('button', { name: 'Mark as seen' }))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark as seen' })).toBeNull())
  })
})
