import { describe, expect, it } from 'vitest'
import { assertPrefsFit, encodedPrefsBytes, MAX_PREFS_BYTES } from './prefs-size.ts'

describe('prefs size', () => {
  it("counts like PHP's json_encode: non-ASCII as \\uXXXX, slashes escaped", () => {
    expect(encodedPrefsBytes({ a: 'b' })).toBe('{"a":"b"}'.length)
    expect(encodedPrefsBytes({ a: 'é' })).toBe('{"a":"\\u00e9"}'.length)
    expect(encodedPrefsBytes({ a: '😀' })).toBe('{"a":"\\ud83d\\ude00"}'.length)
    expect(encodedPrefsBytes({ a: 'x/y' })).toBe('{"a":"x\\/y"}'.length)
  })

  it('accepts exactly the limit and rejects one byte more, saying the size and the limit', () => {
    const overhead = encodedPrefsBytes({ k: '' })
    expect(() => assertPrefsFit({ k: 'x'.repeat(MAX_PREFS_BYTES - overhead) })).not.toThrow()
    expect(() => assertPrefsFit({ k: 'x'.repeat(MAX_PREFS_BYTES - overhead + 1) })).toThrow(
      expect.objectContaining({ type: 'lanyard_prefs_too_large', message: expect.stringMatching(/65,536 bytes.*65,535/) }),
    )
  })
})
