// The project's session cookies on the endpoint, in every partition and under both names
// (docs/appwrite/wire.md section 1.3). A validly encoded cookie beats every header, even a stale one (docs/appwrite/wire.md
// section 1.1), so "Use in this tab" clears them all, and "Restore" sets each saved record back
// with all its attributes (docs/tab-identity.md sections 1.3, 1.6).
import type { CookieRecord, WorkerBrowser } from '../browser.ts'

export function sessionCookieName(appwriteProjectId: string): string {
  return `a_session_${appwriteProjectId}`
}

function isSessionCookie(cookie: CookieRecord, appwriteProjectId: string): boolean {
  const name = sessionCookieName(appwriteProjectId)
  return cookie.name === name || cookie.name === `${name}_legacy`
}

/** The URL a cookie record belongs to: the endpoint's scheme and host, the cookie's path. */
function cookieUrl(endpoint: string, cookie: Pick<CookieRecord, 'path'>): string {
  const url = new URL(endpoint)
  return `${url.protocol}//${url.host}${cookie.path}`
}

/** `partitionKey: {}` lists partitioned and unpartitioned cookies alike. */
export async function listSessionCookies(browser: WorkerBrowser, endpoint: string, appwriteProjectId: string): Promise<CookieRecord[]> {
  const all = await browser.cookies.getAll({ url: new URL(endpoint).origin, partitionKey: {} })
  return all.filter((cookie) => isSessionCookie(cookie, appwriteProjectId))
}

/** Removes every session cookie of the project, each in its own partition. */
export async function clearSessionCookies(browser: WorkerBrowser, endpoint: string, appwriteProjectId: string): Promise<void> {
  for (const cookie of await listSessionCookies(browser, endpoint, appwriteProjectId)) {
    await browser.cookies.remove({
      url: cookieUrl(endpoint, cookie),
      name: cookie.name,
      storeId: cookie.storeId,
      ...(cookie.partitionKey ? { partitionKey: cookie.partitionKey } : {}),
    })
  }
}

/** Sets a saved record again exactly: host-only stays host-only, a session cookie stays one. */
export async function putBackCookie(browser: WorkerBrowser, endpoint: string, cookie: CookieRecord): Promise<void> {
  await browser.cookies.set({
    url: cookieUrl(endpoint, cookie),
    name: cookie.name,
    value: cookie.value,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    storeId: cookie.storeId,
    ...(cookie.hostOnly ? {} : { domain: cookie.domain }),
    ...(cookie.session || cookie.expirationDate === undefined ? {} : { expirationDate: cookie.expirationDate }),
    ...(cookie.partitionKey ? { partitionKey: cookie.partitionKey } : {}),
  })
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

function isIpAddress(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[')
}

/**
 * Appwrite's own cookie for the endpoint (docs/tab-identity.md section 1.2 table): host-only for
 * localhost and IPs, `.host` otherwise; Secure + SameSite=None where Chrome allows it (https and
 * loopback), else Lax; a browser-session cookie, so nothing of it outlives the browser.
 */
export function borrowedCookie(endpoint: string, appwriteProjectId: string, session: string): chrome.cookies.SetDetails {
  const url = new URL(endpoint)
  const secure = url.protocol === 'https:' || isLoopbackHost(url.hostname)
  const hostOnly = url.hostname === 'localhost' || isIpAddress(url.hostname)
  return {
    url: `${url.protocol}//${url.host}/`,
    name: sessionCookieName(appwriteProjectId),
    value: session,
    path: '/',
    httpOnly: true,
    secure,
    sameSite: secure ? 'no_restriction' : 'lax',
    ...(hostOnly ? {} : { domain: `.${url.hostname}` }),
  }
}

/** The user id in an encoded session, `base64({"id","secret"})` (docs/appwrite/wire.md section 1.2); never the secret. */
export function userIdOfSession(encoded: string): string | null {
  try {
    const decoded = JSON.parse(atob(encoded)) as { id?: unknown }
    return typeof decoded.id === 'string' && decoded.id !== '' ? decoded.id : null
  } catch {
    return null
  }
}
