// `Utopia\Auth\Store`: a session travels as base64(JSON {"id":<userId>,"secret":<secret>})
// in the cookie, in X-Appwrite-Session and in X-Fallback-Cookies (docs/appwrite/wire.md section 1.2).

export interface StoredSession {
  id: string
  secret: string
}

export function encodeSession(userId: string, secret: string): string {
  return Buffer.from(JSON.stringify({ id: userId, secret })).toString('base64')
}

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Lenient like `Store::decode`: strict base64, then JSON; anything else gives null (an empty store).
 * A value "counts" when it has an id or a secret, even if they are wrong (docs/appwrite/wire.md section 1.1).
 */
export function decodeSession(value: string): StoredSession | null {
  if (value === '' || !STRICT_BASE64.test(value)) return null
  let data: unknown
  try {
    data = JSON.parse(Buffer.from(value, 'base64').toString('utf8'))
  } catch {
    return null
  }
  if (typeof data !== 'object' || data === null) return null
  const { id, secret } = data as Record<string, unknown>
  const session = { id: typeof id === 'string' ? id : '', secret: typeof secret === 'string' ? secret : '' }
  return session.id === '' && session.secret === '' ? null : session
}

/** PHP's json_encode escapes `/`, so the X-Fallback-Cookies header carries base64 `/` as `\/`. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/')
}
