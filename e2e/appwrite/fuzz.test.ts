// Bad input never crashes the server: 1,200 random malformed requests (loopback only), then the
// server must still answer correctly.
import { randomBytes } from 'node:crypto'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSchema, ErrorSchema } from '../../src/appwrite/models.ts'
import { httpRequest, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

const REQUESTS = 1200

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const api = suiteServer({ version })

  /** Deterministic, so a failure can be replayed. */
  function generator(seed: number) {
    let state = seed
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
      return state / 2_147_483_648
    }
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
    return { next, pick }
  }

  /** Real routes with their method, so most requests get past routing into validation and actions. */
  const ENDPOINTS: readonly [string, string][] = [
    ['GET', '/v1/account'], ['POST', '/v1/account'], ['DELETE', '/v1/account'], ['GET', '/v1/account/sessions'],
    ['DELETE', '/v1/account/sessions'], ['POST', '/v1/account/sessions/email'], ['POST', '/v1/account/sessions/anonymous'],
    ['POST', '/v1/account/sessions/token'], ['PUT', '/v1/account/sessions/magic-url'], ['GET', '/v1/account/sessions/current'],
    ['PATCH', '/v1/account/sessions/current'], ['DELETE', '/v1/account/sessions/%ZZ'], ['GET', '/v1/account/prefs'],
    ['PATCH', '/v1/account/prefs'], ['GET', '/v1/account/logs'], ['GET', '/v1/account/logs?queries[]=%7B'],
    ['GET', '/v1/account/logs?queries=abc&total=maybe'], ['PATCH', '/v1/account/name'], ['PATCH', '/v1/account/password'],
    ['PATCH', '/v1/account/email'], ['PATCH', '/v1/account/phone'], ['POST', '/v1/account/jwts'], ['POST', '/v1/account/tokens/email'],
    ['POST', '/v1/account/tokens/magic-url'], ['POST', '/v1/account/tokens/phone'], ['POST', '/v1/account/recovery'],
    ['PUT', '/v1/account/recovery'], ['POST', '/v1/account/verifications/email'], ['PUT', '/v1/account/verifications/email'],
    ['GET', '/v1/account/tokens/oauth2/mock'], ['GET', '/v1/account/sessions/oauth2/mock/redirect?state=%7B%7D'], ['POST', '/v1/users'],
    ['GET', '/v1/users/ada/sessions'], ['POST', '/v1/users/ada/tokens'], ['GET', '/v1/nope'], ['GET', '/nothing'], ['GET', '/v1//account'],
    ['GET', '/v1/account?project[]=x'],
  ]
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE']

  function randomBody(rng: ReturnType<typeof generator>): string | Buffer {
    switch (Math.floor(rng.next() * 8)) {
      case 0:
        return randomBytes(Math.floor(rng.next() * 200))
      case 1:
        return Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) // invalid UTF-8 inside JSON
      case 2:
        return '{"email":'
      case 3:
        return JSON.stringify({ email: rng.pick([42, null, [], {}, 'a@b', 'x'.repeat(5000)]), password: rng.pick([true, 1e308, 'p'.repeat(300), ['x']]), prefs: rng.pick(['s', [1], { a: 'x'.repeat(70_000) }, null]), userId: rng.pick(['unique()', '_x', '🙂', 'a'.repeat(40)]), duration: rng.pick([-1, 3601, 'NaN', 1.5]) })
      case 4:
        return JSON.stringify(rng.pick([null, 1, 'text', [1, 2], true]))
      case 5:
        return JSON.stringify({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } }, name: 'x' })
      case 6:
        return 'name=%E0%A4%A&email[]=1&email[]=2&password[a]=b'
      default:
        return ''
    }
  }

  function randomHeaders(rng: ReturnType<typeof generator>): Record<string, string> {
    const headers: Record<string, string> = {}
    headers['X-Appwrite-Project'] = rng.next() < 0.85 ? 'demo' : rng.pick(['staging', 'missing', '', 'd'.repeat(300)])
    if (rng.next() < 0.3) headers['X-Appwrite-Key'] = rng.pick(['standard_demo_0123456789abcdef', 'wrong'])
    if (rng.next() < 0.5) headers['Content-Type'] = rng.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1'])
    if (rng.next() < 0.3) headers['X-Appwrite-Session'] = rng.pick(['', 'garbage', 'e30=', Buffer.from('{"id":1,"secret":[]}').toString('base64'), '%%%'])
    if (rng.next() < 0.3) headers['X-Fallback-Cookies'] = rng.pick(['{', '[]', '{"a_session_demo":5}', 'null', '"x"'])
    if (rng.next() < 0.3) headers['Cookie'] = rng.pick(['a_session_demo=%E0%A4%A', 'a_session_demo', '=;;=', 'a_session_demo=e30%3D'])
    if (rng.next() < 0.2) headers['X-Appwrite-JWT'] = rng.pick(['a.b.c', 'x', 'eyJhbGciOiJub25lIn0.e30.', '...'])
    if (rng.next() < 0.2) headers['Origin'] = rng.pick(['null', 'chrome-extension://', '://', 'http://[::1', 'moz-extension://x', 'file:///etc'])
    if (rng.next() < 0.2) headers['X-Appwrite-Response-Format'] = rng.pick(['abc', '0.15.0', '99.0.0', '1.4'])
    if (rng.next() < 0.2) headers['User-Agent'] = rng.pick(['', 'x'.repeat(4000), 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)'])
    return headers
  }

  it(`survives ${REQUESTS} random malformed requests and still answers correctly`, async () => {
    const rng = generator(20_261_126)
    const statuses = new Map<number, number>()
    const batch = 20
    for (let sent = 0; sent < REQUESTS; sent += batch) {
      const requests = Array.from({ length: batch }, () => {
        const [routeMethod, path] = rng.pick(ENDPOINTS)
        const method = rng.next() < 0.8 ? routeMethod : rng.pick(METHODS)
        const body = method === 'GET' && rng.next() < 0.7 ? undefined : randomBody(rng)
        return httpRequest(api.base, method, path, randomHeaders(rng), body)
      })
      for (const response of await Promise.all(requests)) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        expect(response.status).toBeGreaterThanOrEqual(200)
        // A 500 would mean an unexpected exception; nothing here should cause one.
        expect(response.status).toBeLessThan(500)
        if (response.headers['content-type']?.startsWith('application/json') && response.status >= 400 && response.text !== '') {
          v.parse(ErrorSchema, JSON.parse(response.text))
        }
      }
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS)
    // The mix reached past routing into validation, auth and actions, not just 404s.
    expect(statuses.size).toBeGreaterThanOrEqual(6)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()

    const session = await api.signIn('ada@example.com')
    const account = await api.request('GET', '/account', { session })
    expect(account.status).toBe(200)
    expect(v.parse(AccountSchema, account.json).email).toBe('ada@example.com')
  })
})
