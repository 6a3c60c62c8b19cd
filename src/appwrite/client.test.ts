import { describe, expect, it } from 'vitest'
import { createAccountClient } from './client.ts'
import { appwriteError, encodeSession, fakeFetch, json, type Responder, wireAccount, wireLog, wireSession, wireToken, rejection } from './fake-fetch.ts'

const endpoint = 'https://appwrite.example.com/v1'
const session = encodeSession('user1', 'c'.repeat(256))

function clientWith(responder: Responder) {
  const fetch = fakeFetch(responder)
  return { fetch, client: createAccountClient({ endpoint, projectId: 'proj', fetch }) }
}

function signedIn(userId = 'user1'): Response {
  return json(201, wireSession({ userId }), { 'X-Fallback-Cookies': JSON.stringify({ a_session_proj: session }) })
}

describe('createAccountClient', () => {
  it('refuses an invalid endpoint before any request', () => {
    expect(() => createAccountClient({ endpoint: 'http://appwrite.example.com/v1', projectId: 'p' })).toThrow(
      expect.objectContaining({ type: 'lanyard_invalid_endpoint' }),
    )
  })

  it('normalises the endpoint', () => {
    expect(createAccountClient({ endpoint: 'https://appwrite.example.com/', projectId: 'p' }).endpoint).toBe(endpoint)
  })
})

describe('sign-in', () => {
  it('reads the session from X-Fallback-Cookies, sends no session header, and strips the body', async () => {
    const { client, fetch } = clientWith(() => signedIn())
    const result = await client.signInWithEmailPassword({ email: 'a@example.com', password: 'password1' })
    expect(result.session).toBe(session)
    expect(result.sessionInfo).not.toHaveProperty('secret')
    expect(result.sessionInfo).not.toHaveProperty('providerAccessToken')
    const [request] = fetch.requests
    expect(request?.url.pathname).toBe('/v1/account/sessions/email')
    expect(request?.headers).not.toHaveProperty('X-Appwrite-Session')
    expect(request?.headers).not.toHaveProperty('X-Fallback-Cookies')
    expect(request?.body).toEqual({ email: 'a@example.com', password: 'password1' })
  })

  it('fails clearly when the session header is missing or belongs to someone else', async () => {
    const missing = clientWith(() => json(201, wireSession()))
    expect((await rejection(missing.client.signInAnonymously())).message).toMatch(/X-Fallback-Cookies/)
    const other = clientWith(() => signedIn('someone-else'))
    expect((await rejection(other.client.signInAnonymously())).type).toBe('lanyard_malformed_response')
  })

  it('completes a magic link and an OAuth2 redirect through POST /account/sessions/token', async () => {
    const { client, fetch } = clientWith(() => signedIn())
    await client.signInWithMagicLink('https://app.example.com/magic?userId=user1&secret=s3cr3t&expire=x&project=proj')
    await client.completeOAuth2('https://abc.chromiumapp.org/ok?secret=jwt.a.b&userId=user1')
    expect(fetch.requests.map((r) => [r.url.pathname, r.body])).toEqual([
      ['/v1/account/sessions/token', { userId: 'user1', secret: 's3cr3t' }],
      ['/v1/account/sessions/token', { userId: 'user1', secret: 'jwt.a.b' }],
    ])
  })

  it('sends nothing for a link without a secret', async () => {
    const { client, fetch } = clientWith(() => signedIn())
    expect((await rejection(client.signInWithMagicLink('https://app.example.com/magic?userId=user1'))).type).toBe('lanyard_invalid_link')
    expect(fetch.requests).toHaveLength(0)
  })

  it('lets the server pick ids for new users and returns token details without the secret', async () => {
    const { client, fetch } = clientWith(() => json(201, wireToken({ secret: 'never', phrase: 'Golden Fox' })))
    const token = await client.sendEmailOtp({ email: 'a@example.com', phrase: true })
    expect(token).toEqual(expect.objectContaining({ userId: 'user1', phrase: 'Golden Fox' }))
    expect(token).not.toHaveProperty('secret')
    await client.sendPhoneOtp({ phone: '+15550100' })
    await client.sendMagicUrl({ email: 'a@example.com' })
    expect(fetch.requests.map((r) => [r.url.pathname, r.body])).toEqual([
      ['/v1/account/tokens/email', { userId: 'unique()', email: 'a@example.com', phrase: true }],
      ['/v1/account/tokens/phone', { userId: 'unique()', phone: '+15550100' }],
      ['/v1/account/tokens/magic-url', { userId: 'unique()', email: 'a@example.com', phrase: false }],
    ])
  })

  it('builds the OAuth2 URL on the normalised endpoint', () => {
    const { client } = clientWith(() => signedIn())
    expect(client.oauth2TokenUrl({ provider: 'github', success: 'https://x.chromiumapp.org/', failure: 'https://x.chromiumapp.org/' }))
      .toMatch(/^https:\/\/appwrite\.example\.com\/v1\/account\/tokens\/oauth2\/github\?project=proj&/)
  })
})

describe('revokeOtherSessions', () => {
  it('deletes every non-current session in parallel and reports each failure', async () => {
    const sessions = [wireSession({ $id: 'mine', current: true }), wireSession({ $id: 'a', current: false }), wireSession({ $id: 'b', current: false }), wireSession({ $id: 'c', current: false })]
    let inFlight = 0
    let maxInFlight = 0
    const { client, fetch } = clientWith(async ({ init, url }) => {
      if (init.method === 'GET') return json(200, { total: sessions.length, sessions })
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inFlight--
      return url.pathname.endsWith('/b') ? appwriteError(404, 'user_session_not_found') : new Response(null, { status: 204 })
    })
    const result = await client.revokeOtherSessions(session)
    expect(result).toEqual({ revoked: 2, revokedIds: ['a', 'c'], failed: [{ sessionId: 'b', error: expect.objectContaining({ type: 'user_session_not_found', code: 404 }) }] })
    const deleted = fetch.requests.filter((r) => r.init.method === 'DELETE').map((r) => r.url.pathname)
    expect(deleted.sort()).toEqual(['/v1/account/sessions/a', '/v1/account/sessions/b', '/v1/account/sessions/c'])
    expect(maxInFlight).toBe(3)
  })

  it('starts the deletes of known other sessions with the list, and skips known ones already gone', async () => {
    const sessions = [wireSession({ $id: 'mine', current: true }), wireSession({ $id: 'a', current: false }), wireSession({ $id: 'b', current: false })]
    const deletesBeforeList: string[] = []
    let listAnswered = false
    const { client } = clientWith(async ({ init, url }) => {
      if (init.method === 'GET') {
        await new Promise((resolve) => setTimeout(resolve, 5))
        listAnswered = true
        return json(200, { total: sessions.length, sessions })
      }
      const id = url.pathname.split('/').at(-1) ?? ''
      if (!listAnswered) deletesBeforeList.push(id)
      return id === 'gone' ? appwriteError(404, 'user_session_not_found') : new Response(null, { status: 204 })
    })
    const result = await client.revokeOtherSessions(session, ['a', 'gone'])
    expect(deletesBeforeList.sort()).toEqual(['a', 'gone'])
    expect(result).toEqual({ revoked: 2, revokedIds: ['a', 'b'], failed: [] })
  })

  it('deletes nothing when no session is marked current', async () => {
    const { client, fetch } = clientWith(() => json(200, { total: 1, sessions: [wireSession({ current: false })] }))
    expect((await rejection(client.revokeOtherSessions(session))).type).toBe('lanyard_malformed_response')
    expect(fetch.requests).toHaveLength(1)
  })
})

describe('createJwt', () => {
  it.each([0, -1, 3601, 1.5, Number.NaN])('refuses a duration of %s before sending', async (duration) => {
    const { fetch, client } = clientWith(() => json(201, { jwt: 'x' }))
    const error = await rejection(client.createJwt(session, duration))
    expect(error.toData()).toEqual({ type: 'lanyard_invalid_input', code: 400, message: expect.stringMatching(/from 1 to 3600/) })
    expect(fetch.requests).toHaveLength(0)
  })

  it.each([1, 3600])('sends a duration of %s', async (duration) => {
    const { fetch, client } = clientWith(() => json(201, { jwt: 'x' }))
    await client.createJwt(session, duration)
    expect(fetch.requests[0]?.body).toEqual({ duration })
  })
})

describe('codes instead of links (2.3+)', () => {
  it('sends and confirms email verification and recovery codes on their routes, the code as `secret`', async () => {
    const { fetch, client } = clientWith(() => json(201, wireToken()))
    await client.sendEmailVerificationCode(session)
    await client.confirmEmailVerificationCode({ userId: 'user1', code: '123456' })
    await client.sendRecoveryCode({ email: 'a@example.com' })
    await client.confirmRecoveryCode({ userId: 'user1', code: '654321', password: 'new-password' })
    expect(fetch.requests.map((r) => [r.init.method, r.url.pathname, r.body, r.headers['X-Appwrite-Session'] !== undefined])).toEqual([
      ['POST', '/v1/account/verifications/email/otp', {}, true],
      ['PUT', '/v1/account/verifications/email/otp', { userId: 'user1', secret: '123456' }, false],
      ['POST', '/v1/account/recovery/otp', { email: 'a@example.com' }, false],
      ['PUT', '/v1/account/recovery/otp', { userId: 'user1', secret: '654321', password: 'new-password' }, false],
    ])
  })
})

describe('deleteOtherSessions', () => {
  it('sends one DELETE /account/sessions?current=false with the held session', async () => {
    const { fetch, client } = clientWith(() => new Response(null, { status: 204 }))
    await client.deleteOtherSessions(session)
    expect(fetch.requests).toHaveLength(1)
    expect(fetch.requests[0]?.init.method).toBe('DELETE')
    expect(fetch.requests[0]?.url.href).toBe(`${endpoint}/account/sessions?current=false`)
    expect(fetch.requests[0]?.headers['X-Appwrite-Session']).toBe(session)
  })
})

describe('serverVersion', () => {
  it('reads GET /health/version without a session', async () => {
    const { fetch, client } = clientWith(() => json(200, { version: '2.7.1' }))
    expect(await client.serverVersion()).toBe('2.7.1')
    expect(fetch.requests[0]?.url.pathname).toBe('/v1/health/version')
    expect(fetch.requests[0]?.headers).not.toHaveProperty('X-Appwrite-Session')
  })
})

describe('listLogs', () => {
  it('pages with 1.5+ JSON queries', async () => {
    const { client, fetch } = clientWith(() => json(200, { total: 30, logs: [wireLog()] }))
    const page = await client.listLogs(session, { limit: 10, offset: 20 })
    expect(page).toEqual({ supported: true, total: 30, logs: [expect.objectContaining({ event: 'session.create' })], limit: 10, offset: 20 })
    expect(fetch.requests[0]?.url.searchParams.getAll('queries[]')).toEqual(['{"method":"limit","values":[10]}', '{"method":"offset","values":[20]}'])
  })

  it('reports a server without logs (404, JSON or HTML) as unsupported', async () => {
    for (const answer of [appwriteError(404, 'general_route_not_found'), new Response('<html>404</html>', { status: 404, headers: { 'Content-Type': 'text/html' } })]) {
      const { client } = clientWith(() => answer)
      expect(await client.listLogs(session)).toEqual({ supported: false, total: 0, logs: [], limit: 25, offset: 0 })
    }
  })

  it('still fails for an unknown project or a signed-out session', async () => {
    expect((await rejection(clientWith(() => appwriteError(404, 'project_not_found')).client.listLogs(session))).type).toBe('project_not_found')
    expect((await rejection(clientWith(() => appwriteError(401, 'general_unauthorized_scope')).client.listLogs(session))).code).toBe(401)
  })
})

describe('profile operations', () => {
  it('refuses prefs over 65,535 encoded bytes before sending', async () => {
    const { client, fetch } = clientWith(() => json(200, wireAccount()))
    expect((await rejection(client.updatePrefs(session, { big: 'x'.repeat(70_000) }))).type).toBe('lanyard_prefs_too_large')
    expect(fetch.requests).toHaveLength(0)
    await client.updatePrefs(session, { theme: 'dark' })
    expect(fetch.requests[0]?.body).toEqual({ prefs: { theme: 'dark' } })
  })

  it('confirms a phone code for the user the session belongs to', async () => {
    const { client, fetch } = clientWith(() => json(200, wireToken()))
    await client.confirmPhoneVerification(session, '123456')
    expect(fetch.requests[0]?.body).toEqual({ userId: 'user1', secret: '123456' })
    expect(fetch.requests[0]?.init.method).toBe('PUT')
  })

  it('confirms email verification and recovery from pasted links without a session', async () => {
    const { client, fetch } = clientWith(() => json(200, wireToken()))
    await client.confirmEmailVerification('https://app.example.com/verify?userId=user1&secret=v1')
    await client.confirmRecovery('https://app.example.com/reset?userId=user1&secret=r1', 'new-password-1')
    expect(fetch.requests.map((r) => [r.init.method, r.url.pathname, r.body, r.headers['X-Appwrite-Session']])).toEqual([
      ['PUT', '/v1/account/verifications/email', { userId: 'user1', secret: 'v1' }, undefined],
      ['PUT', '/v1/account/recovery', { userId: 'user1', secret: 'r1', password: 'new-password-1' }, undefined],
    ])
  })

  it('keeps the password out of an echoed error message', async () => {
    const { client } = clientWith(() => appwriteError(400, 'user_password_personal_data', 'Password hunter2hunter2 is personal'))
    const error = await rejection(client.updatePassword(session, { password: 'hunter2hunter2', oldPassword: 'old-password' }))
    expect(error.message).toBe('Password [redacted] is personal')
  })

  it('calls each route with the right method and path', async () => {
    const { client, fetch } = clientWith(({ url, init }) => {
      if (init.method === 'DELETE') return new Response(null, { status: 204 })
      if (url.pathname.endsWith('/jwts')) return json(201, { jwt: 'j.w.t' })
      if (url.pathname.includes('/verifications')) return json(201, wireToken())
      if (url.pathname === '/v1/account/prefs' && init.method === 'GET') return json(200, { theme: 'dark' })
      if (url.pathname.startsWith('/v1/account/sessions/')) return json(200, wireSession())
      if (url.pathname === '/v1/account/sessions') return json(200, { total: 1, sessions: [wireSession()] })
      return json(url.pathname === '/v1/account' && init.method === 'POST' ? 201 : 200, wireAccount())
    })
    await client.createAccount({ email: 'a@example.com', password: 'password1', name: 'Ada' })
    expect(await client.createJwt(session, 60)).toEqual({ jwt: 'j.w.t' })
    await client.getAccount(session)
    await client.listSessions(session)
    await client.getSession(session, 'current')
    await client.updateSession(session, 'sess1')
    await client.deleteSession(session, 'sess1')
    await client.signOut(session)
    await client.deleteSessions(session)
    expect(await client.getPrefs(session)).toEqual({ theme: 'dark' })
    await client.updateName(session, 'Grace')
    await client.updateEmail(session, { email: 'b@example.com', password: 'password1' })
    await client.updatePhone(session, { phone: '+15550100', password: 'password1' })
    await client.sendEmailVerification(session, 'https://app.example.com/verify')
    await client.sendPhoneVerification(session)
    await client.blockAccount(session)
    expect(fetch.requests.map((r) => `${r.init.method} ${r.url.pathname.slice(3)}`)).toEqual([
      'POST /account', 'POST /account/jwts', 'GET /account', 'GET /account/sessions', 'GET /account/sessions/current',
      'PATCH /account/sessions/sess1', 'DELETE /account/sessions/sess1', 'DELETE /account/sessions/current', 'DELETE /account/sessions',
      'GET /account/prefs', 'PATCH /account/name', 'PATCH /account/email', 'PATCH /account/phone',
      'POST /account/verifications/email', 'POST /account/verifications/phone', 'PATCH /account/status',
    ])
    expect(fetch.requests[0]?.body).toEqual({ userId: 'unique()', email: 'a@example.com', password: 'password1', name: 'Ada' })
    expect(fetch.requests[1]?.body).toEqual({ duration: 60 })
    expect(fetch.requests.slice(1).every((r) => r.headers['X-Appwrite-Session'] === session)).toBe(true)
  })
})
