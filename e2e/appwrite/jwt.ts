// HS256 JWTs as adhocore/jwt writes them: header {"typ":"JWT","alg":"HS256"}, `exp` added from
// the max age (docs/appwrite/wire.md section 2.3). Used for X-Appwrite-JWT and for the OAuth2 token secret.
import { createHmac, timingSafeEqual } from 'node:crypto'

const HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

function sign(data: string, key: Buffer): string {
  return createHmac('sha256', key).update(data).digest('base64url')
}

export function encodeJwt(payload: Record<string, unknown>, maxAgeSec: number, nowMs: number, key: Buffer): string {
  const body = base64url(JSON.stringify({ ...payload, exp: Math.floor(nowMs / 1000) + maxAgeSec }))
  return `${HEADER}.${body}.${sign(`${HEADER}.${body}`, key)}`
}

/** The adhocore/jwt messages, so that `Failed to verify JWT. <reason>` reads like Appwrite's. */
export class JwtError extends Error {}

export function decodeJwt(token: string, nowMs: number, key: Buffer): Record<string, unknown> {
  const parts = token.split('.')
  if (parts.length < 3) throw new JwtError('Invalid token: Incomplete segments')
  const [header, body, signature] = parts as [string, string, string]
  let headerData: unknown
  let payload: unknown
  try {
    headerData = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    throw new JwtError('Invalid token: Corrupt header or payload')
  }
  if (typeof headerData !== 'object' || headerData === null || (headerData as Record<string, unknown>)['alg'] !== 'HS256') {
    throw new JwtError('Invalid token: Missing header algo')
  }
  const expected = Buffer.from(sign(`${header}.${body}`, key))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new JwtError('Invalid token: Signature failed')
  if (typeof payload !== 'object' || payload === null) throw new JwtError('Invalid token: Corrupt header or payload')
  const claims = payload as Record<string, unknown>
  if (typeof claims['exp'] === 'number' && Math.floor(nowMs / 1000) >= claims['exp']) throw new JwtError('Invalid token: Expired')
  return claims
}
