// docs/appwrite/mfa.md section 2: each MFA route's parameters, answers and error types, the authenticator's secret
// and URI, challenges by every factor, and recovery codes.
import { URI } from 'otpauth'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { MfaChallengeSchema, MfaFactorsSchema, MfaRecoveryCodesSchema, MfaTypeSchema } from '../../src/appwrite/mfa-models.ts'
import { AccountSchema, SessionSchema } from '../../src/appwrite/models.ts'
import { completeChallenge, createChallenge, currentTotp, enrolTotp, lastMessage, mfaUser, newUser, nextStep, PASSWORD, serverNow, totpAt } from './mfa-testing.ts'
import { demoConfigWith, expectError, newEmail, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version })

  async function recentSession(label: string) {
    const user = await mfaUser(api, label)
    const challengeId = await createChallenge(api, user.half, 'totp')
    await completeChallenge(api, user.half, challengeId, await currentTotp(api, user.secret))
    return user
  }

  describe('PATCH /account/mfa', () => {
    it('takes only a JSON boolean and needs a signed-in user', async () => {
      const { session } = await newUser(api, 'switch')
      const bad = expectError(await api.request('PATCH', '/account/mfa', { session, body: { mfa: 'true' } }), 400, 'general_argument_invalid')
      expect(bad.message).toBe('Invalid `mfa` param: Value must be a valid boolean')
      expectError(await api.request('PATCH', '/account/mfa', { session, body: {} }), 400, 'general_argument_invalid')
      expectError(await api.request('PATCH', '/account/mfa', { body: { mfa: true } }), 401, 'general_unauthorized_scope')
      const on = await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })
      expect(v.parse(AccountSchema, on.json).mfa).toBe(true)
      expect(v.parse(AccountSchema, (await api.request('PATCH', '/account/mfa', { session, body: { mfa: false } })).json).mfa).toBe(false)
    })

    it('lets only an upgraded session turn MFA off, after which password sessions work alone again', async () => {
      const { email, half, secret } = await mfaUser(api, 'off')
      expectError(await api.request('PATCH', '/account/mfa', { session: half, body: { mfa: false } }), 401, 'user_more_factors_required')
      await completeChallenge(api, half, await createChallenge(api, half, 'totp'), await currentTotp(api, secret))
      expect((await api.request('PATCH', '/account/mfa', { session: half, body: { mfa: false } })).status).toBe(200)
      expect((await api.request('GET', '/account', { session: await api.signIn(email, PASSWORD) })).status).toBe(200)
    })
  })

  describe('TOTP authenticator (docs/appwrite/mfa.md 2.1)', () => {
    it('answers 200 with a 103-char base32 secret and an otpauth URI any RFC 6238 app can read', async () => {
      const { email, session } = await newUser(api, 'uri')
      const response = await api.request('POST', '/account/mfa/authenticators/totp', { session })
      expect(response.status).toBe(200)
      const { secret, uri } = v.parse(MfaTypeSchema, response.json)
      expect(secret).toMatch(/^[A-Z2-7]{103}$/)
      expect(uri).toBe(`otpauth://totp/Demo%20project%3A${encodeURIComponent(email)}?issuer=Demo%20project&secret=${secret}`)
      const parsed = URI.parse(uri)
      expect(parsed).toMatchObject({ issuer: 'Demo project', label: email, algorithm: 'SHA1', digits: 6, period: 30 })
      expect(parsed.secret.base32).toBe(secret)
    })

    it('replaces an unverified authenticator with a new secret and refuses a second verified one', async () => {
      const { session } = await newUser(api, 'replace')
      const first = (await api.request('POST', '/account/mfa/authenticators/totp', { session })).json as { secret: string }
      const second = (await api.request('POST', '/account/mfa/authenticators/totp', { session })).json as { secret: string }
      expect(second.secret).not.toBe(first.secret)
      expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: await currentTotp(api, first.secret) } }), 401, 'user_invalid_token')
      expect((await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: await currentTotp(api, second.secret) } })).status).toBe(200)
      expectError(await api.request('POST', '/account/mfa/authenticators/totp', { session }), 409, 'user_authenticator_already_verified')
      expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: '123456' } }), 409, 'user_authenticator_already_verified')
    })

    it('validates type and otp, and answers 404 without an authenticator', async () => {
      const { session } = await newUser(api, 'params')
      expectError(await api.request('POST', '/account/mfa/authenticators/sms', { session }), 400, 'general_argument_invalid')
      expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: '' } }), 400, 'general_argument_invalid')
      expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: 'x'.repeat(257) } }), 400, 'general_argument_invalid')
      expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: '123456' } }), 404, 'user_authenticator_not_found')
    })

    it('accepts only the code of the current 30-second step, by the server clock', async () => {
      const { session } = await newUser(api, 'step')
      const { secret } = (await api.request('POST', '/account/mfa/authenticators/totp', { session })).json as { secret: string }
      await nextStep(api)
      const now = await serverNow(api)
      for (const other of [now - 30_000, now + 30_000]) {
        expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: totpAt(secret, other) } }), 401, 'user_invalid_token')
      }
      expect((await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: totpAt(secret, now) } })).status).toBe(200)
    })

    it('fails with 500 for a user without an email', async () => {
      const anonymous = await api.request('POST', '/account/sessions/anonymous')
      const session = (JSON.parse(anonymous.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo'] ?? ''
      expectError(await api.request('POST', '/account/mfa/authenticators/totp', { session }), 500, 'general_unknown')
    })

    it('deletes the authenticator only: MFA stays on and sessions keep their factors', async () => {
      const { half } = await recentSession('delete')
      expect((await api.request('DELETE', '/account/mfa/authenticators/totp', { session: half })).status).toBe(204)
      expectError(await api.request('DELETE', '/account/mfa/authenticators/totp', { session: half }), 404, 'user_authenticator_not_found')
      const account = v.parse(AccountSchema, (await api.request('GET', '/account', { session: half })).json)
      expect(account.mfa).toBe(true)
      expect(((await api.request('GET', '/account/sessions/current', { session: half })).json as { factors: string[] }).factors).toEqual(['password', 'totp'])
      expect(v.parse(MfaFactorsSchema, (await api.request('GET', '/account/mfa/factors', { session: half })).json).totp).toBe(false)
    })
  })

  describe('challenges (docs/appwrite/mfa.md 2.2)', () => {
    it(v2 ? 'rejects a challenge completed after its one-hour expiry' : 'completes a challenge even after its expiry (1.9.6 never reads it)', async () => {
      const { half, secret } = await mfaUser(api, 'late')
      const challengeId = await createChallenge(api, half, 'totp')
      await api.dev('POST', '/__dev/clock', { offsetMs: 3_601_000 })
      const late = await completeChallenge(api, half, challengeId, await currentTotp(api, secret))
      if (v2) expectError(late, 401, 'user_invalid_token')
      else expect(late.status).toBe(200)
    })

    it(v2 ? 'lists the custom factor as on when the project enables it' : 'has no custom factor, whatever the config says', async () => {
      const custom = await startTestServer({ version, config: demoConfigWith({ auths: { mfaFactors: { custom: true } } }) })
      try {
        const { session } = await newUser(custom, 'custom')
        const factors = (await custom.request('GET', '/account/mfa/factors', { session })).json as Record<string, unknown>
        if (v2) expect(factors['custom']).toBe(true)
        else expect(factors).not.toHaveProperty('custom')
      } finally {
        await custom.close()
      }
    })

    it('emails a 6-digit code to a verified email and completes with it; a failed try keeps the challenge', async () => {
      const ada = await api.signIn('ada@example.com')
      const created = await api.request('POST', '/account/mfa/challenge', { session: ada, body: { factor: 'email' } })
      expect(created.status).toBe(201)
      const challenge = v.parse(MfaChallengeSchema, created.json)
      expect(Date.parse(challenge.expire) - Date.parse(challenge.$createdAt)).toBe(3_600_000)
      expect(created.json).not.toHaveProperty('code')
      const message = await lastMessage(api, 'ada@example.com')
      expect(message).toMatchObject({ channel: 'email', kind: 'mfa-challenge', subject: 'Verification Code for Demo project' })
      expect(message.secret).toMatch(/^\d{6}$/)
      const wrong = message.secret === '000000' ? '000001' : '000000'
      expectError(await completeChallenge(api, ada, challenge.$id, wrong), 401, 'user_invalid_token')
      const done = await completeChallenge(api, ada, challenge.$id, message.secret)
      expect(v.parse(SessionSchema, done.json).factors).toEqual(['password', 'email'])
    })

    it('texts a bare 6-digit code to a verified phone', async () => {
      const phone = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
      const token = (await api.request('POST', '/account/tokens/phone', { body: { userId: 'unique()', phone } })).json as { userId: string }
      const signedIn = await api.request('POST', '/account/sessions/token', { body: { userId: token.userId, secret: (await lastMessage(api, phone)).secret } })
      const session = (JSON.parse(signedIn.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo'] ?? ''
      const challengeId = await createChallenge(api, session, 'phone')
      const sms = await lastMessage(api, phone)
      expect(sms).toMatchObject({ channel: 'sms', kind: 'mfa-challenge' })
      expect(sms.secret).toMatch(/^\d{6}$/)
      expect(sms.text).toBe(sms.secret)
      // A phone session already has the phone factor: the second must differ (docs/appwrite/mfa.md 1.4).
      expect(v.parse(SessionSchema, (await completeChallenge(api, session, challengeId, sms.secret)).json).factors).toEqual(['phone'])
    })

    it('checks email and phone preconditions with their error types', async () => {
      const { session } = await newUser(api, 'pre')
      expectError(await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'email' } }), 400, 'user_email_not_verified')
      expectError(await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'phone' } }), 400, 'user_phone_not_found')
      const anonymous = await api.request('POST', '/account/sessions/anonymous')
      const guest = (JSON.parse(anonymous.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo'] ?? ''
      expectError(await api.request('POST', '/account/mfa/challenges', { session: guest, body: { factor: 'email' } }), 400, 'user_email_not_found')
      // ada has a phone that is not verified.
      const ada = await api.signIn('ada@example.com')
      expectError(await api.request('POST', '/account/mfa/challenges', { session: ada, body: { factor: 'phone' } }), 400, 'user_phone_not_verified')
      expectError(await api.request('POST', '/account/mfa/challenges', { body: { factor: 'totp' } }), 401, 'general_unauthorized_scope')
    })

    it('answers 503 when the server has no SMTP or SMS', async () => {
      const bare = await startTestServer({ version, config: demoConfigWith({ smtp: false, sms: false }) })
      try {
        const ada = await bare.signIn('ada@example.com')
        expectError(await bare.request('POST', '/account/mfa/challenges', { session: ada, body: { factor: 'email' } }), 503, 'general_smtp_disabled')
        expectError(await bare.request('POST', '/account/mfa/challenges', { session: ada, body: { factor: 'phone' } }), 503, 'general_phone_disabled')
      } finally {
        await bare.close()
      }
    })

    it('validates factor case-insensitively but completes only the exact spellings', async () => {
      const { session, secret } = await (async () => {
        const user = await newUser(api, 'casing')
        return { session: user.session, secret: await enrolTotp(api, user.session) }
      })()
      const bad = expectError(await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'sms' } }), 400, 'general_argument_invalid')
      expect(bad.message).toBe('Invalid `factor` param: Value must be one of (email, phone, totp, recoverycode)')
      const upper = await createChallenge(api, session, 'TOTP')
      expectError(await completeChallenge(api, session, upper, await currentTotp(api, secret)), 401, 'user_invalid_token')
      const codes = ((await api.request('POST', '/account/mfa/recovery-codes', { session })).json as { recoveryCodes: string[] }).recoveryCodes
      const lower = await createChallenge(api, session, 'recoverycode')
      expectError(await completeChallenge(api, session, lower, codes[0] ?? ''), 401, 'user_invalid_token')
      const exact = await createChallenge(api, session, 'recoveryCode')
      expect((await completeChallenge(api, session, exact, codes[0] ?? '')).status).toBe(200)
    })

    it('accepts the code of an unverified authenticator, and fails with 500 without one', async () => {
      const { session } = await newUser(api, 'unverified')
      const none = await createChallenge(api, session, 'totp')
      expectError(await completeChallenge(api, session, none, '123456'), 500, 'general_unknown')
      const { secret } = (await api.request('POST', '/account/mfa/authenticators/totp', { session })).json as { secret: string }
      const challengeId = await createChallenge(api, session, 'totp')
      expect((await completeChallenge(api, session, challengeId, await currentTotp(api, secret))).status).toBe(200)
    })

    it('validates challengeId and otp', async () => {
      const { session } = await newUser(api, 'putparams')
      expectError(await api.request('PUT', '/account/mfa/challenges', { session, body: { otp: '123456' } }), 400, 'general_argument_invalid')
      expectError(await completeChallenge(api, session, 'x', ''), 400, 'general_argument_invalid')
      expectError(await completeChallenge(api, session, 'unknown', '123456'), 401, 'user_invalid_token')
    })

    it('limits challenges to 10 per user and answers per challenge to 10 an hour', async () => {
      const limited = await startTestServer({ version, rateLimits: true })
      try {
        const email = newEmail('limits')
        await limited.request('POST', '/account', { body: { userId: 'unique()', email, password: PASSWORD } })
        const session = await limited.signIn(email, PASSWORD)
        let challengeId = ''
        for (let i = 0; i < 10; i++) {
          const created = await limited.request('POST', '/account/mfa/challenges', { session, body: { factor: 'recoveryCode' } })
          expect(created.status).toBe(201)
          challengeId = (created.json as { $id: string }).$id
        }
        expectError(await limited.request('POST', '/account/mfa/challenges', { session, body: { factor: 'recoveryCode' } }), 429, 'general_rate_limit_exceeded')
        for (let i = 0; i < 10; i++) expectError(await completeChallenge(limited, session, challengeId, 'wrong'), 401, 'user_invalid_token')
        expectError(await completeChallenge(limited, session, challengeId, 'wrong'), 429, 'general_rate_limit_exceeded')
      } finally {
        await limited.close()
      }
    })
  })

  describe('recovery codes (docs/appwrite/mfa.md 2.3, 2.4)', () => {
    it('creates six 10-hex codes once; each works once; after all six, factors show none and POST works again', async () => {
      const { session } = await newUser(api, 'sixcodes')
      const created = await api.request('POST', '/account/mfa/recovery-codes', { session })
      expect(created.status).toBe(201)
      const codes = v.parse(MfaRecoveryCodesSchema, created.json).recoveryCodes
      expect(codes).toHaveLength(6)
      for (const code of codes) expect(code).toMatch(/^[0-9a-f]{10}$/)
      expectError(await api.request('POST', '/account/mfa/recovery-codes', { session }), 409, 'user_recovery_codes_already_exists')
      expect(v.parse(MfaFactorsSchema, (await api.request('GET', '/account/mfa/factors', { session })).json).recoveryCode).toBe(true)
      for (const code of codes) {
        expect((await completeChallenge(api, session, await createChallenge(api, session, 'recoveryCode'), code)).status).toBe(200)
        expectError(await completeChallenge(api, session, await createChallenge(api, session, 'recoveryCode'), code), 401, 'user_invalid_token')
      }
      expect(v.parse(MfaFactorsSchema, (await api.request('GET', '/account/mfa/factors', { session })).json).recoveryCode).toBe(false)
      expectError(await api.request('GET', '/account/mfa/recovery-codes', { session }), 404, 'user_recovery_codes_not_found')
      expect((await api.request('POST', '/account/mfa/recovery-codes', { session })).status).toBe(201)
    })

    it('reads the same codes and regenerates new ones after a recent challenge; old codes stop working', async () => {
      const { half } = await recentSession('regen')
      const codes = ((await api.request('POST', '/account/mfa/recovery-codes', { session: half })).json as { recoveryCodes: string[] }).recoveryCodes
      expect((await api.request('GET', '/account/mfa/recovery-codes', { session: half })).json).toEqual({ recoveryCodes: codes })
      const renewed = await api.request('PATCH', '/account/mfa/recovery-codes', { session: half })
      expect(renewed.status).toBe(200)
      const fresh = v.parse(MfaRecoveryCodesSchema, renewed.json).recoveryCodes
      expect(fresh).toHaveLength(6)
      expect(fresh.some((code) => codes.includes(code))).toBe(false)
      expectError(await completeChallenge(api, half, await createChallenge(api, half, 'recoveryCode'), codes[0] ?? ''), 401, 'user_invalid_token')
      expect((await completeChallenge(api, half, await createChallenge(api, half, 'recoveryCode'), fresh[0] ?? '')).status).toBe(200)
    })

    it('lists factors: email and phone only when set and verified', async () => {
      const { session } = await newUser(api, 'factors')
      expect((await api.request('GET', '/account/mfa/factors', { session })).json).toEqual({ totp: false, phone: false, email: false, recoveryCode: false, ...(v2 ? { custom: false } : {}) })
      const ada = await api.signIn('ada@example.com')
      expect((await api.request('GET', '/account/mfa/factors', { session: ada })).json).toMatchObject({ email: true, phone: false })
    })
  })
})
