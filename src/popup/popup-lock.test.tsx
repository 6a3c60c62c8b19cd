import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
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
  render(<PopupApp model={page.model} io={page.io} />)
  // The unlock form's code loads when it is first drawn.
  if (page.model.locked.value) await screen.findByLabelText('Passphrase')
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
    expect(document.activeElement).toBe(screen.getByLabelText('Passphrase'))
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'nope' } })
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
    expect((await screen.findByRole('alert')).textContent).toBe('That passphrase is not correct.')
    expect((screen.getByLabelText('Passphrase') as HTMLInputElement).value).toBe('')
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'right passphrase' } })
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
    await screen.findByRole('region', { name: 'Active account' })
    expect(io.sent.filter((m) => m.name === 'unlock').map((m) => m.input)).toEqual([{ passphrase: 'nope' }, { passphrase: 'right passphrase' }])
    await screen.findByRole('button', { name: 'Lock now' })
  })

  it('counts the throttle down with Unlock off, then lets the person try again', async () => {
    await open([...cached, write(items.vaultLocked, true)], {
      unlock: () => ({ ok: false, error: { type: 'lanyard_unlock_throttled', code: 429, message: 'Too many wrong passphrases.', retryAfterMs: 2_000 } }),
    })
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'again' } })
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
    await screen.findByText('Too many wrong passphrases. Try again in 2 s.')
    expect((screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement).disabled).toBe(true)
    await screen.findByText('Too many wrong passphrases. Try again in 1 s.', undefined, { timeout: 1_500 })
    await waitFor(() => expect((screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 1_500 })
  })

  it('offers a way out of a forgotten passphrase, only after a confirmation that says what it does', async () => {
    const { io } = await open([...cached, write(items.vaultLocked, true)], {
      resetLanyard: () => ({ ok: true, value: { accounts: 1, signedOutOnServer: 0 } }),
    })
    fireEvent.click(screen.getByRole('button', { name: 'Forgot it? Reset Lanyard (signs out every account)' }))
    const dialog = screen.getByRole('alertdialog', { name: /^Reset Lanyard\? Every account is signed out/ })
    expect(io.sent.some((m) => m.name === 'resetLanyard')).toBe(false)
    fireEvent.click(within(dialog).getAllByRole('button')[0] as HTMLElement)
    await waitFor(() => expect(io.sent.some((m) => m.name === 'resetLanyard')).toBe(true))
  })

  it('offers Lock now only once a passphrase is set', async () => {
    await open(cached, { getLockStatus: () => ({ ok: true, value: { passphraseSet: false, locked: false } }) })
    await waitFor(() => expect(screen.getByRole('region', { name: 'Active account' })).toBeTruthy())
    expect(screen.queryByRole('button', { name: 'Lock now' })).toBeNull()
  })

  it('sums unseen sign-ins up in one line that opens to a card per device, and It was me takes them off', async () => {
    const twice = { ...alert, id: 'lanyard-alert:a1:s8', sessionId: 's8', ip: '203.0.113.10', at: 2 }
    const other = { ...alert, id: 'lanyard-alert:a1:s9', sessionId: 's9', device: 'Safari 18.1, Mac', at: 3 }
    const { io } = await open([...cached, write(items.signInAlerts, [alert, twice, other])], {
      acknowledgeAlerts: ({ ids }) => (io.write(write(items.signInAlerts, [alert, twice, other].filter((a) => !ids?.includes(a.id)))), { ok: true, value: undefined }),
    })
    const toggle = screen.getByRole('button', { name: '3 new sign-ins to review' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)
    const cards = within(await screen.findByRole('list', { name: '3 new sign-ins to review' })).getAllByRole('listitem', { name: 'New sign-in to alice@example.com' })
    expect(cards).toHaveLength(2)
    expect(cards[1]?.textContent).toContain('Firefox 140, Linux · 2 sign-ins from this device')
    expect(cards[1]?.textContent).toContain('Germany · IP 203.0.113.10')
    fireEvent.click(within(cards[1] as HTMLElement).getByRole('button', { name: 'It was me: Firefox 140, Linux (alice@example.com)' }))
    await waitFor(() => expect(io.sent).toContainEqual({ name: 'acknowledgeAlerts', input: { ids: ['lanyard-alert:a1:s8', 'lanyard-alert:a1:s7'] } }))
    await screen.findByRole('button', { name: '1 new sign-in to review' })
    expect(screen.getByRole('status').textContent).toBe('Marked Firefox 140, Linux as yours.')
  })

  it("Revoke on an alert card ends that device's sessions on the server, then takes the alerts off; the session list tags the new one", async () => {
    const { io } = await open([...cached, write(items.signInAlerts, [{ ...alert, sessionId: 's2' }])], {
      revokeSession: () => ({ ok: true, value: undefined }),
      acknowledgeAlerts: () => (io.write(write(items.signInAlerts, [])), { ok: true, value: undefined }),
    })
    const row = screen.getAllByRole('listitem').filter((r) => r.classList.contains('session'))[1] as HTMLElement
    expect(within(row).getByText('New')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '1 new sign-in to review' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Firefox 140, Linux (alice@example.com)' }))
    await waitFor(() => expect(io.sent).toContainEqual({ name: 'acknowledgeAlerts', input: { ids: [alert.id] } }))
    expect(io.sent).toContainEqual({ name: 'revokeSession', input: { accountId: 'a1', sessionId: 's2' } })
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Revoked Firefox 140, Linux.'))
  })

  it('Check all now checks every account through the worker and says what it found', async () => {
    const { io } = await open([...cached, write(items.signInCheckedAt, Date.now() - 3 * 60_000)], {
      checkSignInAlerts: () => (io.write(write(items.signInAlerts, [alert]), write(items.signInCheckedAt, Date.now())), { ok: true, value: { checked: 3, failed: 0 } }),
    })
    expect(screen.getByText('Checked for new sign-ins 3 minutes ago')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Check all now' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checked 3 accounts. 1 new sign-in.'))
    expect(screen.getByText('Checked for new sign-ins now')).toBeTruthy()
  })
})
