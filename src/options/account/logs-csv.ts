// Security log rows as CSV (RFC 4180 quoting). Cells that a spreadsheet would run as a formula
// get a leading apostrophe: log fields come from the server and from user agents.
import type { Log } from '../../shared/protocol.ts'

export const LOG_CSV_COLUMNS = ['time', 'event', 'ip', 'countryCode', 'countryName', 'clientName', 'clientVersion', 'osName', 'osVersion', 'deviceName', 'userEmail'] as const

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function logsToCsv(logs: Log[]): string {
  const lines = [LOG_CSV_COLUMNS.join(',')]
  for (const log of logs) lines.push(LOG_CSV_COLUMNS.map((column) => cell(log[column])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

export interface LogFilter {
  event: string
  ip: string
  country: string
}

/** Case-insensitive "contains" on each filled field; country matches its code or its name. */
export function filterLogs(logs: Log[], filter: LogFilter): Log[] {
  const event = filter.event.trim().toLowerCase()
  const ip = filter.ip.trim().toLowerCase()
  const country = filter.country.trim().toLowerCase()
  if (!event && !ip && !country) return logs
  return logs.filter(
    (log) =>
      log.event.toLowerCase().includes(event) &&
      log.ip.toLowerCase().includes(ip) &&
      (country === '' || log.countryCode.toLowerCase() === country || log.countryName.toLowerCase().includes(country)),
  )
}
