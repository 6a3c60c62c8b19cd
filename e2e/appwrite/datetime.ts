// Appwrite writes datetimes as `Y-m-d\TH:i:s.vP` in UTC, e.g. `2026-07-22T10:15:30.123+00:00`,
// and `""` for "never" (docs/appwrite/wire.md section 4).

export function formatDatetime(ms: number | null): string {
  if (ms === null) return ''
  return `${new Date(ms).toISOString().slice(0, 23)}+00:00`
}

/** The body of PATCH /account/sessions/{id} carries `expire` as `Y-m-d H:i:s.v` (docs/appwrite/wire.md section 10). */
export function formatDatabaseDatetime(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
}

/** `expires=` attribute of a cookie, as PHP writes it: `Thu, 26-Nov-2027 18:00:00 GMT`. */
export function formatCookieDate(ms: number): string {
  return new Date(ms).toUTCString().replace(/ (\d{2}) (\w{3}) (\d{4}) /, ' $1-$2-$3 ')
}

export const SECOND_MS = 1000
export const MINUTE_MS = 60 * SECOND_MS
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
