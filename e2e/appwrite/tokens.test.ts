// Flows that go through email, SMS or a browser redirect: OTP, magic URL, phone, verification,
// recovery and the mock OAuth2 provider (docs/appwrite/wire.md sections 2.3 and 3.2).
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSchema, SessionSchema, TokenSchema } from '../../src/appwrite/models.ts'
import type { OutboxMessage } from './outbox.ts'
import { demoConfigWith, expectError, newEmail, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version })

  async function lastMessage(to: string): Promise<OutboxMessage> {
    const messages = (await api.dev('GET', `/__dev/outbox?to=${encodeURIComponent(to)}`)).json as OutboxMessage[]
    const message = messages.at(-1)
    if (!message) throw new Error(`no message to ${to}`)
    return message
  }

  async function newUser(label: string): Promise<{ id: string; email: string; session: string }> {
    const email = newEmail(label)
    const created = await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
    return { id: (created.json as { $id: string }).$id, email, session: await api.signIn(email, 'password-123') }
  }

  describe('email OTP and magic URL', () => {
    it('signs in with an emailed code once, and not twice', async () => {
      const email = newEmail('otp')
      const token = await api.request('POST', '/account/tokens/email', { body: { userId: 'unique()', email } })
      expect(token.status).toBe(201)
      expect(v.parse(TokenSchema, token.json)).toMatchObject({ phrase: '' })
      const { userId, secret } = await lastMessage(email)
      expect(secret).toMatch(/^\d{6}$/)
      const session = await api.request('POST', '/account/sessions/token', { body: { userId, secret } })
      expect(v.parse(SessionSchema, session.json)).toMatchObject({ provider: 'token', factors: ['email'] })
      expect(session.json).toHaveProperty('secret', '')
      expect(session.headers.get('x-fallback-cookies')).toContain('a_session_demo')
      expectError(await api.request('POST', '/account/sessions/token', { body: { userId, secret } }), 401, 'user_invalid_token')
    })

    it('keeps the existing user when the email is known, ignoring the given userId', async () => {
      const token = await api.request('POST', '/account/tokens/email', { body: { userId: 'someone-else', email: 'grace@example.com' } })
      expect((token.json as { userId: string }).userId).toBe('grace')
    })

    it('sends a magic link to a registered URL and signs in with it, also through the deprecated PUT', async () => {
      const email = newEmail('magic')
      const response = await api.request('POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email, url: 'http://localhost:3000/magic?from=test' } })
      expect(response.status).toBe(201)
      const message = await lastMessage(email)
      const link = new URL(message.url)
      expect(link.origin + link.pathname).toBe('http://localhost:3000/magic')
      expect(link.searchParams.get('from')).toBe('test')
      expect(link.searchParams.get('project')).toBe('demo')
      expect(link.searchParams.get('secret')).toMatch(/^[0-9a-f]{64}$/)
      expect(link.searchParams.get('expire')).toMatch(/\+00:00$/)
      const session = await api.request('PUT', '/account/sessions/magic-url', { body: { userId: link.searchParams.get('userId'), secret: link.searchParams.get('secret') } })
      expect(session.status).toBe(201)
      expect(v.parse(SessionSchema, session.json).provider).toBe('magic-url')
      const account = v.parse(AccountSchema, (await api.request('GET', '/account', { session: JSON.parse(session.headers.get('x-fallback-cookies') ?? '{}').a_session_demo })).json)
      expect(account.emailVerification).toBe(true)
    })

    it('rejects a redirect URL that is not on the platform list', async () => {
      const response = await api.request('POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: newEmail('x'), url: 'https://evil.test/steal' } })
      expect(expectError(response, 400, 'general_argument_invalid').message).toBe(
        'Invalid `url` param: Invalid URI. Register your new client (evil.test) as a new Web platform on your project console dashboard',
      )
    })
  })

  describe('phone', () => {
    it('uses the fixed code of a mock number and sends no SMS', async () => {
      await api.dev('DELETE', '/__dev/outbox')
      const token = await api.request('POST', '/account/tokens/phone', { body: { userId: 'unique()', phone: '+15555550100' } })
      expect(token.status).toBe(201)
      expect((await api.dev('GET', '/__dev/outbox')).json).toEqual([])
      const session = await api.request('POST', '/account/sessions/token', { body: { userId: (token.json as { userId: string }).userId, secret: '123456' } })
      expect(v.parse(SessionSchema, session.json)).toMatchObject({ provider: 'phone', factors: ['phone'] })
    })

    it('texts a code to other numbers, usable through the deprecated PUT /account/sessions/phone', async () => {
      const token = await api.request('POST', '/account/sessions/phone', { body: { userId: 'unique()', phone: '+4915100000001' } })
      expect(token.status).toBe(201)
      const sms = await lastMessage('+4915100000001')
      expect(sms.channel).toBe('sms')
      const session = await api.request('PUT', '/account/sessions/phone', { body: { userId: sms.userId, secret: sms.secret } })
      expect(session.status).toBe(201)
    })

    it('validates the phone number format', async () => {
      const response = await api.request('POST', '/account/tokens/phone', { body: { userId: 'unique()', phone: '015100000001' } })
      expect(expectError(response, 400, 'general_argument_invalid').message).toBe("Invalid `phone` param: Phone number must start with a '+' can have a maximum of fifteen digits.")
      // The 0.15 parameter name is gone (docs/appwrite/wire.md section 3.4).
      expect(expectError(await api.request('POST', '/account/sessions/phone', { body: { userId: 'unique()', number: '+4915100000001' } }), 400, 'general_argument_invalid').message).toBe(
        'Param "phone" is not optional.',
      )
    })
  })

  describe('verification and recovery', () => {
    it('verifies an email address with the emailed link', async () => {
      const user = await newUser('verify')
      const created = await api.request('POST', '/account/verifications/email', { session: user.session, body: { url: 'http://localhost/verify' } })
      expect(created.status).toBe(201)
      expect(v.parse(TokenSchema, created.json)).toMatchObject({ userId: user.id })
      expect(created.json).toHaveProperty('secret', '')
      const message = await lastMessage(user.email)
      expect(message.kind).toBe('verification')
      const confirmed = await api.request('PUT', '/account/verifications/email', { body: { userId: user.id, secret: message.secret } })
      expect(confirmed.status).toBe(200)
      v.parse(TokenSchema, confirmed.json)
      expect(v.parse(AccountSchema, (await api.request('GET', '/account', { session: user.session })).json).emailVerification).toBe(true)
      expectError(await api.request('POST', '/account/verification', { session: user.session, body: { url: 'http://localhost/verify' } }), 409, 'user_email_already_verified')
      expectError(await api.request('PUT', '/account/verifications/email', { body: { userId: 'nobody', secret: 'x' } }), 404, 'user_not_found')
    })

    it('verifies a phone number with a texted code', async () => {
      const user = await newUser('phone-verify')
      expectError(await api.request('POST', '/account/verifications/phone', { session: user.session }), 400, 'user_phone_not_found')
      await api.request('PATCH', '/account/phone', { session: user.session, body: { phone: '+4915100000777', password: 'password-123' } })
      expect((await api.request('POST', '/account/verifications/phone', { session: user.session })).status).toBe(201)
      const sms = await lastMessage('+4915100000777')
      expectError(await api.request('PUT', '/account/verifications/phone', { body: { userId: user.id, secret: '000000x' } }), 401, 'user_invalid_token')
      expect((await api.request('PUT', '/account/verifications/phone', { body: { userId: user.id, secret: sms.secret } })).status).toBe(200)
      expect(v.parse(AccountSchema, (await api.request('GET', '/account', { session: user.session })).json).phoneVerification).toBe(true)
    })

    it('resets a password by the recovery link and ends every session', async () => {
      const user = await newUser('recover')
      expectError(await api.request('POST', '/account/recovery', { body: { email: newEmail('unknown'), url: 'http://localhost/reset' } }), 404, 'user_not_found')
      expect((await api.request('POST', '/account/recovery', { body: { email: user.email, url: 'http://localhost/reset' } })).status).toBe(201)
      const message = await lastMessage(user.email)
      expect(message.kind).toBe('recovery')
      const done = await api.request('PUT', '/account/recovery', { body: { userId: user.id, secret: message.secret, password: 'brand-new-pass' } })
      expect(done.status).toBe(200)
      expect((await api.request('GET', '/account', { session: user.session })).status).toBe(401)
      expect(await api.signIn(user.email, 'brand-new-pass')).toBeTruthy()
      expectError(await api.request('PUT', '/account/recovery', { body: { userId: user.id, secret: message.secret, password: 'another-pass-1' } }), 401, 'user_invalid_token')
    })
  })

  describe('project settings', () => {
    it('answers 501 for disabled auth methods and 503 without SMTP or SMS', async () => {
      const locked = await startTestServer({ version, config: demoConfigWith({ auths: { methods: { anonymous: false, 'email-password': false } }, smtp: false, sms: false }) })
      try {
        const anonymous = expectError(await locked.request('POST', '/account/sessions/anonymous'), 501, 'user_auth_method_unsupported')
        expect(anonymous.message).toBe('Anonymous authentication is disabled for this project')
        expect(expectError(await locked.request('POST', '/account/sessions/email', { body: { email: 'ada@example.com', password: 'lanyard-demo' } }), 501, 'user_auth_method_unsupported').message).toBe(
          'Email / Password authentication is disabled for this project',
        )
        expectError(await locked.request('POST', '/account/tokens/email', { body: { userId: 'unique()', email: newEmail('nosmtp') } }), 503, 'general_smtp_disabled')
        expectError(await locked.request('POST', '/account/tokens/phone', { body: { userId: 'unique()', phone: '+15555550100' } }), 503, 'general_phone_disabled')
      } finally {
        await locked.close()
      }
    })
  })

  describe('OAuth2 mock provider', () => {
    async function follow(url: string): Promise<string> {
      let location = url
      for (let hop = 0; hop < 5; hop++) {
        const response = await fetch(location, { redirect: 'manual' })
        const next = response.headers.get('location')
        if (response.status !== 301 || next === null) throw new Error(`hop ${hop}: ${response.status} ${await response.text()}`)
        if (!next.startsWith(api.base)) return next
        location = next
      }
      throw new Error('too many redirects')
    }

    it('ends the token flow at success with a 60-second JWT secret that becomes a session', async () => {
      const start = `${api.endpoint}/account/tokens/oauth2/mock?project=demo&success=${encodeURIComponent('http://localhost/ok')}&failure=${encodeURIComponent('http://localhost/fail')}`
      const final = new URL(await follow(start))
      expect(final.origin + final.pathname).toBe('http://localhost/ok')
      const secret = final.searchParams.get('secret') ?? ''
      const userId = final.searchParams.get('userId') ?? ''
      expect(secret.split('.')).toHaveLength(3)
      const claims = JSON.parse(Buffer.from(secret.split('.')[1] ?? '', 'base64url').toString()) as { exp: number; provider: string; secret: string }
      expect(claims.provider).toBe('mock')
      expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(60)
      // The raw secret without its JWT wrapper is refused.
      expectError(await api.request('POST', '/account/sessions/token', { body: { userId, secret: claims.secret } }), 401, 'user_invalid_token')
      const session = await api.request('POST', '/account/sessions/token', { body: { userId, secret } })
      expect(v.parse(SessionSchema, session.json)).toMatchObject({ provider: 'mock', factors: v2 ? ['email', 'oauth2'] : ['email'], userId })

      const encoded = (JSON.parse(session.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo']
      const identities = (await api.request('GET', '/account/identities', { session: encoded })).json as { total: number; identities: { $id: string; provider: string; providerEmail: string }[] }
      expect(identities.total).toBe(1)
      expect(identities.identities[0]).toMatchObject({ provider: 'mock', providerEmail: 'useroauth@localhost.test' })
      expect((await api.request('DELETE', `/account/identities/${identities.identities[0]?.$id}`, { session: encoded })).status).toBe(204)
      expectError(await api.request('DELETE', `/account/identities/${identities.identities[0]?.$id}`, { session: encoded }), 404, 'user_identity_not_found')
    })

    it(v2 ? 'passes `state` back on the success URL and gives identities providerIdToken' : 'ignores `state` and has no providerIdToken', async () => {
      const start = `${api.endpoint}/account/tokens/oauth2/mock?project=demo&state=${encodeURIComponent('xyz 42')}&success=${encodeURIComponent('http://localhost/ok?keep=1')}&failure=${encodeURIComponent('http://localhost/fail')}`
      const final = new URL(await follow(start))
      expect(final.searchParams.get('keep')).toBe('1')
      expect(final.searchParams.get('state')).toBe(v2 ? 'xyz 42' : null)
      const session = await api.request('POST', '/account/sessions/token', { body: { userId: final.searchParams.get('userId'), secret: final.searchParams.get('secret') } })
      const encoded = (JSON.parse(session.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo']
      const identity = ((await api.request('GET', '/account/identities', { session: encoded })).json as { identities: Record<string, unknown>[] }).identities[0]
      if (v2) expect(identity).toMatchObject({ providerRefreshToken: '', providerIdToken: '' })
      else expect(identity).not.toHaveProperty('providerIdToken')
      const bad = await fetch(`${api.endpoint}/account/tokens/oauth2/mock?project=demo&state=${encodeURIComponent('caf\u00e9')}`, { redirect: 'manual' })
      expect(bad.status).toBe(v2 ? 400 : 301)
    })

    it('refuses the JWT secret after 60 seconds', async () => {
      const start = `${api.endpoint}/account/tokens/oauth2/mock?project=demo&success=${encodeURIComponent('http://localhost/ok')}`
      const final = new URL(await follow(start))
      await api.dev('POST', '/__dev/clock', { offsetMs: 61_000 })
      const late = await api.request('POST', '/account/sessions/token', { body: { userId: final.searchParams.get('userId'), secret: final.searchParams.get('secret') } })
      expectError(late, 401, 'user_invalid_token')
    })

    it('sets session cookies in the session flow', async () => {
      let location = `${api.endpoint}/account/sessions/oauth2/mock?project=demo&success=${encodeURIComponent('http://localhost/ok')}`
      let cookies: string[] = []
      for (let hop = 0; hop < 5 && location.startsWith(api.base); hop++) {
        const response = await fetch(location, { redirect: 'manual' })
        cookies = cookies.concat(response.headers.getSetCookie())
        location = response.headers.get('location') ?? ''
      }
      expect(location).toBe('http://localhost/ok')
      expect(cookies.some((cookie) => cookie.startsWith('a_session_demo='))).toBe(true)
    })

    it('renders errors of the OAuth2 routes as HTML', async () => {
      const disabled = await fetch(`${api.endpoint}/account/tokens/oauth2/github?project=demo`, { redirect: 'manual' })
      expect(disabled.status).toBe(412)
      expect(disabled.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(await disabled.text()).toContain('project_provider_disabled')
      const badRedirect = await fetch(`${api.endpoint}/account/tokens/oauth2/mock?project=demo&success=${encodeURIComponent('https://evil.test/')}`, { redirect: 'manual' })
      expect(badRedirect.status).toBe(400)
    })
  })
})
