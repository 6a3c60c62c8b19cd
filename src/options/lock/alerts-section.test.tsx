import { signal } from '@preact/signals'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_ALERT_SETTINGS, DEFAULT_LOCK_SETTINGS } from '../../shared/lock-and-alerts.ts'
import type { OutputOf } from '../../shared/protocol.ts'
import { summary } from '../../shared/testing/fixtures.ts'
import { items, write } from '../../shared/storage.ts'
import { setupPage } from '../../ui/testing/page.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { AlertsSection } from './alerts-section.tsx'

afterEach(cleanup)

async function open(handlers: Handlers) {
  const page = await setupPage([write(items.accounts, [summary()])], handlers)
  render(<AlertsSection model={page.model} settings={signal({ lock: DEFAULT_LOCK_SETTINGS, alerts: DEFAULT_ALERT_SETTINGS })} />)
  return page
}

/** Opens the section with a worker whose check answers `result`, and presses Check now. */
async function checkNow(result: OutputOf<'checkSignInAlerts'>) {
  const page = await open({ checkSignInAlerts: () => ({ ok: true, value: result }) })
  fireEvent.click(screen.getByRole('button', { name: 'Check now' }))
  await waitFor(() => expect(page.io.sent.map((m) => m.name)).toEqual(['checkSignInAlerts']))
  return page
}

describe('AlertsSection', () => {
  it('sends the chosen interval and an account turned off', async () => {
    const { io } = await open({
      setAlertSettings: (input) => ({ ok: true, value: { intervalMinutes: input.intervalMinutes ?? 15, disabledAccountIds: input.enabled === false ? ['a1'] : [] } }),
    })
    fireEvent.change(screen.getByLabelText('Check every'), { target: { value: '60' } })
    await waitFor(() => expect((screen.getByLabelText('Check every') as HTMLSelectElement).disabled).toBe(false))
    fireEvent.click(screen.getByLabelText('Alerts for alice@example.com'))
    await waitFor(() => expect(io.sent.filter((m) => m.name === 'setAlertSettings')).toHaveLength(2))
    expect(io.sent.map((m) => m.input)).toEqual([{ intervalMinutes: 60 }, { accountId: 'a1', enabled: false }])
  })

  it('Check now says how many accounts it checked, in the plural that fits', async () => {
    await checkNow({ checked: 3, failed: 0 })
    await screen.findByText('Checked 3 accounts.')
    expect(screen.queryByRole('alert')).toBeNull()
    cleanup()
    await checkNow({ checked: 1, failed: 0 })
    await screen.findByText('Checked 1 account.')
  })

  it('Check now tells the accounts it reached from those it could not', async () => {
    await checkNow({ checked: 3, failed: 1 })
    await screen.findByText('Checked 2 accounts.')
    expect(screen.getByRole('alert').textContent).toBe('1 account could not be checked: it is signed out, or its server did not answer.')
    cleanup()
    await checkNow({ checked: 2, failed: 2 })
    expect((await screen.findByRole('alert')).textContent).toMatch(/^2 accounts could not be checked/)
    expect(screen.getByRole('status').textContent).toBe('')
  })

  it('Check now says when there was nothing to check, and shows a refusal as an error', async () => {
    await checkNow({ checked: 0, failed: 0 })
    await screen.findByText('No account to check: none is signed in with alerts on.')
    cleanup()
    await open({ checkSignInAlerts: () => ({ ok: false, error: { type: 'lanyard_locked', code: 423, message: 'Lanyard is locked.' } }) })
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }))
    expect((await screen.findByRole('alert')).textContent).toBeTruthy()
  })
})
