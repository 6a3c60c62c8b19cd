// The optional permissions "Use in this tab" needs, per mode (docs/tab-identity.md section 1.5). Pages
// request them in the person's click (a user gesture) with the reason shown; the worker checks the
// same set with `permissions.contains` before it touches the tab.
import { endpointOriginPattern } from './origin-pattern.ts'
import type { TabIdentityMode } from './protocol.ts'

export interface PermissionSet {
  permissions: ('cookies' | 'scripting')[]
  origins: string[]
}

/** The permission for one origin, any port: `http://localhost:5173` -> `http://localhost/*`. */
export function appOriginPattern(appOrigin: string): string {
  return endpointOriginPattern(appOrigin)
}

/**
 * Chrome's cookies API checks a Secure cookie against the https URL of its host, also on a plain
 * http loopback endpoint, where Chrome keeps Secure cookies (a run showed `getAll` leaving them out
 * with only `http://127.0.0.1/*`): touching the endpoint's cookies needs both schemes.
 */
function endpointCookieOrigins(endpoint: string): string[] {
  return [endpointOriginPattern(endpoint), `https://${new URL(endpoint).hostname}/*`]
}

/**
 * `fallback` writes the page's localStorage (`scripting` + the app) and clears the endpoint's
 * HttpOnly cookies (`cookies` + the endpoint). `cookie` sets those cookies and needs the app's
 * address. `tab` needs host access to both ends: DNR ignores a rule without access to the
 * request's initiator (docs/tab-identity.md section 1.4).
 */
export function tabIdentityPermissions(mode: TabIdentityMode, appOrigin: string, endpoint: string): PermissionSet {
  if (mode === 'tab') return { permissions: [], origins: unique([appOriginPattern(appOrigin), endpointOriginPattern(endpoint)]) }
  const origins = unique([appOriginPattern(appOrigin), ...endpointCookieOrigins(endpoint)])
  return { permissions: mode === 'fallback' ? ['cookies', 'scripting'] : ['cookies'], origins }
}

/** What reading one endpoint's session cookies needs (to tell which accounts fit a page). */
export function endpointCookiePermissions(endpoint: string): PermissionSet {
  return { permissions: ['cookies'], origins: endpointCookieOrigins(endpoint) }
}

function unique(list: string[]): string[] {
  return [...new Set(list)]
}

/** Loopback apps are the developer's own; any other origin gets the stronger warning. */
export function isLoopbackOrigin(appOrigin: string): boolean {
  const host = new URL(appOrigin).hostname
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}
