// The Security log section's rows: the server's log merged with Lanyard's own activity timeline
// (issue 5). Timeline events become log rows (event `lanyard.<kind>`), so filters, the table and
// CSV export treat both alike. A server without logs (404, docs/appwrite/wire.md section 3.2; Appwrite Cloud and
// versions after 1.9.6) leaves the timeline alone.
import type { ActivityEvent } from '../shared/activity.ts'
import type { Log, LogsPage } from '../shared/protocol.ts'
import { ACTIVITY_EVENT_PREFIX } from './log-entry.ts'

export function activityAsLog(event: ActivityEvent, userId: string): Log {
  return {
    event: `${ACTIVITY_EVENT_PREFIX}${event.kind}`,
    userId,
    userEmail: '',
    userName: '',
    mode: 'lanyard',
    userType: '',
    time: new Date(event.at).toISOString(),
    ip: event.ip ?? '',
    osCode: '',
    osName: event.osName ?? '',
    osVersion: event.osVersion ?? '',
    clientType: '',
    clientCode: '',
    clientName: event.clientName ?? '',
    clientVersion: event.clientVersion ?? '',
    clientEngine: '',
    clientEngineVersion: '',
    deviceName: event.deviceName ?? '',
    deviceBrand: event.deviceBrand ?? '',
    deviceModel: event.deviceModel ?? '',
    countryCode: event.countryCode ?? '',
    countryName: event.countryName ?? '',
  }
}

const timeOf = (log: Log) => Date.parse(log.time.replace(' ', 'T'))

/**
 * The rows of one page, newest first. Where the server keeps logs, a page takes the timeline events
 * from its newest log (the first page: from now) down to the newest log of the next page, which
 * `nextPageNewest` names (the view fetches one log more than it shows); so paging through shows
 * every event exactly once. Without it the page stops at its own oldest log. The last page takes
 * everything older. Where the server keeps no logs, the rows are the whole timeline.
 */
export function mergeLogRows(page: LogsPage, activity: readonly ActivityEvent[], userId: string, nextPageNewest?: Log): Log[] {
  const own = activity.map((event) => activityAsLog(event, userId))
  if (!page.supported) return own.sort((a, b) => timeOf(b) - timeOf(a))
  const times = page.logs.map(timeOf)
  const newest = page.offset === 0 ? Infinity : Math.max(...times)
  const isLast = page.offset + page.logs.length >= page.total
  const oldest = isLast ? -Infinity : nextPageNewest ? timeOf(nextPageNewest) : Math.min(...times)
  const within = own.filter((log) => timeOf(log) <= newest && timeOf(log) > oldest)
  return [...page.logs, ...within].sort((a, b) => timeOf(b) - timeOf(a))
}

/**
 * Where one page's rows sit in the whole merged log, 1-based: the server's own offset plus the
 * timeline events that sorted onto earlier pages (every event lands on exactly one page, see
 * mergeLogRows); the total counts both. Without server logs the page is the whole timeline.
 */
export function mergedRange(page: LogsPage, activity: readonly ActivityEvent[], rowsShown: number): { first: number; last: number; total: number } {
  if (rowsShown === 0) return { first: 0, last: 0, total: page.supported ? page.total + activity.length : activity.length }
  if (!page.supported) return { first: 1, last: rowsShown, total: activity.length }
  const newest = page.offset === 0 ? Infinity : Math.max(...page.logs.map(timeOf))
  const onEarlierPages = activity.filter((event) => event.at > newest).length
  const first = page.offset + onEarlierPages + 1
  return { first, last: first + rowsShown - 1, total: page.total + activity.length }
}
