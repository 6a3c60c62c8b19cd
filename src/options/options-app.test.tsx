import { cleanup, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_ALERT_SETTINGS, DEFAULT_LOCK_SETTINGS } from '../shared/lock-and-alerts.ts'
import { setupPage } from '../ui/testing/page.ts'
import { OptionsApp } from './options-app.tsx'
import { createRouter } from './router.ts'

afterEach(() => {
  cleanup()
  location.hash = ''
})

async function openAt(hash: string) {
  location.hash = hash
  const page = await setupPage([], {
    getLockStatus: () => ({ ok: true, value: { passphraseSet: true, locked: false } }),
    getLockAndAlertSettings: () => ({ ok: true, value: { lock: DEFAULT_LOCK_SETTINGS, alerts: DEFAULT_ALERT_SETTINGS } }),
    getOAuthRedirectHost: () => new Promise(() => {}),
  })
  render(<OptionsApp model={page.model} io={page.io} router={createRouter(location, window)} />)
}

describe('options page navigation', () => {
  it('has one entry per global view, Backup its own, and marks the current one', async () => {
    await openAt('#/backup')
    const nav = screen.getByRole('navigation', { name: 'Main' })
    const links = within(nav).getAllByRole('link')
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Accounts', '#/'],
      ['Overview', '#/all'],
      ['Lock and alerts', '#/lock'],
      ['Backup', '#/backup'],
    ])
    expect(within(nav).getByRole('link', { current: 'page' }).textContent).toBe('Backup')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Backup')
  })

  it('shows the Lock and alerts view at #/lock', async () => {
    await openAt('#/lock')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lock and alerts')
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { current: 'page' }).textContent).toBe('Lock and alerts')
  })
})
