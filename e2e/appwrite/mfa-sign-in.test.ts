// docs/appwrite/mfa.md section 1: which sessions must finish a second factor, what they may still do, and how a
// completed challenge upgrades the session in place.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { SessionSchema } from '../../src/appwrite/models.ts'
import { completeChallenge, createChallenge, currentTotp, enrolTotp, lastMessage, mfaUser, newUser, PASSWORD, signInWithMock } from './mfa-testing.ts'
import { DEMO_API_KEY, expectError, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version })

  describe('who needs a second factor (docs/appwrite/mfa.md 1.1)', () => {
    it('asks nothing more while MFA is on but no factor is verified; recovery codes do not count', async () => {
      const { email, session } = await newUser(api, 'nofactor')
      expect((await api.request('POST', '/account/mfa/recovery-codes', { session })).status).toBe(201)
      expect((await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })).status).toBe(200)
      const again = await api.signIn(email, PASSWORD)
      expect((await api.request('GET', '/account', { session: again })).status).toBe(200)
    })

    it('counts a verified email as a factor', async () => {
      // ada's email is verified in the demo data.
      const ada = await api.signIn('ada@example.com')
      expect((await api.request('PATCH', '/account/mfa', { session: ada, body: { mfa: true } })).status).toBe(200)
      const half = await api.signIn('ada@example.com')
      expectError(await api.request('GET', '/account', { session: half }), 401, 'user_more_factors_required')
      expect((await api.request('PATCH', '/account/mfa', { session: ada, body: { mfa: false } })).status).toBe(200)
      expect((await api.request('GET', '/account', { session: half })).status).toBe(200)
    })

    it('refuses every route outside the mfa group, sign-in and JWT routes included, with user_more_factors_required', async () => {
      const { email, half } = await mfaUser(api, 'gated')
      const gated: [string, string, unknown?][] = [
        ['GET', '/account'], ['GET', '/account/prefs'], ['GET', '/account/sessions'], ['GET', '/account/sessions/current'],
        ['DELETE', '/account/sessions'], ...(v2 ? [] : [['GET', '/account/logs'] as [string, string]]), ['PATCH', '/account/mfa', { mfa: false }], ['POST', '/account/jwts'],
        ['GET', '/account/identities'], ['POST', '/account/mfa/recovery-codes'], ['GET', '/account/mfa/recovery-codes'],
        // The factor check comes before the session group's user_session_already_exists.
        ['POST', '/account/sessions/email', { email, password: PASSWORD }],
      ]
      // An unknown route runs the same check before its 404.
      const unknown = await api.request('GET', '/account/nothing', { session: half })
      expect(unknown.status).toBe(401)
      expect(unknown.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(unknown.text).toContain('user_more_factors_required')
      for (const [method, path, body] of gated) {
        expectError(await api.request(method, path, { session: half, body }), 401, 'user_more_factors_required')
      }
      expect((await api.request('GET', '/account/mfa/factors', { session: half })).json).toEqual({ totp: true, phone: false, email: false, recoveryCode: false, ...(v2 ? { custom: false } : {}) })
      expect((await api.request('POST', '/account/mfa/challenge', { session: half, body: { factor: 'totp' } })).status).toBe(201)
    })

    it('re-evaluates on every request: enabling elsewhere gates other sessions, losing the last factor frees them', async () => {
      const { email, session } = await newUser(api, 'reeval')
      const other = await api.signIn(email, PASSWORD)
      const jwt = ((await api.request('POST', '/account/jwts', { session: other })).json as { jwt: string }).jwt
      const secret = await enrolTotp(api, session)
      await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })
      expectError(await api.request('GET', '/account', { session: other }), 401, 'user_more_factors_required')
      // A JWT carries no session, so the factor check is skipped (docs/appwrite/mfa.md 1.1).
      expect((await api.request('GET', '/account', { headers: { 'X-Appwrite-JWT': jwt } })).status).toBe(200)

      const challengeId = await createChallenge(api, session, 'totp')
      expect((await completeChallenge(api, session, challengeId, await currentTotp(api, secret))).status).toBe(200)
      expect((await api.request('DELETE', '/account/mfa/authenticators/totp', { session })).status).toBe(204)
      expect((await api.request('GET', '/account', { session: other })).status).toBe(200)
    })

    it('does not check API-key requests', async () => {
      const { userId } = await mfaUser(api, 'keyed')
      expect((await api.request('GET', `/users/${userId}`, { headers: { 'X-Appwrite-Key': DEMO_API_KEY } })).status).toBe(200)
    })
  })

  describe('factors a new session starts with (docs/appwrite/mfa.md 1.2, 1.3)', () => {
    it('gives a password sign-in 201 with factors ["password"] and an empty mfaUpdatedAt, even with MFA on', async () => {
      const { email } = await mfaUser(api, 'pw')
      const response = await api.request('POST', '/account/sessions/email', { body: { email, password: PASSWORD } })
      expect(response.status).toBe(201)
      expect(response.headers.get('x-fallback-cookies')).toMatch(/a_session_demo/)
      const session = v.parse(SessionSchema, response.json)
      expect(session.factors).toEqual(['password'])
      expect(session.mfaUpdatedAt).toBe('')
    })

    it(v2 ? 'gives anonymous and email-OTP sessions one factor, and OAuth2 sessions (token or cookie) two' : 'gives anonymous, email-OTP and OAuth2-token sessions one factor, and OAuth2 cookie sessions two', async () => {
      const anonymous = await api.request('POST', '/account/sessions/anonymous')
      expect(v.parse(SessionSchema, anonymous.json).factors).toEqual(['anonymous'])

      const { email } = await newUser(api, 'otp')
      const token = (await api.request('POST', '/account/tokens/email', { body: { userId: 'unique()', email } })).json as { userId: string }
      const code = (await lastMessage(api, email)).secret
      const otp = await api.request('POST', '/account/sessions/token', { body: { userId: token.userId, secret: code } })
      expect(v.parse(SessionSchema, otp.json).factors).toEqual(['email'])

      expect((await signInWithMock(api)).factors).toEqual(v2 ? ['email', 'oauth2'] : ['email'])
    })

    it('keeps a second email factor from counting for an email-token session (docs/appwrite/mfa.md 1.4)', async () => {
      const { email, session } = await newUser(api, 'sameemail')
      const token = (await api.request('POST', '/account/tokens/email', { body: { userId: 'unique()', email } })).json as { userId: string }
      const viaOtp = (await api.request('POST', '/account/sessions/token', { body: { userId: token.userId, secret: (await lastMessage(api, email)).secret } }))
      const otpSession = (JSON.parse(viaOtp.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo'] ?? ''
      await enrolTotp(api, session)
      await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })
      expectError(await api.request('GET', '/account', { session: otpSession }), 401, 'user_more_factors_required')
      const challengeId = await createChallenge(api, otpSession, 'email')
      const done = await completeChallenge(api, otpSession, challengeId, (await lastMessage(api, email)).secret)
      expect(v.parse(SessionSchema, done.json).factors).toEqual(['email'])
      expectError(await api.request('GET', '/account', { session: otpSession }), 401, 'user_more_factors_required')
    })

    it('lets a half-signed-in session delete itself or another session by id, but not list or delete all', async () => {
      const { half, full } = await mfaUser(api, 'signout')
      const fullId = ((await api.request('GET', '/account/sessions/current', { session: full })).json as { $id: string }).$id
      expectError(await api.request('GET', `/account/sessions/${fullId}`, { session: half }), 401, 'user_more_factors_required')
      expect((await api.request('DELETE', `/account/sessions/${fullId}`, { session: half })).status).toBe(204)
      expect((await api.request('DELETE', '/account/sessions/current', { session: half })).status).toBe(204)
      expectError(await api.request('GET', '/account', { session: half }), 401, 'general_unauthorized_scope')
    })
  })

  describe('upgrading a session (docs/appwrite/mfa.md 1.4)', () => {
    it('adds the factor to the calling session without a new secret or cookie, and deletes the challenge', async () => {
      const { half, secret } = await mfaUser(api, 'upgrade')
      const challengeId = await createChallenge(api, half, 'totp')
      const code = await currentTotp(api, secret)
      const response = await completeChallenge(api, half, challengeId, code)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-fallback-cookies')).toBeNull()
      expect(response.headers.getSetCookie()).toEqual([])
      const body = response.json as Record<string, unknown>
      expect(body).toMatchObject({ current: false, countryName: '', secret: '', factors: ['password', 'totp'] })
      expect(body['mfaUpdatedAt']).not.toBe('')
      const current = (await api.request('GET', '/account/sessions/current', { session: half })).json as Record<string, unknown>
      expect(current['$id']).toBe(body['$id'])
      expect(current['mfaUpdatedAt']).toBe(body['mfaUpdatedAt'])
      // Used once, the challenge is gone.
      expectError(await completeChallenge(api, half, challengeId, code), 401, 'user_invalid_token')
    })

    it('lets any session of the user complete a challenge, but not another user', async () => {
      const { half, full, secret } = await mfaUser(api, 'owner')
      const { session: stranger } = await newUser(api, 'stranger')
      const challengeId = await createChallenge(api, full, 'totp')
      expectError(await completeChallenge(api, stranger, challengeId, await currentTotp(api, secret)), 401, 'user_invalid_token')
      expect((await completeChallenge(api, half, challengeId, await currentTotp(api, secret))).status).toBe(200)
      expect((await api.request('GET', '/account', { session: half })).status).toBe(200)
    })

    it('gives the enabling session every verified factor, and the verifying session totp, without mfaUpdatedAt', async () => {
      const grace = await api.signIn('grace@example.com')
      const { secret } = (await api.request('POST', '/account/mfa/authenticators/totp', { session: grace })).json as { secret: string }
      await api.request('PUT', '/account/mfa/authenticators/totp', { session: grace, body: { otp: await currentTotp(api, secret) } })
      let current = (await api.request('GET', '/account/sessions/current', { session: grace })).json as { factors: string[]; mfaUpdatedAt: string }
      expect(current).toMatchObject({ factors: ['password', 'totp'], mfaUpdatedAt: '' })
      await api.request('PATCH', '/account/mfa', { session: grace, body: { mfa: true } })
      current = (await api.request('GET', '/account/sessions/current', { session: grace })).json as { factors: string[]; mfaUpdatedAt: string }
      // grace's email is verified in the demo data.
      expect(current).toMatchObject({ factors: ['password', 'totp', 'email'], mfaUpdatedAt: '' })
    })
  })

  describe('recent challenge (docs/appwrite/mfa.md 1.5)', () => {
    it('needs a challenge completed by this session within 1800 s, checked in group order', async () => {
      const { half, full, secret } = await mfaUser(api, 'recent')
      expectError(await api.request('GET', '/account/mfa/recovery-codes'), 401, 'general_unauthorized_scope')
      expectError(await api.request('GET', '/account/mfa/recovery-codes', { session: half }), 401, 'user_more_factors_required')
      expectError(await api.request('GET', '/account/mfa/recovery-codes', { session: full }), 401, 'user_challenge_required')
      expectError(await api.request('DELETE', '/account/mfa/authenticators/totp', { session: full }), 401, 'user_challenge_required')

      const challengeId = await createChallenge(api, half, 'totp')
      await completeChallenge(api, half, challengeId, await currentTotp(api, secret))
      // Another session's challenge does not count for this one.
      expectError(await api.request('PATCH', '/account/mfa/recovery-codes', { session: full }), 401, 'user_challenge_required')
      expectError(await api.request('PATCH', '/account/mfa/recovery-codes', { session: half }), 404, 'user_recovery_codes_not_found')
      await api.dev('POST', '/__dev/clock', { offsetMs: 1_790_000 })
      expectError(await api.request('GET', '/account/mfa/recovery-codes', { session: half }), 404, 'user_recovery_codes_not_found')
      await api.dev('POST', '/__dev/clock', { offsetMs: 15_000 })
      expectError(await api.request('GET', '/account/mfa/recovery-codes', { session: half }), 401, 'user_challenge_required')
      expectError(await api.request('DELETE', '/account/mfa/authenticators/totp', { session: half }), 401, 'user_challenge_required')
    })
  })
})
