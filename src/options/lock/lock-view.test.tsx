import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_ALERT_SETTINGS, DEFAULT_LOCK_SETTINGS, type LockStatus } from '../../shared/lock-and-alerts.ts'
import { summary } from '../../shared/testing/fixtures.ts'
import { items, write } from '../../shared/storage.ts'
import { setupPage } from '../../ui/testing/page.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { LockView } from './lock-view.tsx'

afterEach(cleanup)

async function open(handlers: Handlers, status: LockStatus = { passphraseSet: false, locked: false }) {
  const page = await setupPage([write(items.accounts, [summary()])], {
    getLockStatus: () => ({ ok: true, value: status }),
    getLockAndAlertSettings: () => ({ ok: true, value: { lock: DEFAULT_LOCK_SETTINGS, alerts: DEFAULT_ALERT_SETTINGS } }),
    ...handlers,
  })
  render(<LockView model={page.model} />)
  await screen.findByRole('heading', { name: 'Auto-lock' })
  return page
}

describe('LockView', () => {
  it('is the Lock and alerts view, with the passphrase, auto-lock and alerts, and no export or import', async () => {
    await open({})
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lock and alerts')
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Passphrase', 'Auto-lock', 'Sign-in alerts'])
    expect(screen.queryByRole('button', { name: 'Export configuration' })).toBeNull()
  })

  it('sets a passphrase only when both entries match', async () => {
    const { io } = await open({ setPassphrase: () => ({ ok: true, value: undefined }) })
    fireEvent.input(screen.getByLabelText('New passphrase'), { target: { value: 'first passphrase' } })
    fireEvent.input(screen.getByLabelText('Repeat the new passphrase'), { target: { value: 'other passphrase' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The two new passphrases differ.')
    expect(io.sent.some((m) => m.name === 'setPassphrase')).toBe(false)
    fireEvent.input(screen.getByLabelText('Repeat the new passphrase'), { target: { value: 'first passphrase' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }))
    await screen.findByText('Passphrase set. Your sessions are now encrypted with it.')
    expect(io.sent.filter((m) => m.name === 'setPassphrase').map((m) => m.input)).toEqual([{ passphrase: 'first passphrase' }])
  })

  it('sends the chosen auto-lock', async () => {
    const { io } = await open({ setLockSettings: (input) => ({ ok: true, value: input }) })
    fireEvent.change(screen.getByLabelText('Lock after'), { target: { value: 'never' } })
    await waitFor(() => expect(io.sent.find((m) => m.name === 'setLockSettings')?.input).toEqual({ idleMinutes: null, onSystemLock: true }))
  })
})
