// MFA as Appwrite 1.9.6's own e2e tests describe it (docs/appwrite/mfa.md section 5), plus email challenges.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSchema, SessionSchema } from '../../src/appwrite/models.ts'
import type { OutboxMessage } from './outbox.ts'
import { expectError, newEmail, suiteServer, APPWRITE_VERSIONS } from './testing.ts'
import { newTotpSecret, totpCode, totpMatches } from './totp.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version })

  async function serverNow(): Promise<number> {
    return Date.parse(((await api.dev('GET', '/__dev/clock')).json as { now: string }).now)
  }

  /** The code of the server's current step, moving the clock past a step boundary that is too close. */
  async function currentCode(secret: string): Promise<string> {
    let now = await serverNow()
    if (now % 30_000 > 27_000) {
      await api.dev('POST', '/__dev/clock', { offsetMs: 30_000 - (now % 30_000) + 100 })
      now = await serverNow()
    }
    return totpCode(secret, now)
  }

  async function newUser(label: string): Promise<{ email: string; session: string }> {
    const email = newEmail(label)
    await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
    return { email, session: await api.signIn(email, 'password-123') }
  }

  describe('TOTP', () => {
    it('computes RFC 6238 codes', () => {
      // RFC 6238 appendix B, SHA1, T = 59 s: 94287082 (8 digits).
      const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
      expect(totpCode(secret, 59_000, 8)).toBe('94287082')
      expect(totpCode(secret, 1_111_111_109_000, 8)).toBe('07081804')
      expect(totpCode(secret, 59_000)).toBe('287082')
    })

    it('makes 103-character secrets and accepts only the current step', () => {
      const secret = newTotpSecret()
      expect(secret).toMatch(/^[A-Z2-7]{103}$/)
      const now = 1_700_000_015_000
      expect(totpMatches(secret, totpCode(secret, now), now)).toBe(true)
      expect(totpMatches(secret, totpCode(secret, now - 30_000), now)).toBe(false)
      expect(totpMatches(secret, totpCode(secret, now + 30_000), now)).toBe(false)
    })

    it('enrols an authenticator, then needs a second factor for new password sessions', async () => {
      const { email, session } = await newUser('totp')
      expect((await api.request('GET', '/account/mfa/factors', { session })).json).toEqual({ totp: false, phone: false, email: false, recoveryCode: false, ...(v2 ? { custom: false } : {}) })
      const created = await api.request('POST', '/account/mfa/authenticators/totp', { session })
      expect(created.status).toBe(200)
      const { secret, uri } = created.json as { secret: string; uri: string }
      expect(secret).toMatch(/^[A-Z2-7]{103}$/)
      expect(uri).toBe(`otpauth://totp/Demo%20project%3A${encodeURIComponent(email)}?issuer=Demo%20project&secret=${secret}`)
      expect(((await api.request('GET', '/account/mfa/factors', { session })).json as { totp: boolean }).totp).toBe(false)

      expectError(await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: '000000x' } }), 401, 'user_invalid_token')
      const verified = await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: await currentCode(secret) } })
      expect(verified.status).toBe(200)
      v.parse(AccountSchema, verified.json)
      expectError(await api.request('POST', '/account/mfa/authenticators/totp', { session }), 409, 'user_authenticator_already_verified')

      const enabled = await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })
      expect(v.parse(AccountSchema, enabled.json).mfa).toBe(true)
      expect((await api.request('GET', '/account', { session })).status).toBe(200)

      const second = await api.signIn(email, 'password-123')
      expectError(await api.request('GET', '/account', { session: second }), 401, 'user_more_factors_required')
      expectError(await api.request('GET', '/account/sessions', { session: second }), 401, 'user_more_factors_required')
      const challenge = await api.request('POST', '/account/mfa/challenges', { session: second, body: { factor: 'totp' } })
      expect(challenge.status).toBe(201)
      const challengeId = (challenge.json as { $id: string }).$id
      expectError(await api.request('PUT', '/account/mfa/challenges', { session: second, body: { challengeId, otp: '123' } }), 401, 'user_invalid_token')
      const completed = await api.request('PUT', '/account/mfa/challenge', { session: second, body: { challengeId, otp: await currentCode(secret) } })
      expect(completed.status).toBe(200)
      const upgraded = v.parse(SessionSchema, completed.json)
      expect(upgraded.factors).toEqual(['password', 'totp'])
      expect(upgraded.mfaUpdatedAt).not.toBe('')
      expect(upgraded.current).toBe(false)
      expect((await api.request('GET', '/account', { session: second })).status).toBe(200)
    })

    it('lets a half-signed-in session sign out', async () => {
      const { email, session } = await newUser('half')
      const { secret } = (await api.request('POST', '/account/mfa/authenticators/totp', { session })).json as { secret: string }
      await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: await currentCode(secret) } })
      await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })
      const half = await api.signIn(email, 'password-123')
      expect((await api.request('DELETE', '/account/sessions/current', { session: half })).status).toBe(204)
    })
  })

  describe('recovery codes and recent challenges', () => {
    it('needs a recent challenge to read or renew the codes and to delete the authenticator', async () => {
      const { session } = await newUser('codes')
      const created = await api.request('POST', '/account/mfa/recovery-codes', { session })
      expect(created.status).toBe(201)
      const codes = (created.json as { recoveryCodes: string[] }).recoveryCodes
      expect(codes).toHaveLength(6)
      for (const code of codes) expect(code).toMatch(/^[0-9a-f]{10}$/)
      expectError(await api.request('POST', '/account/mfa/recovery-codes', { session }), 409, 'user_recovery_codes_already_exists')
      expectError(await api.request('PATCH', '/account/mfa/recovery-codes', { session }), 401, 'user_challenge_required')

      const challenge = (await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'recoveryCode' } })).json as { $id: string }
      const done = await api.request('PUT', '/account/mfa/challenges', { session, body: { challengeId: challenge.$id, otp: codes[0] } })
      expect(v.parse(SessionSchema, done.json).factors).toContain('recoveryCode')
      const reused = (await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'recoveryCode' } })).json as { $id: string }
      expectError(await api.request('PUT', '/account/mfa/challenges', { session, body: { challengeId: reused.$id, otp: codes[0] } }), 401, 'user_invalid_token')

      const renewed = await api.request('PATCH', '/account/mfa/recovery-codes', { session })
      expect(renewed.status).toBe(200)
      expect((renewed.json as { recoveryCodes: string[] }).recoveryCodes).not.toEqual(codes)
      expect((await api.request('GET', '/account/mfa/recovery-codes', { session })).status).toBe(200)
      await api.dev('POST', '/__dev/clock', { offsetMs: 1_801_000 })
      expectError(await api.request('GET', '/account/mfa/recovery-codes', { session }), 401, 'user_challenge_required')
    })

    it('sends email challenges only for a verified email, and never completes a lower-case recoverycode', async () => {
      const { session } = await newUser('mail')
      expectError(await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'email' } }), 400, 'user_email_not_verified')
      const bad = expectError(await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'sms' } }), 400, 'general_argument_invalid')
      expect(bad.message).toBe('Invalid `factor` param: Value must be one of (email, phone, totp, recoverycode)')

      const verified = await api.signIn('ada@example.com')
      const challenge = (await api.request('POST', '/account/mfa/challenges', { session: verified, body: { factor: 'email' } })).json as { $id: string }
      const messages = (await api.dev('GET', '/__dev/outbox?to=ada%40example.com')).json as OutboxMessage[]
      const message = messages.at(-1)
      expect(message?.subject).toBe('Verification Code for Demo project')
      const done = await api.request('PUT', '/account/mfa/challenges', { session: verified, body: { challengeId: challenge.$id, otp: message?.secret } })
      expect(v.parse(SessionSchema, done.json).factors).toEqual(['password', 'email'])

      const codes = ((await api.request('POST', '/account/mfa/recovery-codes', { session })).json as { recoveryCodes: string[] }).recoveryCodes
      const lower = (await api.request('POST', '/account/mfa/challenges', { session, body: { factor: 'recoverycode' } })).json as { $id: string }
      expectError(await api.request('PUT', '/account/mfa/challenges', { session, body: { challengeId: lower.$id, otp: codes[0] } }), 401, 'user_invalid_token')
    })
  })
})
