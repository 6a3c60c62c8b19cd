import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_ALERT_SETTINGS, DEFAULT_LOCK_SETTINGS, type LockStatus } from '../../shared/lock-and-alerts.ts'
import { summary } from '../../shared/testing/fixtures.ts'
import { items, write } from '../../shared/storage.ts'
import { setupPage } from '../../ui/testing/page.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { SecurityView } from './lock-view.tsx'

afterEach(cleanup)

async function open(handlers: Handlers, status: LockStatus = { passphraseSet: false, locked: false }) {
  const page = await setupPage([write(items.accounts, [summary()])], {
    getLockStatus: () => ({ ok: true, value: status }),
    getLockAndAlertSettings: () => ({ ok: true, value: { lock: DEFAULT_LOCK_SETTINGS, alerts: DEFAULT_ALERT_SETTINGS } }),
    ...handlers,
  })
  render(<SecurityView model={page.model} io={page.io} />)
  await screen.findByRole('heading', { name: 'Auto-lock' })
  return page
}

describe('SecurityView', () => {
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

  it('sends the chosen auto-lock and alert choices', async () => {
    const { io } = await open({
      setLockSettings: (input) => ({ ok: true, value: input }),
      setAlertSettings: (input) => ({ ok: true, value: { intervalMinutes: input.intervalMinutes ?? 15, disabledAccountIds: input.enabled === false ? ['a1'] : [] } }),
    })
    fireEvent.change(screen.getByLabelText('Lock after'), { target: { value: 'never' } })
    fireEvent.click(screen.getByLabelText('Alerts for alice@example.com'))
    await waitFor(() => expect(io.sent.map((m) => m.name)).toContain('setAlertSettings'))
    expect(io.sent.find((m) => m.name === 'setLockSettings')?.input).toEqual({ idleMinutes: null, onSystemLock: true })
    expect(io.sent.find((m) => m.name === 'setAlertSettings')?.input).toEqual({ accountId: 'a1', enabled: false })
  })

  it('imports a picked file and lists what was skipped', async () => {
    const { io } = await open({
      importConfig: () => ({
        ok: true,
        value: { projectsAdded: 1, projectsUpdated: 0, accountsUpdated: 0, settingsApplied: ['autoLock'], skipped: [{ item: 'projects[1]', reason: 'not an Appwrite id' }] },
      }),
    })
    const file = new File(['{"format":"lanyard-config"}'], 'config.json', { type: 'application/json' })
    fireEvent.change(screen.getByLabelText('Import configuration'), { target: { files: [file] } })
    await screen.findByText('Imported: 1 projects added, 0 projects updated, 0 accounts updated, 1 settings applied.')
    expect(screen.getByText('projects[1]')).toBeTruthy()
    expect(io.sent.find((m) => m.name === 'importConfig')?.input).toEqual({ text: '{"format":"lanyard-config"}' })
  })
})
