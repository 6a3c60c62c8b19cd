import { describe, expect, it } from 'vitest'
import { appwriteError, encodeSession, fakeFetch, json, wireAccount, rejection } from './fake-fetch.ts'
import { createTransport, errorFromResponse } from './http.ts'
import { AccountSchema } from './models.ts'

const endpoint = 'https://appwrite.example.com/v1'
const session = encodeSession('user1', 'a'.repeat(64))

describe('every request', () => {
  it('omits ambient credentials, refuses redirects, bypasses the cache, and sends project, format and both session headers', async () => {
    const fetch = fakeFetch(() => json(200, wireAccount()))
    const transport = createTransport({ endpoint, projectId: 'proj', fetch })
    await transport.send({ method: 'PATCH', path: '/account/name', session, body: { name: 'Ada' } }, AccountSchema)
    const [request] = fetch.requests
    expect(request?.url.href).toBe(`${endpoint}/account/name`)
    expect(request?.init).toEqual(expect.objectContaining({ method: 'PATCH', credentials: 'omit', redirect: 'error', cache: 'no-store' }))
    expect(request?.init.signal).toBeInstanceOf(AbortSignal)
    expect(request?.headers).toEqual({
      'X-Appwrite-Project': 'proj',
      'X-Appwrite-Response-Format': '1.9.0',
      'X-Appwrite-Session': session,
      'X-Fallback-Cookies': `{"a_session_proj":"${session}"}`,
      'Content-Type': 'application/json',
    })
    expect(request?.body).toEqual({ name: 'Ada' })
  })

  it('sends no session header and no content type when there is neither', async () => {
    const fetch = fakeFetch(() => new Response(null, { status: 204 }))
    await createTransport({ endpoint, projectId: 'proj', fetch }).sendNoContent({ method: 'DELETE', path: '/x' })
    expect(Object.keys(fetch.requests[0]?.headers ?? {})).toEqual(['X-Appwrite-Project', 'X-Appwrite-Response-Format'])
  })
})

it('sends the response format it was given', async () => {
  const fetch = fakeFetch(() => new Response(null, { status: 204 }))
  await createTransport({ endpoint, projectId: 'proj', fetch, responseFormat: '2.4.0' }).sendNoContent({ method: 'DELETE', path: '/x' })
  expect(fetch.requests[0]?.headers['X-Appwrite-Response-Format']).toBe('2.4.0')
})

describe('error mapping', () => {
  const context = { call: { method: 'GET' as const, path: '/account' }, host: 'appwrite.example.com', secrets: [], now: 1_000_000 }

  it("keeps Appwrite's type, code and message", () => {
    const error = errorFromResponse(401, new Headers(), JSON.stringify({ message: 'Invalid credentials.', code: 401, type: 'user_invalid_credentials', version: '1.9.6' }), context)
    expect(error.toData()).toEqual({ type: 'user_invalid_credentials', code: 401, message: 'Invalid credentials.' })
    expect(error.version).toBe('1.9.6')
  })

  it('gives a 429 the time until X-RateLimit-Reset', () => {
    const headers = new Headers({ 'X-RateLimit-Reset': String(1_000_000 / 1000 + 42) })
    const error = errorFromResponse(429, headers, JSON.stringify({ message: 'Rate limit', code: 429, type: 'general_rate_limit_exceeded', version: '1.9.6' }), context)
    expect(error.toData()).toEqual({ type: 'general_rate_limit_exceeded', code: 429, message: 'Rate limit', retryAfterMs: 42_000 })
  })

  it('names the host to register on 403 general_unknown_origin', () => {
    const body = JSON.stringify({ message: 'Invalid Origin. Register your new client (abcdefghijklmnop) as a new Web (Chrome Extension) platform on your project console dashboard', code: 403, type: 'general_unknown_origin', version: '1.9.6' })
    const error = errorFromResponse(403, new Headers(), body, context)
    expect(error.type).toBe('general_unknown_origin')
    expect(error.message).toMatch(/hostname "abcdefghijklmnop"/)
    expect(error.message).toMatch(/appwrite\.example\.com/)
  })

  it("keeps an Appwrite 5xx error, and says the status when the body is not Appwrite's", () => {
    const appwrite = errorFromResponse(500, new Headers(), JSON.stringify({ message: 'Server Error', code: 500, type: 'general_unknown', version: '1.9.6' }), context)
    expect(appwrite.type).toBe('general_unknown')
    const proxy = errorFromResponse(502, new Headers({ 'Content-Type': 'text/html' }), '<html>Bad gateway</html>', context)
    expect(proxy.toData()).toEqual({ type: 'lanyard_server_error', code: 502, message: expect.stringMatching(/appwrite\.example\.com failed with HTTP 502 on GET \/account/) })
  })

  it('calls a 4xx without an Appwrite error body "not Appwrite"', () => {
    expect(errorFromResponse(404, new Headers({ 'Content-Type': 'text/html' }), '<h1>Not found</h1>', context).message).toMatch(/HTML page.*\/v1/)
    expect(errorFromResponse(404, new Headers(), '{"error":"nope"}', context).message).toMatch(/JSON that is not an Appwrite error/)
    expect(errorFromResponse(400, new Headers(), 'nope', context).type).toBe('lanyard_not_appwrite')
  })

  it.each([403, 429, 302])("reports a non-JSON %i as blocked by the project's firewall or a proxy", (status) => {
    for (const [headers, body] of [[{ 'Content-Type': 'text/html' }, '<html>Access denied</html>'], [{}, 'Too many']] as const) {
      const error = errorFromResponse(status, new Headers(headers), body, context)
      expect(error.toData()).toEqual({ type: 'lanyard_blocked', code: status, message: expect.stringContaining(`blocked by the project's firewall or a proxy (HTTP ${status})`) })
    }
  })

  it("reads the wildcard route's HTML 401/403 as blocked or as needing a second factor (docs/appwrite/wire-2x.md section 2)", () => {
    const page = (type: string) => `<!DOCTYPE html><html><body><h1>Error</h1><p>Type: <code>${type}</code></p></body></html>`
    const html = new Headers({ 'Content-Type': 'text/html; charset=UTF-8' })
    expect(errorFromResponse(401, html, page('user_more_factors_required'), context).type).toBe('user_more_factors_required')
    expect(errorFromResponse(403, html, page('user_blocked'), context).type).toBe('user_blocked')
    expect(errorFromResponse(401, html, page('general_route_not_found'), context).type).toBe('lanyard_not_appwrite')
  })

  it('never passes on a secret that a hostile server echoes', () => {
    const secret = 'b'.repeat(64)
    const body = JSON.stringify({ message: `bad session ${session} secret ${secret}`, code: 401, type: 'x', version: '1' })
    const error = errorFromResponse(401, new Headers(), body, { ...context, secrets: [session, secret] })
    expect(error.message).toBe('bad session [redacted] secret [redacted]')
  })

  it('cuts a flood of server text down', () => {
    const body = JSON.stringify({ message: 'x'.repeat(10_000), code: 400, type: 'x', version: '1' })
    expect(errorFromResponse(400, new Headers(), body, context).message.length).toBeLessThan(600)
  })
})

describe('answers that are not what the route promises', () => {
  it('reports a 2xx body that is not JSON with the endpoint', async () => {
    const fetch = fakeFetch(() => new Response('{"$id": "u1",', { status: 200, headers: { 'Content-Type': 'application/json' } }))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account', session }, AccountSchema))
    expect(error.type).toBe('lanyard_malformed_response')
    expect(error.message).toMatch(/GET \/account: the body is not valid JSON/)
  })

  it('reports a 2xx HTML page as not Appwrite', async () => {
    const fetch = fakeFetch(() => new Response('<!doctype html><p>Welcome to nginx', { status: 200, headers: { 'Content-Type': 'text/html' } }))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account' }, AccountSchema))
    expect(error.type).toBe('lanyard_not_appwrite')
  })

  it('names the failing field but never its value', async () => {
    const fetch = fakeFetch(() => json(200, wireAccount({ email: 'leaked-secret-value'.length, status: 'secret-looking-text' })))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account', session }, AccountSchema))
    expect(error.type).toBe('lanyard_malformed_response')
    expect(error.message).toMatch(/status should be boolean/)
    expect(error.message).toMatch(/email should be string/)
    expect(error.message).not.toMatch(/secret-looking-text/)
  })

  it('says a field is missing or not an Appwrite datetime', async () => {
    const { registration: _r, ...rest } = wireAccount({ accessedAt: 'not-a-date-secret' })
    const fetch = fakeFetch(() => json(200, rest))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account', session }, AccountSchema))
    expect(error.message).toBe('appwrite.example.com sent an unexpected answer to GET /account: registration is missing; accessedAt is not an Appwrite datetime.')
  })

  it('reports an empty body where a model was due', async () => {
    const fetch = fakeFetch(() => new Response('', { status: 200 }))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account', session }, AccountSchema))
    expect(error.type).toBe('lanyard_malformed_response')
  })
})

describe('no answer', () => {
  it('times out with lanyard_timeout naming the host', async () => {
    const fetch = fakeFetch(({ init }) => new Promise<Response>((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
    }))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch, timeoutMs: 20 }).send({ method: 'GET', path: '/account' }, AccountSchema))
    expect(error.toData()).toEqual({ type: 'lanyard_timeout', code: 0, message: expect.stringMatching(/appwrite\.example\.com did not answer/) })
  })

  it('says which host could not be reached', async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account' }, AccountSchema))
    expect(error.toData()).toEqual({ type: 'lanyard_network', code: 0, message: expect.stringMatching(/Could not reach appwrite\.example\.com/) })
  })

  it('explains a refused redirect', async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('unexpected redirect') })))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).send({ method: 'GET', path: '/account' }, AccountSchema))
    expect(error.message).toMatch(/redirect/)
    expect(error.type).toBe('lanyard_blocked')
    expect(error.message).toMatch(/firewall or a proxy \(HTTP 3xx\)/)
  })
})

describe('routes without a body', () => {
  it('still surface Appwrite errors', async () => {
    const fetch = fakeFetch(() => appwriteError(404, 'user_session_not_found'))
    const error = await rejection(createTransport({ endpoint, projectId: 'p', fetch }).sendNoContent({ method: 'DELETE', path: '/account/sessions/x', session }))
    expect(error.type).toBe('user_session_not_found')
  })
})
