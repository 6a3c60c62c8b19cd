import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { LogsPage } from '../../shared/protocol.ts'
import { log, summary } from '../../shared/testing/fixtures.ts'
import { items, write, type Write } from '../../shared/storage.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { LogsSection } from './logs-section.tsx'

afterEach(cleanup)

const logs = Array.from({ length: 30 }, (_, i) => log({ event: i % 2 ? 'session.create' : 'user.update', ip: `10.0.0.${i}`, time: `2026-01-01T10:${String(59 - i).padStart(2, '0')}:00.000+00:00` }))
const pageOf = (offset: number, limit: number): LogsPage => ({ supported: true, total: logs.length, offset, limit, logs: logs.slice(offset, offset + limit) })

async function open(firstPage: LogsPage | null, stored: Write[] = []) {
  const page = await setupPage(stored, { listLogs: ({ offset, limit }) => ({ ok: true, value: pageOf(offset, limit) }) })
  render(<LogsSection model={page.model} io={page.io} summary={summary()} firstPage={firstPage} sessions={[]} />)
  return page
}

/** The first table row holding `text`. */
const rowWith = async (text: string) => (await within(await screen.findByRole('table')).findAllByText(text))[0]?.closest('[role=row]') as HTMLElement

describe('LogsSection', () => {
  it('shows the cached first page without a request, then fetches the second page', async () => {
    const { io } = await open(pageOf(0, 25))
    expect(screen.getByText('1–25 of 30 events')).toBeTruthy()
    expect(io.sent).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }))
    await screen.findByText('26–30 of 30 events')
    expect(io.sent).toEqual([{ name: 'listLogs', input: { accountId: 'a1', offset: 25, limit: 25 } }])
    expect(screen.getByText('Page 2 of 2')).toBeTruthy()
    expect(within(screen.getByRole('table')).getByText('10.0.0.29 · Germany')).toBeTruthy()
  })

  it('filters the page by event (human or raw name) and IP, and says how many rows match', async () => {
    await open(pageOf(0, 25))
    fireEvent.input(screen.getByRole('searchbox', { name: 'Event' }), { target: { value: 'user.update' } })
    fireEvent.input(screen.getByRole('searchbox', { name: 'IP' }), { target: { value: '10.0.0.4' } })
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]?.textContent)).toEqual(['Chrome 156 on Linux 6 10.0.0.4 · Germany'])
    fireEvent.input(screen.getByRole('searchbox', { name: 'Event' }), { target: { value: 'account details' } })
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2)
    expect(screen.getByText('1–25 of 30 events · 1 of these 25 match the filters')).toBeTruthy()
  })

  it('reads at a glance: human names, relative times with the exact time on hover, the acting device', async () => {
    const { model } = await open(pageOf(0, 25))
    model.now.value = Date.parse('2026-01-01T12:00:00Z')
    const first = await rowWith('Account details changed')
    const time = first.querySelector('time')
    expect(time?.textContent).toBe('1 hour ago')
    expect(time?.getAttribute('datetime')).toBe('2026-01-01T10:59:00.000Z')
    expect(time?.getAttribute('title')).toMatch(/2026/)
    expect(first.getAttribute('data-event')).toBe('user.update')
  })

  it('separates who acted from the session: a revoke in Lanyard is yours, the revoked session is only its subject', async () => {
    const revoked = { at: Date.UTC(2026, 0, 1, 9), kind: 'revoked' as const, sessionId: 's7', ip: '203.0.113.9', countryCode: 'fr', countryName: 'France', clientName: 'Firefox', clientVersion: '120.0', osName: 'Windows', osVersion: '10' }
    await open({ supported: false, total: 0, offset: 0, limit: 25, logs: [] }, [write(items.activity('a1'), [revoked])])
    const row = await rowWith('Revoked by you in Lanyard')
    const [, , who, session] = within(row).getAllByRole('cell')
    expect(who?.textContent).toBe('You, in Lanyard')
    expect(session?.textContent).toBe('Firefox 120.0 on Windows 10 203.0.113.9 · France')
  })

  it('shows only sign-ins from addresses Lanyard never signed in from under "Unfamiliar only"', async () => {
    const own = { at: Date.UTC(2026, 0, 1, 8), kind: 'signedIn' as const, sessionId: 's1', ip: '10.0.0.3' }
    const stranger = { at: Date.UTC(2026, 0, 1, 9), kind: 'sessionFirstSeen' as const, sessionId: 's8', ip: '198.51.100.7' }
    await open({ supported: false, total: 0, offset: 0, limit: 25, logs: [] }, [write(items.activity('a1'), [own, stranger])])
    await rowWith('Signed in with Lanyard')
    fireEvent.click(screen.getByRole('checkbox', { name: 'Unfamiliar only' }))
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['New sign-in seen by LanyardUnfamiliar'])
  })

  it('says plainly when the server keeps no logs', async () => {
    await open({ supported: false, total: 0, offset: 0, limit: 25, logs: [] })
    expect(screen.getByText(/^This server keeps no security log that Lanyard can read: Appwrite 2\.x and Appwrite Cloud have none/)).toBeTruthy()
    expect(screen.queryByRole('table')).toBeNull()
  })

  it("shows Lanyard's own timeline from storage alone where the server keeps no logs, and follows new events", async () => {
    const seen = { at: Date.UTC(2026, 0, 1, 9), kind: 'sessionFirstSeen' as const, sessionId: 's7', ip: '203.0.113.9' }
    const { io } = await open({ supported: false, total: 0, offset: 0, limit: 25, logs: [] }, [write(items.activity('a1'), [seen])])
    const table = await screen.findByRole('table')
    await within(table).findByText('New sign-in seen by Lanyard')
    io.write(write(items.activity('a1'), [seen, { at: Date.UTC(2026, 0, 1, 10), kind: 'revoked', sessionId: 's7' }]))
    await within(table).findByText('Revoked by you in Lanyard')
    expect(io.sent).toEqual([])
  })

  it('exports the whole log as CSV', async () => {
    const { io } = await open(pageOf(0, 25))
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(io.downloads).toHaveLength(1))
    const lines = io.downloads[0]?.text.trim().split('\r\n') ?? []
    expect(lines).toHaveLength(31)
    expect(io.downloads[0]?.fileName).toBe('lanyard-security-log-u1.csv')
  })
})
