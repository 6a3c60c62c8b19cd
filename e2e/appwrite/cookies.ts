// Cookie parsing and the Set-Cookie lines Appwrite (on Swoole) writes (docs/appwrite/wire.md section 1.3).
import { formatCookieDate } from './datetime.ts'

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const name = part.slice(0, eq).trim()
    if (name === '' || cookies.has(name)) continue
    const raw = part.slice(eq + 1).trim()
    try {
      cookies.set(name, decodeURIComponent(raw))
    } catch {
      cookies.set(name, raw)
    }
  }
  return cookies
}

export interface CookieOptions {
  /** `.host` for real domains; none for localhost and IP addresses. */
  domain: string | null
  secure: boolean
  sameSiteNone: boolean
}

export function setCookieLine(name: string, value: string, expiresMs: number, nowMs: number, options: CookieOptions): string {
  const shown = value === '' ? 'deleted' : encodeURIComponent(value)
  const expires = value === '' ? 1000 : expiresMs
  const maxAge = value === '' ? 0 : Math.max(0, Math.round((expiresMs - nowMs) / 1000))
  let line = `${name}=${shown}; expires=${formatCookieDate(expires)}; Max-Age=${maxAge}; path=/`
  if (options.domain) line += `; domain=${options.domain}`
  if (options.secure) line += '; secure'
  line += '; HttpOnly'
  if (options.sameSiteNone) line += '; SameSite=None'
  return line
}

/** The `cookieDomain` resource: none for localhost and IP addresses, else `.<hostname>`. */
export function cookieDomain(hostname: string): string | null {
  if (hostname === 'localhost' || /^[\d.]+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[')) return null
  return `.${hostname}`
}
