// The Security log's filters, over rows as people read them (src/ui/log-entry.ts): an event matches
// by its human name or its raw name, so both "signed in" and "session.create" find a sign-in.
import type { Log } from '../../shared/protocol.ts'
import type { LogEntry } from '../../ui/log-entry.ts'

export interface LogFilter {
  event: string
  ip: string
  country: string
  unfamiliarOnly: boolean
}

export interface DescribedLog {
  log: Log
  entry: LogEntry
}

export const NO_FILTER: LogFilter = { event: '', ip: '', country: '', unfamiliarOnly: false }

/** Case-insensitive "contains" on each filled field; country matches its code or its name. */
export function filterLogs(rows: DescribedLog[], filter: LogFilter): DescribedLog[] {
  const event = filter.event.trim().toLowerCase()
  const ip = filter.ip.trim().toLowerCase()
  const country = filter.country.trim().toLowerCase()
  if (!event && !ip && !country && !filter.unfamiliarOnly) return rows
  return rows.filter(
    ({ log, entry }) =>
      (log.event.toLowerCase().includes(event) || entry.name.toLowerCase().includes(event)) &&
      log.ip.toLowerCase().includes(ip) &&
      (country === '' || log.countryCode.toLowerCase() === country || log.countryName.toLowerCase().includes(country)) &&
      (!filter.unfamiliarOnly || entry.unfamiliar),
  )
}
