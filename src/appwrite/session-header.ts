// How a held session travels (docs/appwrite/wire.md sections 1.1, 1.2, 2.2). The session is the encoded
// `base64({"id":<userId>,"secret":<secret>})` value Appwrite puts in its cookie.

export interface DecodedSession {
  userId: string
  secret: string
}

export function sessionCookieName(projectId: string): string {
  return `a_session_${projectId}`
}

/**
 * Both headers: `X-Appwrite-Session` for 1.5+, `X-Fallback-Cookies` for 1.4 and older
 * (docs/appwrite/wire.md sections 1.5, 1.6). 1.9 reads the first and ignores the second.
 */
export function sessionHeaders(projectId: string, session: string): Record<string, string> {
  return {
    'X-Appwrite-Session': session,
    'X-Fallback-Cookies': JSON.stringify({ [sessionCookieName(projectId)]: session }),
  }
}

export function decodeSession(session: string): DecodedSession | null {
  try {
    const value: unknown = JSON.parse(atob(session))
    if (typeof value !== 'object' || value === null) return null
    const { id, secret } = value as Record<string, unknown>
    if (typeof id !== 'string' || typeof secret !== 'string' || id === '' || secret === '') return null
    return { userId: id, secret }
  } catch {
    return null
  }
}

/**
 * The session a sign-in route handed out, read from the `X-Fallback-Cookies` response header
 * (docs/appwrite/wire.md section 1.4: always sent when the request has no Origin or an extension Origin).
 * Null when absent or not a decodable session.
 */
export function readSessionFromHeaders(headers: Headers, projectId: string): string | null {
  const raw = headers.get('X-Fallback-Cookies')
  if (raw === null) return null
  try {
    const cookies: unknown = JSON.parse(raw)
    if (typeof cookies !== 'object' || cookies === null || Array.isArray(cookies)) return null
    const session = (cookies as Record<string, unknown>)[sessionCookieName(projectId)]
    return typeof session === 'string' && decodeSession(session) !== null ? session : null
  } catch {
    return null
  }
}
