// The Account routes 2.x added (docs/appwrite/wire-2x.md section 3.1): connected apps, email verification and
// password recovery by code, passkeys. 1.9.6 serves none of them (the wildcard's HTML 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppwriteVersion, SeedUser } from './config.ts'
import { defaultConfig } from './default-config.ts'
import { completeChallenge, createChallenge, currentTotp, enrolTotp, lastMessage, newUser } from './mfa-testing.ts'
import { demoConfigWith, expectError, newEmail, startTestServer, type TestServer } from './testing.ts'

const LINDA: SeedUser = {
  $id: 'linda',
  email: 'linda@example.com',
  password: 'lanyard-demo',
  name: 'Linda',
  consents: [
    {
      $id: 'c-notes',
      appId: 'notes-app',
      scopes: ['openid', 'email'],
      resources: ['https://api.notes.test'],
      expire: '2030-01-02T03:04:05.000+00:00',
      tokens: [
        { $id: 't-laptop', scopes: ['openid'] },
        { $id: 't-phone', scopes: ['openid', 'email'], expire: '2029-06-01T00:00:00.000+00:00' },
      ],
    },
    { $id: 'c-cal', appId: 'calendar', scopes: ['profile'] },
  ],
  passkeys: [{ $id: 'pk-yubi', name: 'YubiKey' }, { $id: 'pk-phone' }],
}

const demoUsers = defaultConfig.projects?.[0]?.users ?? []

async function start(version: AppwriteVersion): Promise<TestServer> {
  return startTestServer({ version, config: demoConfigWith({ users: [...demoUsers, LINDA] }) })
}

describe('1.9.6 serves none of the 2.x routes', () => {
  let api: TestServer
  beforeAll(async () => (api = await start('1.9.6')))
  afterAll(() => api.close())

  it.each([
    ['GET', '/account/consents'],
    ['GET', '/account/consents/c-notes/tokens'],
    ['POST', '/account/verifications/email/otp'],
    ['PUT', '/account/recovery/otp'],
    ['GET', '/account/passkeys'],
    ['DELETE', '/account/passkeys/pk-yubi'],
  ])('%s %s is the HTML 404', async (method, path) => {
    const session = await api.signIn('linda@example.com')
    const response = await api.request(method, path, { session })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('text/html')
  })
})

describe('2.7.1', () => {
  let api: TestServer
  let session: string
  beforeAll(async () => {
    api = await start('2.7.1')
    session = await api.signIn('linda@example.com')
  })
  afterAll(() => api.close())

  describe('connected apps', () => {
    it('lists the seeded consents with their defaults and reads one', async () => {
      const list = await api.request('GET', '/account/consents', { session })
      expect(list.status).toBe(200)
      const body = list.json as { total: number; consents: Record<string, unknown>[] }
      expect(body.total).toBe(2)
      expect(body.consents[0]).toEqual({
        $id: 'c-notes',
        $createdAt: expect.any(String),
        $updatedAt: expect.any(String),
        userId: 'linda',
        appId: 'notes-app',
        cimdUrl: '',
        scopes: ['openid', 'email'],
        resources: ['https://api.notes.test'],
        authorizationDetails: '[]',
        expire: '2030-01-02T03:04:05.000+00:00',
      })
      const calendar = (await api.request('GET', '/account/consents/c-cal', { session })).json as { resources: string[]; expire: string }
      expect(calendar.resources).toEqual([])
      // `expire` defaults to one year ahead.
      const ahead = Date.parse(calendar.expire) - Date.now()
      expect(ahead).toBeGreaterThan(364 * 86_400_000)
      expect(ahead).toBeLessThan(366 * 86_400_000)
    })

    it('filters, pages and counts consents with queries', async () => {
      const filtered = await api.request('GET', `/account/consents?queries[]=${encodeURIComponent(JSON.stringify({ method: 'equal', attribute: 'appId', values: ['calendar'] }))}`, { session })
      expect((filtered.json as { consents: { $id: string }[] }).consents.map((consent) => consent.$id)).toEqual(['c-cal'])
      const uncounted = await api.request('GET', '/account/consents?total=0', { session })
      expect((uncounted.json as { total: number }).total).toBe(0)
      const bad = await api.request('GET', `/account/consents?queries[]=${encodeURIComponent(JSON.stringify({ method: 'equal', attribute: 'secret', values: ['x'] }))}`, { session })
      expectError(bad, 400, 'general_argument_invalid')
    })

    it('lists, reads and deletes one token family', async () => {
      const tokens = (await api.request('GET', '/account/consents/c-notes/tokens', { session })).json as { total: number; tokens: Record<string, unknown>[] }
      expect(tokens.total).toBe(2)
      expect(tokens.tokens[0]).toMatchObject({ $id: 't-laptop', consentId: 'c-notes', userId: 'linda', appId: 'notes-app', scopes: ['openid'], resources: ['https://api.notes.test'], expire: '2030-01-02T03:04:05.000+00:00' })
      expect(Object.keys(tokens.tokens[0] ?? {})).not.toContain('secret')
      const phone = (await api.request('GET', '/account/consents/c-notes/tokens/t-phone', { session })).json as { expire: string }
      expect(phone.expire).toBe('2029-06-01T00:00:00.000+00:00')
      expect((await api.request('DELETE', '/account/consents/c-notes/tokens/t-phone', { session })).status).toBe(204)
      expectError(await api.request('GET', '/account/consents/c-notes/tokens/t-phone', { session }), 404, 'consent_token_not_found')
      expectError(await api.request('DELETE', '/account/consents/c-notes/tokens/t-phone', { session }), 404, 'consent_token_not_found')
    })

    it('deleting a consent ends its tokens', async () => {
      expect((await api.request('DELETE', '/account/consents/c-notes', { session })).status).toBe(204)
      expectError(await api.request('GET', '/account/consents/c-notes', { session }), 404, 'consent_not_found')
      expectError(await api.request('GET', '/account/consents/c-notes/tokens', { session }), 404, 'consent_not_found')
      expectError(await api.request('GET', '/account/consents/c-notes/tokens/t-laptop', { session }), 404, 'consent_not_found')
      expect((await api.request('GET', '/account/consents', { session })).json).toMatchObject({ total: 1 })
    })

    it('other users see only their own consents, and guests none', async () => {
      const grace = await api.signIn('grace@example.com')
      expect((await api.request('GET', '/account/consents', { session: grace })).json).toEqual({ total: 0, consents: [] })
      expectError(await api.request('GET', '/account/consents/c-cal', { session: grace }), 404, 'consent_not_found')
      // The demo's Ada has two connected apps and a passkey.
      const ada = await api.signIn('ada@example.com')
      expect(((await api.request('GET', '/account/consents', { session: ada })).json as { consents: { appId: string }[] }).consents.map((consent) => consent.appId)).toEqual(['notes', 'calendar'])
      expect((await api.request('GET', '/account/passkeys', { session: ada })).json).toMatchObject({ total: 1, passkeys: [{ $id: 'yubikey', name: 'YubiKey 5C' }] })
      expectError(await api.request('GET', '/account/consents'), 401, 'general_unauthorized_scope')
    })
  })

  describe('email verification by code', () => {
    it('sends a 6-digit code valid 15 minutes and verifies with it, without a session', async () => {
      const email = newEmail('verify-otp')
      await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
      const own = await api.signIn(email, 'password-123')
      const created = await api.request('POST', '/account/verifications/email/otp', { session: own, body: { phrase: true } })
      expect(created.status).toBe(201)
      const token = created.json as { userId: string; secret: string; expire: string; phrase: string; $createdAt: string }
      expect(token.secret).toBe('')
      expect(token.phrase).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
      expect(Date.parse(token.expire) - Date.parse(token.$createdAt)).toBe(15 * 60_000)
      const message = await lastMessage(api, email)
      expect(message).toMatchObject({ kind: 'verification-otp', url: '', userId: token.userId })
      expect(message.secret).toMatch(/^\d{6}$/)

      expectError(await api.request('PUT', '/account/verifications/email/otp', { body: { userId: token.userId, secret: '000000x' } }), 401, 'user_invalid_token')
      const verified = await api.request('PUT', '/account/verifications/email/otp', { body: { userId: token.userId, secret: message.secret } })
      expect(verified.status).toBe(200)
      expect((await api.request('GET', '/account', { session: own })).json).toMatchObject({ emailVerification: true })
      // The code is used up, and a verified address gets no new one.
      expectError(await api.request('PUT', '/account/verifications/email/otp', { body: { userId: token.userId, secret: message.secret } }), 401, 'user_invalid_token')
      expectError(await api.request('POST', '/account/verifications/email/otp', { session: own }), 409, 'user_email_already_verified')
    })

    it('a link secret is not a code, and codes expire after 15 minutes', async () => {
      const email = newEmail('verify-expiry')
      await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
      const own = await api.signIn(email, 'password-123')
      await api.request('POST', '/account/verifications/email', { session: own, body: { url: 'http://localhost/verify' } })
      const link = await lastMessage(api, email)
      expectError(await api.request('PUT', '/account/verifications/email/otp', { body: { userId: link.userId, secret: link.secret } }), 401, 'user_invalid_token')
      await api.request('POST', '/account/verifications/email/otp', { session: own })
      const code = await lastMessage(api, email)
      await api.dev('POST', '/__dev/clock', { offsetMs: 15 * 60_000 + 1000 })
      try {
        expectError(await api.request('PUT', '/account/verifications/email/otp', { body: { userId: code.userId, secret: code.secret } }), 401, 'user_invalid_token')
      } finally {
        await api.dev('POST', '/__dev/clock', { offsetMs: -(15 * 60_000 + 1000) })
      }
    })

    it('needs a session to send a code', async () => {
      expectError(await api.request('POST', '/account/verifications/email/otp'), 401, 'general_unauthorized_scope')
    })
  })

  describe('password recovery by code', () => {
    it('mails a code and sets the new password with it, ending every session', async () => {
      const email = newEmail('recover-otp')
      await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
      const own = await api.signIn(email, 'password-123')
      const created = await api.request('POST', '/account/recovery/otp', { body: { email: email.toUpperCase() } })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({ secret: '', phrase: '' })
      const message = await lastMessage(api, email)
      expect(message).toMatchObject({ kind: 'recovery-otp', url: '' })
      expect(message.secret).toMatch(/^\d{6}$/)
      const done = await api.request('PUT', '/account/recovery/otp', { body: { userId: message.userId, secret: message.secret, password: 'new-password-456' } })
      expect(done.status).toBe(200)
      expectError(await api.request('GET', '/account', { session: own }), 401, 'general_unauthorized_scope')
      await api.signIn(email, 'new-password-456')
      expectError(await api.request('PUT', '/account/recovery/otp', { body: { userId: message.userId, secret: message.secret, password: 'other-password-789' } }), 401, 'user_invalid_token')
    })

    it('refuses unknown addresses and checks its parameters', async () => {
      expectError(await api.request('POST', '/account/recovery/otp', { body: { email: 'nobody@example.com' } }), 404, 'user_not_found')
      const missing = expectError(await api.request('PUT', '/account/recovery/otp', { body: { userId: 'linda', secret: '123456' } }), 400, 'general_argument_invalid')
      expect(missing.message).toBe('Param "password" is not optional.')
    })
  })

  describe('passkeys', () => {
    it('lists, reads and renames the seeded passkeys', async () => {
      const list = await api.request('GET', '/account/passkeys', { session })
      expect(list.status).toBe(200)
      const body = list.json as { total: number; passkeys: Record<string, unknown>[] }
      expect(body.total).toBe(2)
      expect(body.passkeys[0]).toEqual({ $id: 'pk-yubi', $createdAt: expect.any(String), $updatedAt: expect.any(String), name: 'YubiKey', accessedAt: '' })
      expect((await api.request('GET', '/account/passkeys/pk-phone', { session })).json).toMatchObject({ $id: 'pk-phone', name: '' })
      const renamed = await api.request('PATCH', '/account/passkeys/pk-phone', { session, body: { name: 'Pixel' } })
      expect(renamed.status).toBe(200)
      expect(renamed.json).toMatchObject({ $id: 'pk-phone', name: 'Pixel' })
      const byName = await api.request('GET', `/account/passkeys?queries[]=${encodeURIComponent(JSON.stringify({ method: 'equal', attribute: 'name', values: ['Pixel'] }))}`, { session })
      expect((byName.json as { passkeys: { $id: string }[] }).passkeys.map((passkey) => passkey.$id)).toEqual(['pk-phone'])
      expectError(await api.request('PATCH', '/account/passkeys/pk-phone', { session, body: { name: '' } }), 400, 'general_argument_invalid')
      expectError(await api.request('GET', '/account/passkeys/nope', { session }), 404, 'user_passkey_not_found')
    })

    it('registering one answers 501: no project has a passkey policy', async () => {
      const error = expectError(await api.request('POST', '/account/passkeys', { session, body: { name: 'New key' } }), 501, 'user_auth_method_unsupported')
      expect(error.message).toContain('passkey policy')
    })

    it('deleting one needs a session at most 10 minutes old', async () => {
      const fresh = await api.signIn('linda@example.com')
      await api.dev('POST', '/__dev/clock', { offsetMs: 11 * 60_000 })
      try {
        expectError(await api.request('DELETE', '/account/passkeys/pk-yubi', { session: fresh }), 401, 'user_unauthorized')
        expectError(await api.request('POST', '/account/passkeys', { session: fresh }), 401, 'user_unauthorized')
        const newer = await api.signIn('linda@example.com')
        expect((await api.request('DELETE', '/account/passkeys/pk-yubi', { session: newer })).status).toBe(204)
        expectError(await api.request('DELETE', '/account/passkeys/pk-yubi', { session: newer }), 404, 'user_passkey_not_found')
      } finally {
        await api.dev('POST', '/__dev/clock', { offsetMs: -11 * 60_000 })
      }
      expect((await api.request('GET', '/account/passkeys', { session })).json).toMatchObject({ total: 1 })
    })

    it('or an MFA challenge passed at most 10 minutes ago', async () => {
      const { userId, session: own } = await newUser(api, 'passkey-mfa')
      const secret = await enrolTotp(api, own)
      const user = api.state.projects.get('demo')?.users.get(userId)
      user?.passkeys.push({ id: 'pk-new', createdAt: 0, updatedAt: 0, name: 'Laptop', accessedAt: null })
      await api.dev('POST', '/__dev/clock', { offsetMs: 11 * 60_000 })
      try {
        expectError(await api.request('DELETE', '/account/passkeys/pk-new', { session: own }), 401, 'user_unauthorized')
        const challengeId = await createChallenge(api, own, 'totp')
        expect((await completeChallenge(api, own, challengeId, await currentTotp(api, secret))).status).toBe(200)
        expect((await api.request('DELETE', '/account/passkeys/pk-new', { session: own })).status).toBe(204)
      } finally {
        await api.dev('POST', '/__dev/clock', { offsetMs: -11 * 60_000 })
      }
    })
  })
})
