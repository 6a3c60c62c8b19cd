// Checks edited preferences the way Appwrite will: a JSON object (not an array, not a string)
// no larger than 65,535 bytes once PHP encodes it (docs/appwrite/wire.md section 3.2).
import { encodedPrefsBytes, MAX_PREFS_BYTES, type Preferences } from '../../shared/protocol.ts'

export { MAX_PREFS_BYTES }

export type PrefsCheck =
  | { ok: true; prefs: Preferences; bytes: number }
  | { ok: false; problem: 'invalidJson'; detail: string; bytes: number }
  | { ok: false; problem: 'notAnObject'; bytes: number }
  | { ok: false; problem: 'tooLarge'; prefs: Preferences; bytes: number }

export function checkPrefs(text: string): PrefsCheck {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: 'invalidJson', detail: error instanceof Error ? error.message : '', bytes: new TextEncoder().encode(text).length }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'notAnObject', bytes: 0 }
  const prefs = value as Preferences
  const bytes = encodedPrefsBytes(prefs)
  return bytes > MAX_PREFS_BYTES ? { ok: false, problem: 'tooLarge', prefs, bytes } : { ok: true, prefs, bytes }
}

export const formatPrefs = (prefs: Preferences): string => JSON.stringify(prefs, null, 2)

/** A key/value edit: the value is read as JSON when it parses, else kept as a string. */
export function withEntry(prefs: Preferences, key: string, rawValue: string): Preferences {
  let value: unknown = rawValue
  try {
    value = JSON.parse(rawValue)
  } catch {
    // Plain text such as `dark` is meant as a string.
  }
  return { ...prefs, [key]: value }
}

export function withoutEntry(prefs: Preferences, key: string): Preferences {
  const { [key]: _removed, ...rest } = prefs
  return rest
}
