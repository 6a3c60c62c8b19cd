// Who the caller is (docs/appwrite/wire.md sections 1.1, 2.3, 3.3 and 10): the order of cookie, X-Appwrite-Session
// and X-Fallback-Cookies, the JWT rules, blocked users and the session group.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSchema, JwtSchema } from '../../src/appwrite/models.ts'
import { DEMO_API_KEY, demoConfigWith, expectError, newEmail, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version })

  async function newUser(label: string): Promise<{ id: string; email: string; session: string }> {
    const email = newEmail(label)
    const created = await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
    const id = (created.json as { $id: string }).$id
    return { id, email, session: await api.signIn(email, 'password-123') }
  }

  async function whoAmI(headers: Record<string, string>): Promise<string | number> {
    const response = await api.request('GET', '/account', { headers })
    return response.status === 200 ? (response.json as { $id: string }).$id : response.status
  }

  const stale = Buffer.from(JSON.stringify({ id: 'ada', secret: 'f'.repeat(256) })).toString('base64')

  describe('credential precedence', () => {
    it('prefers the cookie over X-Appwrite-Session over X-Fallback-Cookies', async () => {
      const a = await newUser('cookie')
      const b = await newUser('header')
      const c = await newUser('fallback')
      const fallback = JSON.stringify({ a_session_demo: c.session })
      expect(await whoAmI({ Cookie: `a_session_demo=${encodeURIComponent(a.session)}`, 'X-Appwrite-Session': b.session, 'X-Fallback-Cookies': fallback })).toBe(a.id)
      expect(await whoAmI({ 'X-Appwrite-Session': b.session, 'X-Fallback-Cookies': fallback })).toBe(b.id)
      expect(await whoAmI({ 'X-Fallback-Cookies': fallback })).toBe(c.id)
      expect(await whoAmI({ Cookie: `a_session_demo_legacy=${encodeURIComponent(a.session)}` })).toBe(a.id)
    })

    it('makes a guest of a stale cookie that still decodes, even next to a valid header', async () => {
      const b = await newUser('stale')
      expect(await whoAmI({ Cookie: `a_session_demo=${encodeURIComponent(stale)}`, 'X-Appwrite-Session': b.session })).toBe(401)
    })

    it('ignores a cookie that does not decode and uses the header', async () => {
      const b = await newUser('garbage')
      expect(await whoAmI({ Cookie: 'a_session_demo=garbage', 'X-Appwrite-Session': b.session })).toBe(b.id)
      expect(await whoAmI({ Cookie: 'a_session_other=x', 'X-Appwrite-Session': b.session })).toBe(b.id)
    })

    it('treats a wrong secret as a guest without an error of its own', async () => {
      const response = await api.request('GET', '/account', { session: stale })
      expect(expectError(response, 401, 'general_unauthorized_scope').message).toBe('User (role: guests) missing scopes (["account"])')
    })
  })

  describe('JWT', () => {
    it('accepts a JWT alone and rejects it next to a session with 403 user_jwt_and_cookie_set', async () => {
      const user = await newUser('jwt')
      const created = await api.request('POST', '/account/jwts', { session: user.session })
      expect(created.status).toBe(201)
      const { jwt } = v.parse(JwtSchema, created.json)
      const [header, payload] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>)
      expect(header).toEqual({ typ: 'JWT', alg: 'HS256' })
      expect(Object.keys(payload ?? {})).toEqual(['userId', 'sessionId', 'exp'])
      expect(payload?.['userId']).toBe(user.id)

      expect(await whoAmI({ 'X-Appwrite-JWT': jwt })).toBe(user.id)
      expectError(await api.request('GET', '/account', { session: user.session, headers: { 'X-Appwrite-JWT': jwt } }), 403, 'user_jwt_and_cookie_set')
      // A JWT is not a session to mint another JWT from; 2.x says so with its own 403.
      const minted = await api.request('POST', '/account/jwts', { headers: { 'X-Appwrite-JWT': jwt } })
      if (v2) expect(expectError(minted, 403, 'user_jwt_creation_denied').version).toBe('2.7.1')
      else expectError(minted, 404, 'user_session_not_found')
    })

    it(v2 ? 'makes a guest of a JWT whose session has expired' : 'keeps a JWT working after its session expires (fixed in 1.9.7)', async () => {
      const brief = await startTestServer({ version, config: demoConfigWith({ auths: { duration: 60 } }) })
      try {
        const email = newEmail('jwt-expiry')
        await brief.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
        const session = await brief.signIn(email, 'password-123')
        const { jwt } = v.parse(JwtSchema, (await brief.request('POST', '/account/jwts', { session, body: { duration: 3600 } })).json)
        await brief.dev('POST', '/__dev/clock', { offsetMs: 61_000 })
        const answer = await brief.request('GET', '/account', { headers: { 'X-Appwrite-JWT': jwt } })
        if (v2) expectError(answer, 401, 'general_unauthorized_scope')
        else expect(answer.status).toBe(200)
      } finally {
        await brief.close()
      }
    })

    it('rejects a tampered JWT with 401 user_jwt_invalid and makes a guest of one whose session is gone', async () => {
      const user = await newUser('jwt-dead')
      const { jwt } = (await api.request('POST', '/account/jwts', { session: user.session })).json as { jwt: string }
      const tampered = `${jwt.slice(0, -2)}xx`
      const invalid = expectError(await api.request('GET', '/account', { headers: { 'X-Appwrite-JWT': tampered } }), 401, 'user_jwt_invalid')
      expect(invalid.message).toMatch(/^Failed to verify JWT\. /)
      await api.request('DELETE', '/account/sessions/current', { session: user.session })
      expectError(await api.request('GET', '/account', { headers: { 'X-Appwrite-JWT': jwt } }), 401, 'general_unauthorized_scope')
    })

    it('validates the duration and lets the JWT expire', async () => {
      const user = await newUser('jwt-time')
      const tooLong = expectError(await api.request('POST', '/account/jwts', { session: user.session, body: { duration: 3601 } }), 400, 'general_argument_invalid')
      expect(tooLong.message).toBe('Invalid `duration` param: Value must be a valid range between 0 and 3,600')
      const { jwt } = (await api.request('POST', '/account/jwt', { session: user.session, body: { duration: 5 } })).json as { jwt: string }
      expect(await whoAmI({ 'X-Appwrite-JWT': jwt })).toBe(user.id)
      await api.dev('POST', '/__dev/clock', { offsetMs: 6000 })
      expect(expectError(await api.request('GET', '/account', { headers: { 'X-Appwrite-JWT': jwt } }), 401, 'user_jwt_invalid').message).toBe('Failed to verify JWT. Invalid token: Expired')
    })
  })

  describe('blocked users and the session group', () => {
    it('answers every call of a blocked user with 403 user_blocked, sign-out and sign-in included, until unblocked', async () => {
      const user = await newUser('blocked')
      const blocked = await api.request('PATCH', '/account/status', { session: user.session })
      expect(blocked.status).toBe(200)
      expect(v.parse(AccountSchema, blocked.json).status).toBe(false)
      expect(blocked.headers.get('x-fallback-cookies')).toBe('[]')

      expectError(await api.request('GET', '/account', { session: user.session }), 403, 'user_blocked')
      expectError(await api.request('DELETE', '/account/sessions/current', { session: user.session }), 403, 'user_blocked')
      expectError(await api.request('POST', '/account/sessions/email', { body: { email: user.email, password: 'password-123' } }), 403, 'user_blocked')

      await api.request('PATCH', `/users/${user.id}/status`, { headers: { 'X-Appwrite-Key': DEMO_API_KEY }, body: { status: true } })
      expect(await whoAmI({ 'X-Appwrite-Session': user.session })).toBe(user.id)
    })

    it('refuses a second sign-in from a caller that already has a session, but lets a stale one through', async () => {
      const user = await newUser('group')
      const again = await api.request('POST', '/account/sessions/email', { session: user.session, body: { email: user.email, password: 'password-123' } })
      expect(expectError(again, 401, 'user_session_already_exists').message).toBe('Creation of a session is prohibited when a session is active.')
      expectError(await api.request('POST', '/account/sessions/anonymous', { session: user.session }), 401, 'user_session_already_exists')
      const fromStale = await api.request('POST', '/account/sessions/email', { session: stale, body: { email: user.email, password: 'password-123' } })
      expect(fromStale.status).toBe(201)
    })

    it('gives a guest the sessions.write scope but not account', async () => {
      expect((await api.request('POST', '/account/sessions/anonymous')).status).toBe(201)
      const list = await api.request('GET', '/account/sessions')
      expect(expectError(list, 401, 'general_unauthorized_scope').message).toBe('User (role: guests) missing scopes (["account"])')
    })

    it('honours X-Forwarded-User-Agent only from API-key callers', async () => {
      const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
      const email = newEmail('forwarded')
      await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
      const plain = await api.signIn(email, 'password-123', { headers: { 'User-Agent': 'curl/8.5.0', 'X-Forwarded-User-Agent': iphone } })
      const fromClient = (await api.request('GET', '/account/sessions/current', { session: plain })).json
      expect(fromClient).toMatchObject({ clientName: 'curl', osName: '' })
      const keyed = await api.request('POST', '/account/sessions/email', {
        headers: { 'User-Agent': 'curl/8.5.0', 'X-Forwarded-User-Agent': iphone, 'X-Appwrite-Key': DEMO_API_KEY },
        body: { email, password: 'password-123' },
      })
      expect(keyed.json).toMatchObject({ clientName: 'Mobile Safari', osName: 'iOS' })
    })

    it('needs an API key for the Users API', async () => {
      const asGuest = expectError(await api.request('GET', '/users'), 401, 'general_unauthorized_scope')
      expect(asGuest.message).toBe('User (role: guests) missing scopes (["users.read"])')
      expectError(await api.request('GET', '/users', { headers: { 'X-Appwrite-Key': 'wrong' } }), 401, 'general_unauthorized_scope')
      const asKeyOnAccount = expectError(await api.request('GET', '/account', { headers: { 'X-Appwrite-Key': DEMO_API_KEY } }), 401, 'general_unauthorized_scope')
      expect(asKeyOnAccount.message).toContain('(role: applications) missing scopes (["account"])')
    })
  })
})
