// Creating and ending sessions: the record, the sessions limit, cookies and X-Fallback-Cookies
// (docs/appwrite/wire.md sections 1.2 to 1.4, 3.1).
import { audit } from './audit.ts'
import type { Context } from './context.ts'
import { cookieDomain, setCookieLine } from './cookies.ts'
import { randomHex, SESSION_SECRET_CHARS, sha256, uniqueId } from './ids.ts'
import { sessionModel } from './models.ts'
import { encodeSession, phpJson } from './session-codec.ts'
import type { SessionRecord, UserRecord } from './state.ts'

export interface NewSession {
  provider: string
  factors: string[]
  providerUid?: string
  providerAccessToken?: string
  providerAccessTokenExpiry?: number | null
  /** 2.x `duration` of email sign-in; default the project's session length. */
  durationSec?: number
}

function sessionCookies(ctx: Context, value: string, expire: number): void {
  const name = `a_session_${ctx.project.id}`
  const options = { domain: cookieDomain(ctx.hostname), secure: false }
  // Only the main cookie gets SameSite=None; the legacy one has no SameSite (docs/appwrite/wire.md section 1.3).
  ctx.cookies.push(
    setCookieLine(`${name}_legacy`, value, expire, ctx.now, { ...options, sameSiteNone: false }),
    setCookieLine(name, value, expire, ctx.now, { ...options, sameSiteNone: true }),
  )
}

/** Creates the session, sets cookies and the fallback header, and returns the 201 body. */
export function startSession(ctx: Context, user: UserRecord, input: NewSession) {
  const secret = randomHex(SESSION_SECRET_CHARS)
  const expire = ctx.now + (input.durationSec ?? ctx.project.config.durationSec) * 1000
  const session: SessionRecord = {
    id: uniqueId(),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expire,
    provider: input.provider,
    providerUid: input.providerUid ?? '',
    providerAccessToken: input.providerAccessToken ?? '',
    providerAccessTokenExpiry: input.providerAccessTokenExpiry ?? null,
    providerRefreshToken: '',
    secretHash: sha256(secret),
    ip: ctx.ip,
    device: ctx.device,
    countryCode: ctx.countryCode,
    factors: input.factors,
    mfaUpdatedAt: null,
  }
  // The oldest sessions make room once the user is at the project's limit; 0 is no limit.
  const limit = ctx.project.config.sessionsLimit
  if (limit > 0 && user.sessions.length >= limit) {
    user.sessions.sort((a, b) => a.createdAt - b.createdAt)
    user.sessions.splice(0, user.sessions.length - limit + 1)
  }
  user.sessions.push(session)
  user.accessedAt = ctx.now
  audit(ctx, user, 'session.create')
  ctx.state.touch()

  const encoded = encodeSession(user.id, secret)
  sessionCookies(ctx, encoded, expire)
  if (!ctx.domainVerification) ctx.headers['X-Fallback-Cookies'] = phpJson({ [`a_session_${ctx.project.id}`]: encoded })
  return sessionModel(session, user.id, { current: true, secret: ctx.caller.key ? encoded : '' })
}

/** Logout: both cookies set to `deleted` in the past, and `X-Fallback-Cookies: []`. */
export function endCurrentSession(ctx: Context): void {
  const name = `a_session_${ctx.project.id}`
  const options = { domain: cookieDomain(ctx.hostname), secure: false }
  ctx.cookies.push(
    setCookieLine(`${name}_legacy`, '', 0, ctx.now, { ...options, sameSiteNone: false }),
    setCookieLine(name, '', 0, ctx.now, { ...options, sameSiteNone: true }),
  )
  if (!ctx.domainVerification) ctx.headers['X-Fallback-Cookies'] = '[]'
}

export function isCurrent(ctx: Context, session: SessionRecord): boolean {
  return ctx.caller.session?.id === session.id
}
