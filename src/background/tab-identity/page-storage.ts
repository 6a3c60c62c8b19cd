// The Web SDK keeps a cross-site session in the page's `localStorage.cookieFallback`, a JSON map
// `{"a_session_<pid>": "<encoded>"}`, and sends it on every request (docs/tab-identity.md section 1.1).
// These functions run inside the tab (`scripting.executeScript`, the ISOLATED world shares the
// page's localStorage): each must be self-contained, and none returns a secret except the
// value read before a change, which the worker seals at once.
import type { WorkerBrowser } from '../browser.ts'

const KEY = 'cookieFallback'

function readRaw(key: string): string | null {
  return localStorage.getItem(key)
}

/** Writes one project's entry, keeping the others. */
function writeFallbackEntry(key: string, entryName: string, encoded: string): void {
  const previous = localStorage.getItem(key)
  let map: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(previous ?? '{}')
    // After a sign-out the SDK stores `[]` (docs/appwrite/wire.md section 1.4): that is an empty map.
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) map = parsed as Record<string, unknown>
  } catch {
    map = {}
  }
  localStorage.setItem(key, JSON.stringify({ ...map, [entryName]: encoded }))
}

function putBackFallback(key: string, previous: string | null): void {
  if (previous === null) localStorage.removeItem(key)
  else localStorage.setItem(key, previous)
}

/** Which projects the page holds a session for, and as which user: names and user ids only. */
function readFallbackUsers(key: string): { entryName: string; userId: string | null }[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(localStorage.getItem(key) ?? '{}')
  } catch {
    return []
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return []
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([name]) => name.startsWith('a_session_'))
    .map(([entryName, value]) => {
      try {
        const id = (JSON.parse(atob(String(value))) as { id?: unknown }).id
        return { entryName, userId: typeof id === 'string' ? id : null }
      } catch {
        return { entryName, userId: null }
      }
    })
}

async function runInTab<A extends unknown[], R>(browser: WorkerBrowser, tabId: number, func: (...args: A) => R, args: A): Promise<R> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, func, args })
  return frame?.result as R
}

/** The whole current value, to be sealed at once; `null` when there is none. */
export async function readFallback(browser: WorkerBrowser, tabId: number): Promise<string | null> {
  return (await runInTab(browser, tabId, readRaw, [KEY])) ?? null
}

export function writeFallback(browser: WorkerBrowser, tabId: number, entryName: string, encoded: string): Promise<void> {
  return runInTab(browser, tabId, writeFallbackEntry, [KEY, entryName, encoded])
}

export function restoreFallback(browser: WorkerBrowser, tabId: number, previous: string | null): Promise<void> {
  return runInTab(browser, tabId, putBackFallback, [KEY, previous])
}

export async function fallbackUsers(browser: WorkerBrowser, tabId: number): Promise<{ entryName: string; userId: string | null }[]> {
  return (await runInTab(browser, tabId, readFallbackUsers, [KEY])) ?? []
}
