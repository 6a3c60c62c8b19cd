// What a project's Appwrite server offers, decided from its version alone (pure: pages and the
// worker share it). The facts and their versions come from docs/appwrite/wire-2x.md sections 1, 3 and 6.
// An unknown version (not yet detected, or not parseable) is treated as the 1.9 line: Lanyard then
// offers only what every supported server has, and never a button the server would refuse.

export interface ServerFeatures {
  /** GET /account/logs: served up to 1.9.x, gone on every 2.x server (wire-2x.md section 3.2). */
  logs: boolean
  /** DELETE /account/sessions?current=false keeps the caller's session (2.4, wire-2x.md section 3.3). */
  oneRequestSignOut: boolean
  /** POST/PUT /account/verifications/email/otp (2.3, wire-2x.md section 3.1). */
  emailOtpVerification: boolean
  /** POST/PUT /account/recovery/otp (2.3, wire-2x.md section 3.1). */
  recoveryCodes: boolean
  /** Connected apps, /account/consents (2.0, wire-2x.md sections 3.1 and 6.8). */
  consents: boolean
  /** /account/passkeys (2.4, wire-2x.md section 3.1). */
  passkeys: boolean
  /** The OAuth2 routes' `state`, passed back unchanged on the success and failure URLs (2.4, wire-2x.md section 3.3). */
  oauth2State: boolean
  /** The default sessions limit per user, the oldest evicted silently; 0 means none (wire-2x.md section 6.1). */
  sessionLimit: number
}

export interface ServerVersion {
  major: number
  minor: number
  patch: number
}

/** "2.7.1" (or "2.7.1-rc.2", "v2.7") as numbers; null for anything else. */
export function parseServerVersion(version: string | undefined): ServerVersion | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version?.trim() ?? '')
  if (!match) return null
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) }
}

function atLeast(version: ServerVersion | null, major: number, minor: number): boolean {
  if (version === null) return false
  return version.major > major || (version.major === major && version.minor >= minor)
}

export function featuresOf(version: string | undefined): ServerFeatures {
  const parsed = parseServerVersion(version)
  const twoX = atLeast(parsed, 2, 0)
  return {
    // Unknown counts as 1.9: the client still treats a 404 on the route as "no log" (src/appwrite/client.ts listLogs).
    logs: !twoX,
    oneRequestSignOut: atLeast(parsed, 2, 4),
    emailOtpVerification: atLeast(parsed, 2, 3),
    recoveryCodes: atLeast(parsed, 2, 3),
    consents: twoX,
    passkeys: atLeast(parsed, 2, 4),
    oauth2State: atLeast(parsed, 2, 4),
    // 1.9.5 and 1.9.6 created projects without a limit; 2.x restored 10 (wire-2x.md section 6.1).
    sessionLimit: twoX ? 10 : 0,
  }
}

/**
 * The `X-Appwrite-Response-Format` to send. Lanyard's schemas are written for the 1.9.0 shapes and
 * read the 2.x additions leniently; no 2.x response filter touches Account, Session, Token, MFA or
 * Identity models (wire-2x.md section 2). On 2.x Lanyard asks for the server's own minor, capped at
 * 2.4.0, the newest line whose models it was checked against ([SPEC 2.4]); a format newer than the
 * server would only earn an `X-Appwrite-Warning`.
 */
export const NEWEST_CHECKED_FORMAT = '2.4.0'
export const LEGACY_RESPONSE_FORMAT = '1.9.0'

export function responseFormatFor(version: string | undefined): string {
  const parsed = parseServerVersion(version)
  if (parsed === null || !atLeast(parsed, 2, 0)) return LEGACY_RESPONSE_FORMAT
  if (atLeast(parsed, 2, 4)) return NEWEST_CHECKED_FORMAT
  return `${parsed.major}.${parsed.minor}.0`
}

/** "Appwrite 2.7.1", as the project's row shows it; empty while unknown. */
export function serverVersionLabel(version: string | undefined): string {
  return version ? `Appwrite ${version}` : ''
}
