import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { wireAccount, wireLog, wireSession, wireToken } from './fake-fetch.ts'
import { AccountSchema, ErrorSchema, LogListSchema, PreferencesSchema, SessionListSchema, SessionSchema, TokenSchema } from './models.ts'

describe('response schemas', () => {
  it('drop secret, providerAccessToken and providerRefreshToken from sessions', () => {
    const session = v.parse(SessionSchema, wireSession())
    expect(session).not.toHaveProperty('secret')
    expect(session).not.toHaveProperty('providerAccessToken')
    expect(session).not.toHaveProperty('providerRefreshToken')
    expect(session.$id).toBe('sess1')
    const list = v.parse(SessionListSchema, { total: 1, sessions: [wireSession()] })
    expect(JSON.stringify(list)).not.toMatch(/wire-secret|provider-access|provider-refresh/)
  })

  it('drop secret from tokens but keep userId and phrase', () => {
    const token = v.parse(TokenSchema, wireToken({ secret: 'token-secret', phrase: 'Golden Fox' }))
    expect(token).toEqual(expect.objectContaining({ userId: 'user1', phrase: 'Golden Fox' }))
    expect(token).not.toHaveProperty('secret')
  })

  it('require every field the spec requires', () => {
    const { factors: _f, ...noFactors } = wireSession()
    expect(v.safeParse(SessionSchema, noFactors).success).toBe(false)
    const { targets: _t, ...noTargets } = wireAccount()
    expect(v.safeParse(AccountSchema, noTargets).success).toBe(false)
    const { phrase: _p, ...noPhrase } = wireToken()
    expect(v.safeParse(TokenSchema, noPhrase).success).toBe(false)
    expect(v.safeParse(LogListSchema, { logs: [wireLog()] }).success).toBe(false)
  })

  it('reject wrong types', () => {
    expect(v.safeParse(AccountSchema, wireAccount({ status: 'true' })).success).toBe(false)
    expect(v.safeParse(SessionListSchema, { total: 1.5, sessions: [] }).success).toBe(false)
    expect(v.safeParse(LogListSchema, { total: 1, logs: [wireLog({ time: 'yesterday' })] }).success).toBe(false)
  })

  it('accept empty datetimes and the PATCH session form without offset', () => {
    expect(v.safeParse(AccountSchema, wireAccount({ passwordUpdate: '', accessedAt: '' })).success).toBe(true)
    expect(v.safeParse(SessionSchema, wireSession({ expire: '2027-07-22 10:15:30.123' })).success).toBe(true)
  })

  it('accept the optional 1.9.6 email fields and impersonator fields, and leave unknown fields out', () => {
    const account = v.parse(AccountSchema, wireAccount({
      emailCanonical: 'a@example.com', emailIsFree: null, emailIsDisposable: false, impersonator: false,
      impersonatorUserId: null, password: 'hash-that-must-not-travel', somethingNew: 1,
    }))
    expect(account.emailIsDisposable).toBe(false)
    expect(account).not.toHaveProperty('password')
    expect(account).not.toHaveProperty('somethingNew')
  })

  it("accept 2.x's passwordPwned as true, false or null (docs/appwrite/wire-2x.md section 4)", () => {
    for (const passwordPwned of [true, false, null]) expect(v.parse(AccountSchema, wireAccount({ passwordPwned })).passwordPwned).toBe(passwordPwned)
    expect(v.parse(AccountSchema, wireAccount())).not.toHaveProperty('passwordPwned')
  })

  it('take prefs as an object but never as an array', () => {
    expect(v.safeParse(PreferencesSchema, { theme: 'dark', n: [1] }).success).toBe(true)
    expect(v.safeParse(PreferencesSchema, []).success).toBe(false)
    expect(v.safeParse(PreferencesSchema, 'x').success).toBe(false)
  })

  it('read the error code as a number whether Appwrite sends an int or the documented string', () => {
    expect(v.parse(ErrorSchema, { message: 'm', code: 404, type: 't', version: '1.9.6' }).code).toBe(404)
    expect(v.parse(ErrorSchema, { message: 'm', code: '404', type: 't', version: '1.9.6' }).code).toBe(404)
    expect(v.safeParse(ErrorSchema, { message: 'm', code: 404, type: 't' }).success).toBe(false)
  })
})
