import { describe, expect, it } from 'vitest'
import { appwriteError, fakeFetch, json, wireAccount } from './fake-fetch.ts'
import { probeProject } from './probe.ts'

const endpoint = 'https://appwrite.example.com/v1'

describe('probeProject', () => {
  it('accepts a guest 401 as "project found" and reports the server version', async () => {
    const fetch = fakeFetch(() => appwriteError(401, 'general_unauthorized_scope'))
    expect(await probeProject('https://appwrite.example.com', 'proj', { fetch })).toEqual({ ok: true, endpoint, version: '1.9.6' })
    expect(fetch.requests[0]?.url.href).toBe(`${endpoint}/account`)
    expect(fetch.requests[0]?.headers['X-Appwrite-Project']).toBe('proj')
  })

  it('takes the version from GET /health/version when the server answers it', async () => {
    const fetch = fakeFetch((request) =>
      request.url.pathname.endsWith('/health/version') ? json(200, { version: '2.7.1', extra: true }) : appwriteError(401, 'general_unauthorized_scope'),
    )
    expect(await probeProject(endpoint, 'proj', { fetch })).toEqual({ ok: true, endpoint, version: '2.7.1' })
    expect(fetch.requests.map((r) => r.url.pathname)).toEqual(['/v1/account', '/v1/health/version'])
  })

  it("keeps the error body's version when /health/version is not JSON", async () => {
    const fetch = fakeFetch((request) =>
      request.url.pathname.endsWith('/health/version') ? new Response('<html></html>', { status: 404, headers: { 'Content-Type': 'text/html' } }) : appwriteError(401, 'general_unauthorized_scope'),
    )
    expect(await probeProject(endpoint, 'proj', { fetch })).toEqual({ ok: true, endpoint, version: '1.9.6' })
  })

  it('names an unknown project', async () => {
    const result = await probeProject(endpoint, 'nope', { fetch: fakeFetch(() => appwriteError(404, 'project_not_found')) })
    expect(result).toEqual({ ok: false, reason: 'unknown_project', error: expect.objectContaining({ message: expect.stringMatching(/no project with the id "nope"/) }) })
  })

  it.each([
    ['an HTML page', () => new Response('<html></html>', { status: 404, headers: { 'Content-Type': 'text/html' } }), 'not_appwrite'],
    ['a 200', () => json(200, wireAccount()), 'not_appwrite'],
    ['an unknown origin', () => appwriteError(403, 'general_unknown_origin', 'Invalid Origin. Register your new client (abc) as a new Web platform'), 'unknown_origin'],
    ['another Appwrite error', () => appwriteError(403, 'general_api_disabled'), 'error'],
    ['no connection', () => Promise.reject(new TypeError('fetch failed')), 'unreachable'],
  ] as const)('classifies %s', async (_, answer, reason) => {
    const result = await probeProject(endpoint, 'proj', { fetch: fakeFetch(answer) })
    expect(result).toEqual(expect.objectContaining({ ok: false, reason }))
  })

  it('sends nothing to an invalid endpoint', async () => {
    const fetch = fakeFetch(() => appwriteError(401, 'general_unauthorized_scope'))
    expect(await probeProject('javascript:alert(1)', 'proj', { fetch })).toEqual(expect.objectContaining({ ok: false, reason: 'invalid_endpoint' }))
    expect(fetch.requests).toHaveLength(0)
  })
})
