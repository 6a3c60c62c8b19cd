import { describe, expect, it } from 'vitest'
import type { ActivityEvent } from '../shared/activity.ts'
import type { Log, LogsPage } from '../shared/protocol.ts'
import { isActivityRow } from './log-entry.ts'
import { activityAsLog, mergedRange, mergeLogRows } from './log-rows.ts'

const at = (minute: number) => Date.UTC(2026, 10, 26, 12, minute)
const serverLog = (minute: number): Log => ({ ...activityAsLog({ at: at(minute), kind: 'signedIn', sessionId: 's' }, 'u1'), event: 'session.create', mode: 'client' })
const event = (minute: number, kind: ActivityEvent['kind'] = 'sessionFirstSeen'): ActivityEvent => ({ at: at(minute), kind, sessionId: `s${minute}`, ip: '10.0.0.1' })
const page = (logs: Log[], offset: number, total: number): LogsPage => ({ supported: true, logs, offset, limit: logs.length, total })

describe('log rows', () => {
  it('shows the timeline alone, newest first, where the server keeps no logs', () => {
    const rows = mergeLogRows({ supported: false, logs: [], offset: 0, limit: 25, total: 0 }, [event(1), event(3, 'revoked')], 'u1')
    expect(rows.map((r) => r.event)).toEqual(['lanyard.revoked', 'lanyard.sessionFirstSeen'])
    expect(rows.every(isActivityRow)).toBe(true)
    expect(rows[0]).toMatchObject({ ip: '10.0.0.1', userId: 'u1', time: new Date(at(3)).toISOString() })
  })

  it('places each timeline event on exactly one server page, the gaps between pages included', () => {
    const activity = [event(0), event(15), event(25), event(40)]
    const first = mergeLogRows(page([serverLog(30), serverLog(20)], 0, 4), activity, 'u1', serverLog(10))
    const last = mergeLogRows(page([serverLog(10), serverLog(5)], 2, 4), activity, 'u1')
    expect(first.map((r) => r.time)).toEqual([at(40), at(30), at(25), at(20), at(15)].map((t) => new Date(t).toISOString()))
    expect(last.map((r) => r.time)).toEqual([at(10), at(5), at(0)].map((t) => new Date(t).toISOString()))
    expect([...first, ...last].filter(isActivityRow)).toHaveLength(activity.length)
  })

  it('without the next page, a page stops at its own oldest log', () => {
    const rows = mergeLogRows(page([serverLog(30), serverLog(20)], 0, 4), [event(15), event(25)], 'u1')
    expect(rows.filter(isActivityRow).map((r) => r.time)).toEqual([new Date(at(25)).toISOString()])
  })

  it('does not mistake a server event for one of Lanyard', () => {
    expect(isActivityRow(serverLog(1))).toBe(false)
  })

  it('counts every merged row: the range and the total include the timeline events, page by page', () => {
    const activity = [event(0), event(15), event(25), event(40)]
    const firstPage = page([serverLog(30), serverLog(20)], 0, 4)
    const lastPage = page([serverLog(10), serverLog(5)], 2, 4)
    const first = mergeLogRows(firstPage, activity, 'u1', serverLog(10))
    const last = mergeLogRows(lastPage, activity, 'u1')
    expect(mergedRange(firstPage, activity, first.length)).toEqual({ first: 1, last: 5, total: 8 })
    expect(mergedRange(lastPage, activity, last.length)).toEqual({ first: 6, last: 8, total: 8 })
    expect(mergedRange({ supported: false, logs: [], offset: 0, limit: 25, total: 0 }, activity, 4)).toEqual({ first: 1, last: 4, total: 4 })
  })
})
