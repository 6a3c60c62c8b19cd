import { describe, expect, it } from 'vitest'
import { inputSchemas, parseInput, parseInputWith } from './input-schemas.ts'

describe('parseInput', () => {
  it('accepts each sign-in method in its own shape', () => {
    expect(parseInput('signIn', { method: 'email-password', projectId: 'p', email: 'a@b.c', password: 'password1' }).ok).toBe(true)
    expect(parseInput('signIn', { method: 'anonymous', projectId: 'p' }).ok).toBe(true)
    expect(parseInput('signIn', { method: 'magic-url', projectId: 'p', link: 'https://x/?userId=u&secret=s' }).ok).toBe(true)
  })

  it('rejects an unknown sign-in method and a missing field', () => {
    expect(parseInput('signIn', { method: 'telepathy', projectId: 'p' })).toMatchObject({ ok: false, error: { type: 'lanyard_invalid_input' } })
    expect(parseInput('signOut', {})).toMatchObject({ ok: false, error: { type: 'lanyard_invalid_input', code: 400 } })
  })

  it('names the field but never echoes the rejected value', () => {
    const result = parseInput('updatePassword', { accountId: 'a', password: 12345678901 })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message).toContain('password')
      expect(result.error.message).not.toContain('12345678901')
    }
  })

  it('bounds numbers and lengths', () => {
    expect(parseInput('listLogs', { accountId: 'a', offset: -1, limit: 25 }).ok).toBe(false)
    expect(parseInput('listLogs', { accountId: 'a', offset: 0, limit: 1000 }).ok).toBe(false)
    expect(parseInput('createJwt', { accountId: 'a', durationSeconds: 3601 }).ok).toBe(false)
    expect(parseInput('updateName', { accountId: 'a', name: 'x'.repeat(10_000) }).ok).toBe(false)
  })

  it('accepts nothing (undefined or null) for void requests and rejects a payload', () => {
    expect(parseInput('getLockStatus', undefined).ok).toBe(true)
    expect(parseInput('getLockStatus', null).ok).toBe(true)
    expect(parseInput('getLockStatus', { sneaky: true }).ok).toBe(false)
  })

  it('rejects prefs that are not an object', () => {
    expect(parseInput('updatePrefs', { accountId: 'a', prefs: ['x'] }).ok).toBe(false)
    expect(parseInput('updatePrefs', { accountId: 'a', prefs: { theme: 'dark' } }).ok).toBe(true)
  })
})

describe('parseInputWith', () => {
  it('accepts the test contract’s requests only where its schemas are added', async () => {
    const { testInputSchemas } = await import('./test-hooks.ts')
    expect(parseInput('getState', undefined)).toMatchObject({ ok: false, error: { type: 'lanyard_unknown_message' } })
    expect(parseInputWith({ ...inputSchemas, ...testInputSchemas })('getState', undefined).ok).toBe(true)
  })
})
