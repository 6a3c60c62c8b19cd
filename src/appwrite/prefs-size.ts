// PATCH /account/prefs rejects prefs longer than 65,535 bytes once PHP's json_encode has encoded
// them (docs/appwrite/wire.md section 3.2). PHP escapes every non-ASCII UTF-16 unit as `\uXXXX` and `/` as `\/`,
// so we count the same way: never lower than the server's count, so we never send what it rejects.
import { lanyardError } from './errors.ts'
import type { Preferences } from './models.ts'

export const MAX_PREFS_BYTES = 65_535

export function encodedPrefsBytes(prefs: Preferences): number {
  const json = JSON.stringify(prefs)
  let bytes = 0
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i)
    bytes += unit > 0x7f ? 6 : unit === 0x2f ? 2 : 1
  }
  return bytes
}

export function assertPrefsFit(prefs: Preferences): void {
  const bytes = encodedPrefsBytes(prefs)
  if (bytes > MAX_PREFS_BYTES) {
    throw lanyardError(
      'lanyard_prefs_too_large',
      `These preferences take ${bytes.toLocaleString('en')} bytes when encoded; Appwrite accepts at most ${MAX_PREFS_BYTES.toLocaleString('en')}. Remove or shorten some values.`,
    )
  }
}
