import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { project, session, snapshot, summary } from '../shared/testing/fixtures.ts'
import { items, write, type Write } from '../shared/storage.ts'
import { setupPage } from '../ui/testing/page.ts'
import type { Handlers } from '../ui/testing/fake-page-io.ts'
import { CARD_PAINTED_MARK, PopupApp } from './popup-app.tsx'

const cached = [
  write(items.projects, [project(), project({ id: 'p2', label: 'Staging', endpoint: 'http://127.0.0.1:8080/v1' })]),
  write(items.accounts, [
    summary(),
    summary({ id: 'a2', email: 'bob@example.com', name: 'Bob', sessionId: 's9' }),
    summary({ id: 'a3', projectId: 'p2', email: '', name: '', userId: 'guest42', status: 'signedOut' }),
  ]),
  write(items.activeAccountId, 'a1'),
  write(items.snapshot('a1'), snapshot()),
]

/** A worker that never answers: whatever shows came from the cache. */
const silentWorker: Handlers = {
  refresh: () => new Promise(() => {}),
  switchAccount: () => new Promise(() => {}),
}

async function openPopup(handlers: Handlers = silentWorker, storage: Write[] = cached) {
  const page = await setupPage(storage, handlers)
  render(<PopupApp model={page.model} io={page.io} />)
  return page
}

afterEach(() => {
  cleanup()
  performance.clearMarks()
})

describe('popup', () => {
  it('paints the active account from the cache before the worker answers, and marks it', async () => {
    await openPopup()
    const card = screen.getByRole('region', { name: 'Active account' })
    expect(within(card).getByText('Alice Liddell')).toBeTruthy()
    expect(within(card).getByText('alice@example.com')).toBeTruthy()
    expect(within(card).getByText('Demo').getAttribute('title')).toBe('Demo · appwrite.example.com')
    // The Sessions tab is open first: the account's state heads it.
    expect(within(screen.getByRole('tabpanel', { name: 'Sessions' })).getByText('Email verified')).toBeTruthy()
    expect(performance.getEntriesByName(CARD_PAINTED_MARK)).toHaveLength(1)
    expect(screen.getByText(/^Updated /)).toBeTruthy()
  })

  it('shows a failed refresh inline and keeps the cached content', async () => {
    const { model } = await openPopup({ refresh: () => ({ ok: false, error: { type: 'lanyard_network', code: 0, message: 'x' } }) })
    await model.refresh()
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not refresh: The server cannot be reached/)
    expect(screen.getByText('Alice Liddell')).toBeTruthy()
  })

  it('says when the browser is offline, keeping what it shows', async () => {
    await openPopup()
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    try {
      dispatchEvent(new Event('offline'))
      expect(await screen.findByText('Offline')).toBeTruthy()
      expect(screen.getByText('Alice Liddell')).toBeTruthy()
    } finally {
      Object.defineProperty(navigator, 'onLine', { value: true, configurable: true })
      dispatchEvent(new Event('online'))
    }
  })

  it('lists accounts grouped by project, named by email or "Anonymous" plus id', async () => {
    await openPopup()
    const list = screen.getByRole('list', { name: 'Accounts' })
    expect(within(list).getByRole('listitem', { name: 'bob@example.com' })).toBeTruthy()
    expect(within(list).getByRole('listitem', { name: 'Anonymous guest42' })).toBeTruthy()
    expect(within(screen.getByRole('list', { name: 'Staging' })).getAllByRole('listitem')).toHaveLength(1)
  })

  it('switches with one click and paints the other account at once', async () => {
    const { io } = await openPopup()
    fireEvent.click(screen.getByRole('button', { name: 'bob@example.com' }))
    expect(within(screen.getByRole('region', { name: 'Active account' })).getByText('Bob')).toBeTruthy()
    expect(performance.getEntriesByName(CARD_PAINTED_MARK)).toHaveLength(2)
    expect(io.sent).toContainEqual({ name: 'switchAccount', input: { accountId: 'a2' } })
  })

  it('switches by keyboard: digits, arrows and Enter, and typing to filter', async () => {
    const { io } = await openPopup()
    fireEvent.keyDown(document.body, { key: '2' })
    expect(io.sent.at(-1)).toEqual({ name: 'switchAccount', input: { accountId: 'a2' } })

    fireEvent.keyDown(document.body, { key: 'ArrowDown' })
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' })
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' })
    expect(document.activeElement?.querySelector('.switcher-email')?.textContent).toBe('Anonymous guest42')

    fireEvent.keyDown(document.body, { key: 'b' })
    const filter = screen.getByRole('searchbox', { name: 'Filter accounts' }) as HTMLInputElement
    expect(filter.value).toBe('b')
    expect(screen.queryByRole('listitem', { name: 'alice@example.com' })).toBeNull()
    fireEvent.keyDown(filter, { key: 'Enter' })
    expect(io.sent.at(-1)).toEqual({ name: 'switchAccount', input: { accountId: 'a2' } })
  })

  it('marks this device and revokes another session with its Revoke button, named after the session, and says so', async () => {
    const { io } = await openPopup({ ...silentWorker, revokeSession: () => ({ ok: true, value: undefined }) })
    const rows = screen.getAllByRole('listitem').filter((row) => row.classList.contains('session'))
    expect(within(rows[0] as HTMLElement).getByText('This device')).toBeTruthy()
    expect(within(rows[1] as HTMLElement).queryByText('This device')).toBeNull()
    expect(within(rows[1] as HTMLElement).getByRole('img', { name: 'France' }).getAttribute('src')).toBe('/flags/fr.svg')
    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'Revoke Firefox 156 on Linux 6' }))
    await waitFor(() => expect(io.sent).toContainEqual({ name: 'revokeSession', input: { accountId: 'a1', sessionId: 's2' } }))
    expect((await screen.findByRole('status')).textContent).toBe('Revoked Firefox 156 on Linux 6.')
  })

  it("asks before revoking Lanyard's own session, which signs the account out of Lanyard", async () => {
    const { io } = await openPopup({ ...silentWorker, signOut: () => ({ ok: true, value: undefined }) })
    const own = screen.getAllByRole('listitem').filter((row) => row.classList.contains('session'))[0] as HTMLElement
    fireEvent.click(within(own).getByRole('button', { name: /^Revoke / }))
    const dialog = screen.getByRole('alertdialog', { name: 'This signs Alice Liddell out of Lanyard.' })
    expect(io.sent.some((m) => m.name === 'signOut')).toBe(false)
    expect(document.activeElement).toBe(within(dialog).getAllByRole('button')[0])
    fireEvent.click(within(dialog).getAllByRole('button')[0] as HTMLElement)
    await waitFor(() => expect(io.sent).toContainEqual({ name: 'signOut', input: { accountId: 'a1' } }))
  })

  it('asks before signing out other sessions, naming the account', async () => {
    const { io } = await openPopup({ ...silentWorker, revokeOtherSessions: () => ({ ok: true, value: { accountId: 'a1', ok: true, revoked: 1 } }) })
    fireEvent.click(screen.getByRole('button', { name: 'Sign out other sessions' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Sign out 1 other session of alice@example.com?' })
    expect(io.sent.some((m) => m.name === 'revokeOtherSessions')).toBe(false)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out others' }))
    await waitFor(() => expect(io.sent).toContainEqual({ name: 'revokeOtherSessions', input: { accountId: 'a1' } }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Signed out 1 other session.'))
  })

  it('shows the latest security events and links to the full log', async () => {
    await openPopup()
    fireEvent.click(screen.getByRole('tab', { name: 'Activity' }))
    const events = await screen.findByRole('list', { name: 'Recent security events' })
    expect(within(events).getAllByText(/^Signed in/).length).toBeGreaterThan(0)
    expect(within(events).queryByText('session.create')).toBeNull()
    expect(events.querySelector('time[datetime][title]')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Full security log' }).getAttribute('href')).toBe('../options/options.html#/account/a1/logs')
  })

  it('renders hostile server text as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.hacked=1">'
    await openPopup(silentWorker, [
      ...cached,
      write(items.accounts, [summary({ name: hostile })]),
      write(items.snapshot('a1'), snapshot({ sessions: [session({ current: true, clientName: hostile, deviceName: hostile })] })),
    ])
    expect(screen.getAllByText(hostile, { exact: false }).length).toBeGreaterThan(0)
    expect(document.querySelector('img[src="x"]')).toBeNull()
  })

  it('with no accounts, points to the settings instead of a spinner', async () => {
    await openPopup(silentWorker, [])
    expect(screen.getByText('No accounts yet.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Add a project and sign in' })).toBeTruthy()
  })
})
