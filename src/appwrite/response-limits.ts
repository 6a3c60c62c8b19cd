// Limits no real Appwrite answer reaches (issue 17 item 4), so a hostile or broken server cannot fill
// the extension's storage (storage.local holds 10 MB for every project together) or break the
// worker's structuredClone and JSON.stringify with deep nesting. A breach is
// `lanyard_response_too_large`, and nothing from that answer is kept.
import { lanyardError, type AppwriteError } from './errors.ts'
import { encodedPrefsBytes, MAX_PREFS_BYTES } from './prefs-size.ts'
import type { Preferences } from './models.ts'

/**
 * The largest body read. Appwrite's largest account answers: an account with 65,535 bytes of prefs,
 * a session list at the project's limit (100) of about 1.5 kB each, a page of 25 logs.
 */
export const MAX_RESPONSE_BYTES = 512 * 1024
/** PHP's json_encode stops at depth 512 (its default), so Appwrite never sends deeper JSON. */
export const MAX_JSON_DEPTH = 512
/** A user's sessions are capped at 100 by the project's "sessions limit"; lists Lanyard asks for are pages of fewer. */
export const MAX_LIST_ITEMS = 100

function tooLarge(host: string, what: string): AppwriteError {
  return lanyardError(
    'lanyard_response_too_large',
    `${host} sent ${what}, more than any Appwrite server sends. Nothing of it was kept. Check the endpoint, or ask the project's owner.`,
  )
}

/**
 * The body as text, read chunk by chunk: past `maxBytes` the read stops and the stream is
 * cancelled, so an endless or huge body never sits in memory whole.
 */
export async function readCappedText(response: Response, host: string, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  const declared = Number(response.headers.get('Content-Length') ?? '')
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(host, `an answer of ${declared.toLocaleString('en')} bytes`)
  }
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let bytes = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    bytes += value.byteLength
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(host, `an answer over ${maxBytes.toLocaleString('en')} bytes`)
    }
    text += decoder.decode(value, { stream: true })
  }
}

/** Nesting depth of a JSON text, counted in one pass without recursion (strings and escapes skipped). */
export function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: the next unit is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth)
    else if (c === 0x7d || c === 0x5d) depth--
  }
  return deepest
}

export function assertDepthFits(text: string, host: string): void {
  const depth = jsonDepth(text)
  if (depth > MAX_JSON_DEPTH) throw tooLarge(host, `JSON nested ${depth.toLocaleString('en')} levels deep (Appwrite stops at ${MAX_JSON_DEPTH})`)
}

/** Appwrite's list answers are `{ total, <items>: [...] }`: every array beside `total` is checked. */
export function assertListsFit(json: unknown, host: string): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('total' in json)) return
  for (const [name, value] of Object.entries(json)) {
    if (Array.isArray(value) && value.length > MAX_LIST_ITEMS) {
      throw tooLarge(host, `a list of ${value.length.toLocaleString('en')} ${name} (at most ${MAX_LIST_ITEMS} are expected)`)
    }
  }
}

/** Appwrite refuses to store prefs over 65,535 encoded bytes, so it never sends more either. */
export function assertServerPrefsFit(prefs: Preferences, host: string): void {
  const bytes = encodedPrefsBytes(prefs)
  if (bytes > MAX_PREFS_BYTES) {
    throw tooLarge(host, `preferences of ${bytes.toLocaleString('en')} bytes (Appwrite stores at most ${MAX_PREFS_BYTES.toLocaleString('en')})`)
  }
}
