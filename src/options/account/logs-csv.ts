// Security log rows as CSV (RFC 4180). Every cell is quoted, so no separator a spreadsheet guesses
// (`,` or `;`) splits one. A cell that a spreadsheet would run as a formula gets a leading
// apostrophe: log fields come from the server and from user agents. "Would run" looks past any
// leading whitespace (non-breaking and ideographic spaces included) and at full-width forms such as
// `＝`, which some spreadsheets read as `=`.
import type { Log } from '../../shared/protocol.ts'

export const LOG_CSV_COLUMNS = ['time', 'event', 'ip', 'countryCode', 'countryName', 'clientName', 'clientVersion', 'osName', 'osVersion', 'deviceName', 'userEmail'] as const

/** `\s` covers U+00A0, U+3000 and U+FEFF; NFKC folds `＝＋－＠` to `=+-@`. */
function startsFormula(value: string): boolean {
  if (/^[\t\r\n]/.test(value)) return true
  return /^[=+\-@]/.test(value.replace(/^\s+/, '').normalize('NFKC'))
}

function cell(value: string): string {
  const safe = startsFormula(value) ? `'${value}` : value
  return `"${safe.replaceAll('"', '""')}"`
}

export function logsToCsv(logs: Log[]): string {
  const lines = [LOG_CSV_COLUMNS.join(',')]
  for (const log of logs) lines.push(LOG_CSV_COLUMNS.map((column) => cell(log[column])).join(','))
  return `${lines.join('\r\n')}\r\n`
}
