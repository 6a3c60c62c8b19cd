import { describe, expect, it } from 'vitest'
import { hostOf, initials, parseAppwriteTime, relativeTime } from './format.ts'

describe('format', () => {
  it('takes initials from the name, else from the email', () => {
    expect(initials('Alice Liddell', 'a@x.io')).toBe('AL')
    expect(initials('  ', 'zed@x.io')).toBe('Z')
    expect(initials('', '')).toBe('?')
  })

  it('reads Appwrite datetimes and treats "" as never', () => {
    expect(parseAppwriteTime('2026-01-02T10:00:00.000+00:00')).toBe(Date.parse('2026-01-02T10:00:00Z'))
    expect(parseAppwriteTime('2026-01-02 10:00:00.000')).not.toBeNull()
    expect(parseAppwriteTime('')).toBeNull()
  })

  it('says how long ago in the largest whole unit', () => {
    const now = Date.parse('2026-01-02T10:00:00Z')
    expect(relativeTime(now - 3 * 60_000, now)).toBe('3 minutes ago')
    expect(relativeTime(now - 2 * 3_600_000, now)).toBe('2 hours ago')
    expect(relativeTime(now - 5_000, now)).toBe('now')
  })

  it('shows the endpoint host with its port', () => {
    expect(hostOf('http://127.0.0.1:8080/v1')).toBe('127.0.0.1:8080')
  })
})
