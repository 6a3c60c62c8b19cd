// Who is calling (docs/appwrite/wire.md section 1.1): cookie `a_session_<pid>` (or `_legacy`), then
// X-Appwrite-Session, then X-Fallback-Cookies; a session that does not verify makes a guest.
// Then X-Appwrite-JWT, which must not come with a session, and X-Appwrite-Key.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import { is2x } from './config.ts'
import type { Caller } from './context.ts'
import { parseCookies } from './cookies.ts'
import { DAY_MS } from './datetime.ts'
import { AppwriteError } from './errors.ts'
import { sha256 } from './ids.ts'
import { decodeJwt, JwtError } from './jwt.ts'
import { decodeSession, type StoredSession } from './session-codec.ts'
import type { ProjectState, ServerState, SessionRecord, UserRecord } from './state.ts'

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name]
  return typeof value === 'string' ? value : ''
}

function readStore(req: IncomingMessage, projectId: string, headers: OutgoingHttpHeaders): StoredSession | null {
  const cookieName = `a_session_${projectId}`
  if (req.headers.cookie) {
    const cookies = parseCookies(req.headers.cookie)
    const fromCookie = decodeSession(cookies.get(cookieName) ?? cookies.get(`${cookieName}_legacy`) ?? '')
    if (fromCookie) return fromCookie
  }
  const fromHeader = decodeSession(header(req, 'x-appwrite-session'))
  if (fromHeader) return fromHeader
  const fallback = header(req, 'x-fallback-cookies')
  if (fallback === '') {
    // With no session input at all, 1.9.6 adds the header a second time: two `X-Debug-Fallback: false` lines.
    if (!req.headers.cookie && req.headers['x-appwrite-session'] === undefined) headers['X-Debug-Fallback'] = ['false', 'false']
    return null
  }
  let map: unknown
  try {
    map = JSON.parse(fallback)
  } catch {
    return null
  }
  const value = typeof map === 'object' && map !== null ? (map as Record<string, unknown>)[cookieName] : undefined
  const fromFallback = typeof value === 'string' ? decodeSession(value) : null
  if (fromFallback) headers['X-Debug-Fallback'] = 'true'
  return fromFallback
}

/** `sessionVerify`: sha256(secret) must match a session of the user that has not expired. */
export function verifySession(user: UserRecord, secret: string, now: number): SessionRecord | null {
  const hash = sha256(secret)
  return user.sessions.find((session) => session.secretHash === hash && session.expire > now) ?? null
}

export function resolveCaller(state: ServerState, project: ProjectState, req: IncomingMessage, now: number, headers: OutgoingHttpHeaders): Caller {
  const caller: Caller = { user: null, session: null, viaJwt: false, key: null }
  const store = readStore(req, project.id, headers)
  if (store) {
    const user = project.users.get(store.id)
    const session = user ? verifySession(user, store.secret, now) : null
    if (user && session) {
      caller.user = user
      caller.session = session
    }
  }

  const jwt = header(req, 'x-appwrite-jwt')
  if (jwt !== '') {
    if (caller.user) throw new AppwriteError('user_jwt_and_cookie_set')
    let claims: Record<string, unknown>
    try {
      claims = decodeJwt(jwt, now, state.jwtKey)
    } catch (error) {
      if (!(error instanceof JwtError)) throw error
      throw new AppwriteError('user_jwt_invalid', `Failed to verify JWT. ${error.message}`)
    }
    const user = typeof claims['userId'] === 'string' ? project.users.get(claims['userId']) : undefined
    // 2.x (and 1.9.7+) also refuse a JWT whose session has expired (docs/appwrite/wire-2x.md section 2).
    const liveSince = is2x(state.config.version) ? now : -Infinity
    if (user && user.sessions.some((session) => session.id === claims['sessionId'] && session.expire > liveSince)) {
      caller.user = user
      caller.viaJwt = true
    }
  }

  const key = header(req, 'x-appwrite-key')
  if (key !== '') caller.key = project.config.keys.find((candidate) => candidate.secret === key) ?? null

  // `accessedAt` is refreshed at most once a day (APP_USER_ACCESS).
  if (caller.user && now - caller.user.accessedAt > DAY_MS) {
    caller.user.accessedAt = now
    state.touch()
  }
  return caller
}
