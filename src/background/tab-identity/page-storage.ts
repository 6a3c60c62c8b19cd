// The Web SDK keeps a cross-site session in the page's `localStorage.cookieFallback`, a JSON map
// `{"a_session_<pid>": "<encoded>"}`, and sends it on every request (docs/tab-identity.md section 1.1).
// These functions run inside the tab (`scripting.executeScript`, the ISOLATED world shares the
// page's localStorage): each must be self-contained, and none returns a secret except the
// value read before a change, which the worker seals at once.
//
// Every function that reads or writes the session first checks `location.origin` itself, and does
// nothing on a mismatch: the tab may have moved on since the worker looked. A write during "Use in
// this tab" is also bound to the very document that was read (`documentIds`, Chromium), so even a
// reload or a same-origin navigation in between writes nothing.
import type { WorkerBrowser } from '../browser.ts'
import { WorkerError } from '../errors.ts'

const KEY = 'cookieFallback'

/** What an injected function answers: its value, or the origin it found instead of the expected one. */
type InPage<R> = { value: R } | { moved: string }

function readRaw(expectedOrigin: string, key: string): InPage<string | null> {
  if (location.origin !== expectedOrigin) return { moved: location.origin }
  return { value: localStorage.getItem(key) }
}

/** Writes one project's entry, keeping the others. */
function writeFallbackEntry(expectedOrigin: string, key: string, entryName: string, encoded: string): InPage<null> {
  if (location.origin !== expectedOrigin) return { moved: location.origin }
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
  return { value: null }
}

function putBackFallback(expectedOrigin: string, key: string, previous: string | null): InPage<null> {
  if (location.origin !== expectedOrigin) return { moved: location.origin }
  if (previous === null) localStorage.removeItem(key)
  else localStorage.setItem(key, previous)
  return { value: null }
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

/** A tab's top-level document as checked: its origin, and its id where the browser names documents (not Firefox). */
export interface PageDocument {
  tabId: number
  origin: string
  documentId?: string
}

export function tabMoved(expected: string, found: string | null): WorkerError {
  const now = found === null ? 'another page' : found
  return WorkerError.of(
    'lanyard_tab_moved',
    409,
    `This tab moved on (it now shows ${now}, not the page of ${expected} that Lanyard checked), so nothing was written. Open Lanyard again and choose once more.`,
  )
}

/**
 * Runs `func(expectedOrigin, ...args)` in the document: bound to its id when known, so another
 * document (after a navigation or a reload) is never reached; a moved page answers `lanyard_tab_moved`.
 */
async function runInDocument<A extends unknown[], R>(
  browser: WorkerBrowser,
  page: PageDocument,
  func: (expectedOrigin: string, ...args: A) => InPage<R>,
  args: A,
): Promise<{ value: R; documentId?: string }> {
  const target = page.documentId === undefined ? { tabId: page.tabId } : { tabId: page.tabId, documentIds: [page.documentId] }
  let frames: { result?: InPage<R>; documentId?: string }[]
  try {
    frames = await browser.scripting.executeScript({ target, func, args: [page.origin, ...args] })
  } catch (error) {
    // The bound document is gone: whatever the tab shows now, it is not the page that was checked.
    if (page.documentId !== undefined) throw tabMoved(page.origin, null)
    throw error
  }
  const [frame] = frames
  const result = frame?.result
  if (result === undefined) throw tabMoved(page.origin, null)
  if ('moved' in result) throw tabMoved(page.origin, result.moved)
  return frame?.documentId === undefined ? { value: result.value } : { value: result.value, documentId: frame.documentId }
}

/**
 * The whole current value, to be sealed at once (`null` when there is none), and the document it
 * was read from, to which the write that follows is bound.
 */
export async function readFallback(browser: WorkerBrowser, tabId: number, origin: string): Promise<{ value: string | null; page: PageDocument }> {
  const { value, documentId } = await runInDocument(browser, { tabId, origin }, readRaw, [KEY])
  return { value, page: documentId === undefined ? { tabId, origin } : { tabId, origin, documentId } }
}

export async function writeFallback(browser: WorkerBrowser, page: PageDocument, entryName: string, encoded: string): Promise<void> {
  await runInDocument(browser, page, writeFallbackEntry, [KEY, entryName, encoded])
}

/** Only into a page of the recorded origin: a tab that moved on gets nothing. */
export async function restoreFallback(browser: WorkerBrowser, tabId: number, origin: string, previous: string | null): Promise<void> {
  await runInDocument(browser, { tabId, origin }, putBackFallback, [KEY, previous])
}

export async function fallbackUsers(browser: WorkerBrowser, tabId: number): Promise<{ entryName: string; userId: string | null }[]> {
  return (await runInTab(browser, tabId, readFallbackUsers, [KEY])) ?? []
}
