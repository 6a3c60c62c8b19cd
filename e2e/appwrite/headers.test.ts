// What SDKs hide: CORS, the Origin check, cookies, X-Fallback-Cookies, error bodies and headers
// (docs/appwrite/wire.md sections 1.3, 1.4, 4 and 5).
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ErrorSchema, SessionSchema } from '../../src/appwrite/models.ts'
import { DEMO_API_KEY, demoConfigWith, expectError, httpRequest, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop'
const OTHER_EXTENSION_ID = 'ponmlkjihgfedcbaponmlkjihgfedcba'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version,
      config: demoConfigWith({
        platforms: [
          { type: 'web', hostname: 'localhost' },
          { type: 'web', hostname: EXTENSION_ID },
          { type: 'web', hostname: '*.example.org' },
          { type: 'web', hostname: 'app.example.com' },
        ],
      }),
    })

  describe('CORS', () => {
    it('sends the 1.9 CORS lists on every response and echoes only allowed origins', async () => {
      const allowed = await api.request('GET', '/account', { headers: { Origin: 'http://localhost:5173' } })
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
      expect(allowed.headers.get('access-control-expose-headers')).toBe('X-Appwrite-Session, X-Fallback-Cookies')
      expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE')
      expect(allowed.headers.get('access-control-allow-headers')).toContain('X-Appwrite-Session')
      expect(allowed.headers.get('access-control-allow-headers')).toContain('X-Fallback-Cookies')

      const extension = await api.request('GET', '/account', { headers: { Origin: `chrome-extension://${EXTENSION_ID}` } })
      expect(extension.headers.get('access-control-allow-origin')).toBe(`chrome-extension://${EXTENSION_ID}`)
    })

    it('answers OPTIONS with 204 and echoes any origin, so preflight passes', async () => {
      const response = await api.request('OPTIONS', '/account/sessions/email', { headers: { Origin: 'https://unknown.test', 'Access-Control-Request-Method': 'POST' } })
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe('https://unknown.test')
      expect(response.headers.get('access-control-max-age')).toBe('86400')
    })
  })

  describe('origin check', () => {
    it('rejects an unregistered Chrome extension with 403 general_unknown_origin, GET included', async () => {
      const response = await api.request('GET', '/account', { headers: { Origin: `chrome-extension://${OTHER_EXTENSION_ID}` } })
      const body = expectError(response, 403, 'general_unknown_origin')
      expect(body.message).toBe(`Invalid Origin. Register your new client (${OTHER_EXTENSION_ID}) as a new Web (Chrome Extension) platform on your project console dashboard`)
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    })

    it('names Firefox and Safari extensions and unknown schemes in its message', async () => {
      const firefox = expectError(await api.request('POST', '/account/sessions/anonymous', { headers: { Origin: 'moz-extension://0a33b27b-1111-2222-3333-444455556666' } }), 403, 'general_unknown_origin')
      expect(firefox.message).toContain('as a new Web (Firefox Extension) platform')
      const safari = expectError(await api.request('GET', '/account', { headers: { Origin: 'safari-web-extension://ABCDEF' } }), 403, 'general_unknown_origin')
      expect(safari.message).toContain('Web (Safari Extension)')
      const custom = expectError(await api.request('GET', '/account', { headers: { Origin: 'myapp://callback' } }), 403, 'general_unknown_origin')
      expect(custom.message).toBe('Invalid Scheme. The scheme used (myapp) in the Origin (myapp://callback) is not supported. If you are using a custom scheme, please change it to `appwrite-callback-demo`')
    })

    it('accepts registered hosts, wildcards, the appwrite-callback scheme, no Origin at all, and API-key requests', async () => {
      const ok = async (headers: Record<string, string>) => (await api.request('GET', '/account', { headers })).status
      expect(await ok({ Origin: `chrome-extension://${EXTENSION_ID}` })).toBe(401)
      expect(await ok({ Origin: 'https://shop.example.org' })).toBe(401)
      expect(await ok({ Origin: 'appwrite-callback-demo://auth' })).toBe(401)
      expect(await ok({})).toBe(401)
      // `*.example.org` does not cover deeper names (utopia Hostname validator).
      expect(await ok({ Origin: 'https://a.shop.example.org' })).toBe(403)
      const withKey = await api.request('GET', '/users', { headers: { Origin: 'https://evil.test', 'X-Appwrite-Key': DEMO_API_KEY } })
      expect(withKey.status).toBe(200)
    })
  })

  describe('session cookies and X-Fallback-Cookies', () => {
    it('sets both cookies the way Appwrite does and sends the fallback header when there is no Origin', async () => {
      const response = await api.request('POST', '/account/sessions/email', { body: { email: 'alan@example.com', password: 'lanyard-demo' } })
      expect(response.status).toBe(201)
      v.parse(SessionSchema, response.json)
      const cookies = response.headers.getSetCookie()
      expect(cookies).toHaveLength(2)
      const [legacy, main] = cookies as [string, string]
      expect(legacy).toMatch(/^a_session_demo_legacy=[A-Za-z0-9%]+; expires=\w{3}, \d{2}-\w{3}-\d{4} [\d:]{8} GMT; Max-Age=31536000; path=\/; HttpOnly$/)
      expect(main).toMatch(/^a_session_demo=[A-Za-z0-9%]+; expires=.*; path=\/; HttpOnly; SameSite=None$/)
      expect(main).not.toContain('domain=')
      expect(main).not.toContain('secure')

      const fallback = response.headers.get('x-fallback-cookies') ?? ''
      const encoded = (JSON.parse(fallback) as Record<string, string>)['a_session_demo'] ?? ''
      // Set-Cookie values are URL-encoded; the fallback header carries the raw base64 (docs/appwrite/wire.md section 10).
      expect(decodeURIComponent(main.split(';')[0]?.split('=').slice(1).join('=') ?? '')).toBe(encoded)
      const decoded = JSON.parse(Buffer.from(encoded, 'base64').toString()) as { id: string; secret: string }
      expect(Object.keys(decoded)).toEqual(['id', 'secret'])
      expect(decoded.id).toBe('alan')
      expect(decoded.secret).toMatch(/^[0-9a-f]{256}$/)
      // PHP's json_encode escapes slashes.
      if (encoded.includes('/')) expect(fallback).toContain('\\/')
    })

    it('sends X-Fallback-Cookies for extension origins, but not when page and API share a registrable domain', async () => {
      const fromExtension = await api.request('POST', '/account/sessions/email', {
        headers: { Origin: `chrome-extension://${EXTENSION_ID}` },
        body: { email: 'alan@example.com', password: 'lanyard-demo' },
      })
      expect(fromExtension.status).toBe(201)
      expect(fromExtension.headers.get('x-fallback-cookies')).toContain('a_session_demo')

      // fetch may not set Host, so this one goes through node:http.
      const sameSite = await httpRequest(
        api.base,
        'POST',
        '/v1/account/sessions/email',
        { Origin: 'https://app.example.com', Host: 'api.example.com', 'X-Appwrite-Project': 'demo', 'Content-Type': 'application/json' },
        JSON.stringify({ email: 'alan@example.com', password: 'lanyard-demo' }),
      )
      expect(sameSite.status).toBe(201)
      expect(sameSite.headers['x-fallback-cookies']).toBeUndefined()
      // A real domain gets a Domain attribute (`cookieDomain`).
      expect(sameSite.headers['set-cookie']?.[1]).toContain('domain=.api.example.com')
    })

    it('clears cookies and sends `X-Fallback-Cookies: []` on logout, but not when another session is deleted', async () => {
      const session = await api.signIn('alan@example.com')
      const other = await api.signIn('alan@example.com')
      const otherId = ((await api.request('GET', '/account/sessions/current', { session: other })).json as { $id: string }).$id

      const deleteOther = await api.request('DELETE', `/account/sessions/${otherId}`, { session })
      expect(deleteOther.status).toBe(204)
      expect(deleteOther.headers.get('x-fallback-cookies')).toBeNull()
      expect(deleteOther.headers.getSetCookie()).toEqual([])

      const logout = await api.request('DELETE', '/account/sessions/current', { session })
      expect(logout.status).toBe(204)
      expect(logout.text).toBe('')
      expect(logout.headers.get('x-fallback-cookies')).toBe('[]')
      const cookies = logout.headers.getSetCookie()
      expect(cookies.some((cookie) => cookie.startsWith('a_session_demo=deleted;'))).toBe(true)
      expect(cookies.some((cookie) => cookie.startsWith('a_session_demo_legacy=deleted;'))).toBe(true)
    })

    it('reports whether the session came from X-Fallback-Cookies in X-Debug-Fallback', async () => {
      const session = await api.signIn('alan@example.com')
      const viaHeader = await api.request('GET', '/account', { session })
      expect(viaHeader.headers.get('x-debug-fallback')).toBe('false')
      const viaFallback = await api.request('GET', '/account', { headers: { 'X-Fallback-Cookies': JSON.stringify({ a_session_demo: session }) } })
      expect(viaFallback.status).toBe(200)
      expect(viaFallback.headers.get('x-debug-fallback')).toBe('true')
    })
  })

  describe('errors and formats', () => {
    it('answers errors as {message, code, type, version} with no-cache headers', async () => {
      const response = await api.request('GET', '/account')
      const body = v.parse(ErrorSchema, response.json)
      expect(response.json).toEqual({ message: 'User (role: guests) missing scopes (["account"])', code: 401, type: 'general_unauthorized_scope', version })
      expect(body.code).toBe(401)
      expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8')
      expect(response.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate')
    })

    it('answers an unknown project with 404 project_not_found and an unknown route with an HTML 404', async () => {
      expectError(await api.request('GET', '/account', { project: 'nope' }), 404, 'project_not_found')
      const unknown = await api.request('GET', '/account/nothing/here')
      expect(unknown.status).toBe(404)
      expect(unknown.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(unknown.text).toContain('general_route_not_found')
    })

    it('treats a request without a project as the console project', async () => {
      expectError(await api.request('GET', '/account', { project: null }), 401, 'general_unauthorized_scope')
      expectError(await api.request('POST', '/account/sessions/anonymous', { project: null }), 401, 'user_anonymous_console_prohibited')
    })

    it('accepts a trailing slash and answers HEAD like GET without a body', async () => {
      expect((await api.request('GET', '/account/')).status).toBe(401)
      const head = await api.request('HEAD', '/health/version', { project: null })
      expect(head.status).toBe(200)
      expect(head.text).toBe('')
    })

    it(`warns about a response format newer than ${version} only`, async () => {
      const format = async (value: string) => (await api.request('GET', '/account', { headers: { 'X-Appwrite-Response-Format': value } })).headers.get('x-appwrite-warning')
      expect(await format('1.9.0')).toBeNull()
      expect(await format(version)).toBeNull()
      expect(await format('2.3.0')).toBe(
        v2 ? null : 'The current SDK is built for Appwrite 2.3.0. However, the current Appwrite server version is 1.9.6. Please downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks',
      )
      expect(await format('3.0.0')).toBe(
        `The current SDK is built for Appwrite 3.0.0. However, the current Appwrite server version is ${version}. Please downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks`,
      )
    })

    it('strips 1.5+ fields for formats before 1.5.0', async () => {
      const session = await api.signIn('alan@example.com')
      const old = await api.request('GET', '/account/sessions/current', { session, headers: { 'X-Appwrite-Response-Format': '1.4.0' } })
      expect(old.json).not.toHaveProperty('factors')
      expect(old.json).not.toHaveProperty('secret')
      const account = await api.request('GET', '/account', { session, headers: { 'X-Appwrite-Response-Format': '1.4.0' } })
      expect(account.json).not.toHaveProperty('targets')
      expect(account.json).toHaveProperty('email', 'alan@example.com')
    })

    it('serves GET /v1/health/version without a project', async () => {
      const response = await api.request('GET', '/health/version', { project: null })
      expect(response.json).toEqual({ version })
    })

    it('sends X-Debug-Fallback twice when the request carried no session at all', async () => {
      const bare = await httpRequest(api.base, 'GET', '/v1/account', { 'X-Appwrite-Project': 'demo' })
      expect(bare.headers['x-debug-fallback']).toBe('false, false')
      const session = await api.signIn('alan@example.com')
      const signedIn = await httpRequest(api.base, 'GET', '/v1/account', { 'X-Appwrite-Project': 'demo', 'X-Appwrite-Session': session })
      expect(signedIn.headers['x-debug-fallback']).toBe('false')
    })

    it('runs the project, blocked-user and MFA checks before answering an unknown route', async () => {
      const html = (response: { status: number; headers: Headers; text: string }, status: number, type: string) => {
        expect(response.status).toBe(status)
        expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
        expect(response.text).toContain(type)
      }
      html(await api.request('GET', '/account/nothing', { project: 'nope' }), 404, 'project_not_found')
      const blocked = await api.signIn('grace@example.com')
      await api.request('PATCH', '/users/grace/status', { headers: { 'X-Appwrite-Key': DEMO_API_KEY }, body: { status: false } })
      html(await api.request('GET', '/account/nothing', { session: blocked }), 403, 'user_blocked')
      expect(await api.request('GET', '/account', { session: blocked }).then((r) => r.json)).toMatchObject({ type: 'user_blocked', message: 'The current user has been blocked.' })
      await api.request('PATCH', '/users/grace/status', { headers: { 'X-Appwrite-Key': DEMO_API_KEY }, body: { status: true } })
      html(await api.request('GET', '/account/nothing', { session: blocked }), 404, 'general_route_not_found')
    })

    it(v2 ? 'adds passwordPwned to older response formats too' : 'has no passwordPwned in any format', async () => {
      const session = await api.signIn('alan@example.com')
      for (const format of ['1.4.0', '1.9.0', version]) {
        const account = (await api.request('GET', '/account', { session, headers: { 'X-Appwrite-Response-Format': format } })).json as Record<string, unknown>
        if (v2) expect(account['passwordPwned']).toBeNull()
        else expect(account).not.toHaveProperty('passwordPwned')
      }
      const user = (await api.request('GET', '/users/alan', { headers: { 'X-Appwrite-Key': DEMO_API_KEY } })).json as Record<string, unknown>
      expect('passwordPwned' in user).toBe(v2)
    })

    it('presents the unset optional Account keys as null', async () => {
      const session = await api.signIn('alan@example.com')
      const account = (await api.request('GET', '/account', { session })).json as Record<string, unknown>
      for (const key of ['emailCanonical', 'emailIsFree', 'emailIsDisposable', 'emailIsCorporate', 'emailIsCanonical']) expect(account[key]).toBeNull()
    })
  })

  describe('redirect URLs and the server domain', () => {
    const magicUrl = (url: string) => api.request('POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: 'redirects@example.com', url } })

    it('accepts platform hostnames and the server domain, refusing any other host with Appwrite\'s message', async () => {
      expect((await magicUrl('https://app.example.com/done')).status).toBe(201)
      expect((await magicUrl('https://shop.example.org/done')).status).toBe(201)
      expect((await magicUrl('http://localhost:5173/done')).status).toBe(201)
      const refused = expectError(await magicUrl('https://evil.test/steal'), 400, 'general_argument_invalid')
      expect(refused.message).toBe('Invalid `url` param: Invalid URI. Register your new client (evil.test) as a new Web platform on your project console dashboard')
      // The Host a request came in on is not trusted as such.
      expectError(await magicUrl(`${api.base.replace('127.0.0.1', '127.0.0.2')}/done`), 400, 'general_argument_invalid')
    })

    it(v2 ? 'lets 127.0.0.1 and [::1] stand for a localhost platform' : 'does not treat 127.0.0.1 or [::1] as localhost', async () => {
      for (const url of ['http://127.0.0.1:5173/done', 'http://[::1]:5173/done']) {
        const response = await magicUrl(url)
        if (v2) expect(response.status).toBe(201)
        else expectError(response, 400, 'general_argument_invalid')
      }
    })

    it('checks OAuth2 success and failure URLs, and takes a configured domain', async () => {
      const bad = await api.request('GET', '/account/tokens/oauth2/mock?project=demo&success=https%3A%2F%2Fevil.test%2F&failure=https%3A%2F%2Fapp.example.com%2F')
      expect(bad.status).toBe(400)
      expect(bad.text).toContain('general_argument_invalid')
      const own = await startTestServer({ version, config: demoConfigWith({ platforms: [] }, { domain: 'appwrite.example.net' }) })
      try {
        const ok = await own.request('POST', '/account/verifications/email', { session: await own.signIn('alan@example.com'), body: { url: 'https://appwrite.example.net/verify' } })
        expect(ok.status).toBe(201)
        const local = await own.request('POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: 'r2@example.com', url: 'http://localhost/done' } })
        expectError(local, 400, 'general_argument_invalid')
        const recovery = await own.request('POST', '/account/recovery', { body: { email: 'alan@example.com', url: 'https://elsewhere.example.net/r' } })
        expectError(recovery, 400, 'general_argument_invalid')
      } finally {
        await own.close()
      }
    })
  })
})
