import { cleanup, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActivityEvent } from '../shared/activity.ts'
import type { LogsPage } from '../shared/protocol.ts'
import { items, write, type Write } from '../shared/storage.ts'
import { log, project, snapshot, summary } from '../shared/testing/fixtures.ts'
import { setupPage } from '../ui/testing/page.ts'
import { RecentEvents } from './recent-events.tsx'

const NO_LOG_ROUTE: LogsPage = { supported: false, logs: [], offset: 0, limit: 25, total: 0 }
const at = (iso: string) => Date.parse(iso)

const firefoxInGermany = { ip: '192.0.2.10', clientName: 'Firefox', clientVersion: '120.0', osName: 'Windows', osVersion: '10', countryCode: 'de', countryName: 'Germany' }
const signedIn: ActivityEvent = { kind: 'signedIn', at: at('2026-01-02T09:00:00Z'), sessionId: 's1', ip: '203.0.113.7', clientName: 'Chrome', osName: 'Linux' }
const firstSeen: ActivityEvent = { kind: 'sessionFirstSeen', at: at('2026-01-02T09:30:00Z'), sessionId: 's7', ...firefoxInGermany }
const revoked: ActivityEvent = { kind: 'revoked', at: at('2026-01-02T11:00:00Z'), sessionId: 's7', ...firefoxInGermany }

async function openActivity(logsFirstPage: LogsPage | null, timeline: ActivityEvent[]) {
  const storage: Write[] = [
    write(items.projects, [project()]),
    write(items.accounts, [summary()]),
    write(items.activeAccountId, 'a1'),
    write(items.snapshot('a1'), snapshot({ logsFirstPage })),
    write(items.activity('a1'), timeline),
  ]
  const page = await setupPage(storage)
  render(<RecentEvents model={page.model} io={page.io} active={summary()} />)
  return page
}

/** Each row's first line: the event's name (and its Unfamiliar tag). */
const eventNames = (list: HTMLElement) => within(list).getAllByRole('listitem').map((row) => [...(row.querySelector('.log-event')?.children ?? [])].map((part) => part.textContent).join(' '))

afterEach(cleanup)

describe("the popup's Activity tab", () => {
  it('on a server without a log route, shows the newest three of Lanyard\'s own events, who acted and the session, and no "no security log" sentence', async () => {
    await openActivity(NO_LOG_ROUTE, [signedIn, firstSeen, revoked, { kind: 'sessionGone', at: at('2026-01-02T11:00:05Z'), sessionId: 's7', ...firefoxInGermany }])
    const list = await screen.findByRole('list', { name: 'Recent security events' })
    expect(eventNames(list)).toEqual(['Session ended, seen by Lanyard', 'Revoked by you in Lanyard', 'New sign-in seen by Lanyard Unfamiliar'])
    const revokedRow = within(list).getAllByRole('listitem')[1] as HTMLElement
    expect(within(revokedRow).getByText('You, in Lanyard')).toBeTruthy()
    expect(within(revokedRow).getByText('Firefox 120.0 on Windows 10')).toBeTruthy()
    expect(within(revokedRow).getByRole('img', { name: 'Germany' })).toBeTruthy()
    expect(revokedRow.querySelector('time[datetime="2026-01-02T11:00:00.000Z"][title]')).toBeTruthy()
    expect(screen.getByText('Recorded by Lanyard: this server keeps no account log.')).toBeTruthy()
    expect(screen.queryByText(/keeps no security log/)).toBeNull()
    expect(screen.getByRole('link', { name: 'Full security log' }).getAttribute('href')).toBe('../options/options.html#/account/a1/logs')
  })

  it('where the server keeps a log, merges its first page with the timeline, newest first', async () => {
    const serverLog: LogsPage = {
      supported: true,
      offset: 0,
      limit: 25,
      total: 2,
      logs: [log({ event: 'session.delete', time: '2026-01-02T10:30:00.000+00:00', ...firefoxInGermany }), log({ event: 'user.update', time: '2026-01-02T09:15:00.000+00:00' })],
    }
    await openActivity(serverLog, [signedIn, firstSeen, revoked])
    const list = await screen.findByRole('list', { name: 'Recent security events' })
    // 11:00 revoked (Lanyard), 10:30 session.delete (server), 09:30 first seen (Lanyard); 09:15 and 09:00 are older.
    // The server's row acted from the German address too, where Lanyard never signed in.
    expect(eventNames(list)).toEqual(['Revoked by you in Lanyard', 'Session ended Unfamiliar', 'New sign-in seen by Lanyard Unfamiliar'])
    const serverRow = within(list).getAllByRole('listitem')[1] as HTMLElement
    expect(serverRow.dataset.event).toBe('session.delete')
    expect(within(serverRow).getByText('Firefox 120.0 on Windows 10')).toBeTruthy()
    expect(screen.queryByText(/this server keeps no account log/)).toBeNull()
  })

  it('with no events at all, says so instead of drawing an empty list', async () => {
    await openActivity(NO_LOG_ROUTE, [])
    expect(await screen.findByText('No events yet. Sign-ins and sessions Lanyard sees will show here.')).toBeTruthy()
    expect(screen.queryByRole('list')).toBeNull()
    expect(screen.queryByText(/keeps no/)).toBeNull()
    expect(screen.getByRole('link', { name: 'Full security log' })).toBeTruthy()
  })

  it('before the first refresh (no log page yet), shows the timeline without claiming the server keeps no log', async () => {
    await openActivity(null, [signedIn, revoked])
    const list = await screen.findByRole('list', { name: 'Recent security events' })
    expect(eventNames(list)).toEqual(['Revoked by you in Lanyard', 'Signed in with Lanyard'])
    expect(screen.queryByText(/keeps no/)).toBeNull()
  })

  it('shows an event the worker records while the popup is open', async () => {
    const page = await openActivity(NO_LOG_ROUTE, [signedIn])
    const list = await screen.findByRole('list', { name: 'Recent security events' })
    expect(eventNames(list)).toEqual(['Signed in with Lanyard'])
    page.io.write(write(items.activity('a1'), [signedIn, firstSeen]))
    await within(list).findByText('New sign-in seen by Lanyard')
    expect(eventNames(list)).toEqual(['New sign-in seen by Lanyard Unfamiliar', 'Signed in with Lanyard'])
  })

  it('flags only sessions from an address Lanyard never signed in from', async () => {
    const fromHome: ActivityEvent = { ...firstSeen, sessionId: 's8', ip: signedIn.ip ?? '', at: at('2026-01-02T10:00:00Z') }
    await openActivity(NO_LOG_ROUTE, [signedIn, firstSeen, fromHome])
    const list = await screen.findByRole('list', { name: 'Recent security events' })
    expect(eventNames(list)).toEqual(['New sign-in seen by Lanyard', 'New sign-in seen by Lanyard Unfamiliar', 'Signed in with Lanyard'])
    expect(within(list).getAllByText('Unfamiliar')).toHaveLength(1)
  })

  it('names act-as events in words, with no session line (they keep no address)', async () => {
    const actingAs = { targetUserId: 'u2', target: 'bob@example.com', where: 'page' as const }
    await openActivity(NO_LOG_ROUTE, [
      { kind: 'actAsStarted', at: at('2026-01-02T10:00:00Z'), sessionId: 's1', actingAs },
      { kind: 'actAsStopped', at: at('2026-01-02T10:05:00Z'), sessionId: 's1', actingAs },
    ])
    const list = await screen.findByRole('list', { name: 'Recent security events' })
    expect(eventNames(list)).toEqual(['Stopped acting as a user', 'Started acting as a user'])
    for (const row of within(list).getAllByRole('listitem')) {
      expect(row.textContent).not.toMatch(/lanyard\./)
      expect(within(row).getByText('You, in Lanyard')).toBeTruthy()
      expect(row.querySelector('.log-place')).toBeNull()
    }
  })
})
