// Sessions over time and the data around them: the sessions limit, expiry, PATCH, invalidation on
// password change, prefs size, logs paging, and what a session records about the device.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSchema, LogListSchema, PreferencesSchema, SessionListSchema, SessionSchema } from '../../src/appwrite/models.ts'
import { demoConfigWith, expectError, newEmail, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const v2 = version === '2.7.1'
  const api = suiteServer({ version, config: demoConfigWith({ auths: { sessionsLimit: 3, duration: 3600 } }, { trustProxy: true }) })

  async function newUser(label: string, password = 'password-123'): Promise<{ email: string; session: string }> {
    const email = newEmail(label)
    await api.request('POST', '/account', { body: { userId: 'unique()', email, password } })
    return { email, session: await api.signIn(email, password) }
  }

  async function listSessions(session: string) {
    return v.parse(SessionListSchema, (await api.request('GET', '/account/sessions', { session })).json)
  }

  describe('session lifetime', () => {
    it('removes the oldest sessions beyond the project limit', async () => {
      const { email, session: first } = await newUser('limit')
      const later = [await api.signIn(email, 'password-123'), await api.signIn(email, 'password-123'), await api.signIn(email, 'password-123')]
      expect((await api.request('GET', '/account', { session: first })).status).toBe(401)
      const list = await listSessions(later[2] ?? '')
      expect(list.total).toBe(3)
    })

    it('expires sessions after auths.duration', async () => {
      const { session } = await newUser('expiry')
      const current = v.parse(SessionSchema, (await api.request('GET', '/account/sessions/current', { session })).json)
      expect(Date.parse(current.expire) - Date.parse(current.$createdAt)).toBe(3600 * 1000)
      await api.dev('POST', '/__dev/clock', { offsetMs: 3_601_000 })
      expectError(await api.request('GET', '/account', { session }), 401, 'general_unauthorized_scope')
    })

    it('extends a session with PATCH, whose body has no current flag, no country name and a database-format expiry', async () => {
      const { session } = await newUser('patch')
      const before = v.parse(SessionSchema, (await api.request('GET', '/account/sessions/current', { session })).json)
      await api.dev('POST', '/__dev/clock', { offsetMs: 60_000 })
      const patched = await api.request('PATCH', '/account/sessions/current', { session })
      expect(patched.status).toBe(200)
      const body = v.parse(SessionSchema, patched.json)
      expect(body.current).toBe(false)
      expect(body.countryName).toBe('')
      expect(body.expire).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)
      const after = v.parse(SessionSchema, (await api.request('GET', '/account/sessions/current', { session })).json)
      expect(Date.parse(after.expire) - Date.parse(before.expire)).toBeGreaterThanOrEqual(60_000)
      expect(after.current).toBe(true)
    })

    it('answers 404 user_session_not_found for another user\'s session', async () => {
      const a = await newUser('mine')
      const b = await newUser('theirs')
      const theirs = (await listSessions(b.session)).sessions[0]?.$id ?? ''
      expectError(await api.request('DELETE', `/account/sessions/${theirs}`, { session: a.session }), 404, 'user_session_not_found')
      expectError(await api.request('GET', `/account/sessions/${theirs}`, { session: a.session }), 404, 'user_session_not_found')
    })

    it('deletes every session with DELETE /account/sessions', async () => {
      const { email, session } = await newUser('all')
      const other = await api.signIn(email, 'password-123')
      const response = await api.request('DELETE', '/account/sessions', { session })
      expect(response.status).toBe(204)
      expect(response.headers.get('x-fallback-cookies')).toBe('[]')
      expect((await api.request('GET', '/account', { session: other })).status).toBe(401)
    })
  })

  describe('password changes', () => {
    it('ends the other sessions when invalidateSessions is on, and checks the old password', async () => {
      const { email, session } = await newUser('invalidate')
      const other = await api.signIn(email, 'password-123')
      expectError(await api.request('PATCH', '/account/password', { session, body: { password: 'new-password-1', oldPassword: 'wrong-one' } }), 401, 'user_invalid_credentials')
      expectError(await api.request('PATCH', '/account/password', { session, body: { password: 'new-password-1' } }), 401, 'user_invalid_credentials')
      const changed = await api.request('PATCH', '/account/password', { session, body: { password: 'new-password-1', oldPassword: 'password-123' } })
      expect(v.parse(AccountSchema, changed.json).passwordUpdate).not.toBe('')
      expect((await api.request('GET', '/account', { session })).status).toBe(200)
      expect((await api.request('GET', '/account', { session: other })).status).toBe(401)
      expect(await api.signIn(email, 'new-password-1')).toBeTruthy()
    })

    it('keeps a password history from creation and names its errors without the user_ prefix', async () => {
      const strict = await startTestServer({ version, config: demoConfigWith({ auths: { passwordHistory: 2, personalDataCheck: true } }) })
      try {
        const email = newEmail('history')
        await strict.request('POST', '/account', { body: { userId: 'unique()', email, password: 'first-pass-1' } })
        const session = await strict.signIn(email, 'first-pass-1')
        const again = expectError(await strict.request('PATCH', '/account/password', { session, body: { password: 'first-pass-1', oldPassword: 'first-pass-1' } }), 400, 'password_recently_used')
        expect(again.version).toBe(version)
        const local = email.split('@')[0] ?? ''
        expectError(await strict.request('PATCH', '/account/password', { session, body: { password: `x-${local}-x`, oldPassword: 'first-pass-1' } }), 400, 'password_personal_data')
        expect((await strict.request('PATCH', '/account/password', { session, body: { password: 'second-pass-2', oldPassword: 'first-pass-1' } })).status).toBe(200)
      } finally {
        await strict.close()
      }
    })

    it('keeps the other sessions when invalidateSessions is off', async () => {
      const relaxed = await startTestServer({ version, config: demoConfigWith({ auths: { invalidateSessions: false } }) })
      try {
        const email = newEmail('keep')
        await relaxed.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
        const session = await relaxed.signIn(email, 'password-123')
        const other = await relaxed.signIn(email, 'password-123')
        await relaxed.request('PATCH', '/account/password', { session, body: { password: 'new-password-1', oldPassword: 'password-123' } })
        expect((await relaxed.request('GET', '/account', { session: other })).status).toBe(200)
      } finally {
        await relaxed.close()
      }
    })
  })

  describe('sessions rules that differ between the versions', () => {
    it(v2 ? 'keeps at most 10 sessions per user by default, deleting the oldest' : 'has no session limit by default (projects created by 1.9.6)', async () => {
      const plain = await startTestServer({ version, config: demoConfigWith({}) })
      try {
        const email = newEmail('cap')
        await plain.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
        const sessions: string[] = []
        for (let i = 0; i < 12; i++) sessions.push(await plain.signIn(email, 'password-123'))
        const list = v.parse(SessionListSchema, (await plain.request('GET', '/account/sessions', { session: sessions[11] ?? '' })).json)
        expect(list.total).toBe(v2 ? 10 : 12)
        expect((await plain.request('GET', '/account', { session: sessions[1] ?? '' })).status).toBe(v2 ? 401 : 200)
        expect((await plain.request('GET', '/account', { session: sessions[2] ?? '' })).status).toBe(200)
      } finally {
        await plain.close()
      }
    })

    it(v2 ? 'takes total on the sessions list' : 'ignores total on the sessions list', async () => {
      const { session } = await newUser('total')
      expect(v.parse(SessionListSchema, (await api.request('GET', '/account/sessions?total=0', { session })).json).total).toBe(v2 ? 0 : 1)
      expect(v.parse(SessionListSchema, (await api.request('GET', '/account/sessions?total=1', { session })).json).total).toBe(1)
    })

    it(v2 ? 'takes a duration for email sign-in, from 60 seconds to the session length' : 'ignores duration on email sign-in', async () => {
      const { email } = await newUser('duration')
      const signIn = (duration: unknown) => api.request('POST', '/account/sessions/email', { body: { email, password: 'password-123', duration } })
      const short = await signIn(120)
      expect(short.status).toBe(201)
      const body = v.parse(SessionSchema, short.json)
      expect(Date.parse(body.expire) - Date.parse(body.$createdAt)).toBe((v2 ? 120 : 3600) * 1000)
      for (const bad of [59, 3601, 'soon']) {
        const response = await signIn(bad)
        if (v2) expect(expectError(response, 400, 'general_argument_invalid').message).toBe('Invalid `duration` param: Value must be a valid range between 60 and 3,600')
        else expect(response.status).toBe(201)
      }
    })

    it(v2 ? 'ends only the other sessions with DELETE /account/sessions?current=false' : 'ends every session with DELETE /account/sessions?current=false', async () => {
      const { email, session } = await newUser('others')
      const other = await api.signIn(email, 'password-123')
      const response = await api.request('DELETE', '/account/sessions?current=false', { session })
      expect(response.status).toBe(204)
      expect((await api.request('GET', '/account', { session: other })).status).toBe(401)
      expect((await api.request('GET', '/account', { session })).status).toBe(v2 ? 200 : 401)
      expect(response.headers.get('x-fallback-cookies')).toBe(v2 ? null : '[]')
    })
  })

  describe('prefs', () => {
    it('accepts prefs up to 65,535 encoded bytes and rejects more, and rejects strings and lists', async () => {
      const { session } = await newUser('prefs')
      const fits = { note: 'x'.repeat(65_535 - '{"note":""}'.length) }
      expect((await api.request('PATCH', '/account/prefs', { session, body: { prefs: fits } })).status).toBe(200)
      const tooBig = { note: 'x'.repeat(65_536 - '{"note":""}'.length) }
      const rejected = expectError(await api.request('PATCH', '/account/prefs', { session, body: { prefs: tooBig } }), 400, 'general_argument_invalid')
      expect(rejected.message).toBe('Invalid `prefs` param: Value must be a valid object.')
      // PHP escapes `/` and non-ASCII, which counts against the limit.
      const slashes = { note: '/'.repeat(40_000) }
      expectError(await api.request('PATCH', '/account/prefs', { session, body: { prefs: slashes } }), 400, 'general_argument_invalid')
      expectError(await api.request('PATCH', '/account/prefs', { session, body: { prefs: 'theme=dark' } }), 400, 'general_argument_invalid')
      expectError(await api.request('PATCH', '/account/prefs', { session, body: { prefs: [1, 2] } }), 400, 'general_argument_invalid')
      // Keys exactly "0".."n-1" make a list to PHP; any other keys stay an object.
      expectError(await api.request('PATCH', '/account/prefs', { session, body: { prefs: { 0: 'a', 1: 'b' } } }), 400, 'general_argument_invalid')
      expect((await api.request('PATCH', '/account/prefs', { session, body: { prefs: { 1: 'a', 2: 'b' } } })).status).toBe(200)
      expect((await api.request('PATCH', '/account/prefs', { session, body: { prefs: [] } })).status).toBe(200)
      expect(v.parse(PreferencesSchema, (await api.request('GET', '/account/prefs', { session })).json)).toEqual({})
    })
  })

  // Each mode defines only the test of its own behaviour: a skipped test counts as a failure here.
  describe('logs', () => {
    if (v2) it('has no GET /account/logs: the wildcard answers with an HTML 404', async () => {
      const { session } = await newUser('nologs')
      const response = await api.request('GET', '/account/logs', { session })
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(response.text).toContain('general_route_not_found')
    })

    if (!v2) it('lists events newest first with limit and offset queries and an optional total', async () => {
      const { session } = await newUser('logs')
      for (const name of ['One', 'Two', 'Three']) await api.request('PATCH', '/account/name', { session, body: { name } })
      const all = v.parse(LogListSchema, (await api.request('GET', '/account/logs', { session })).json)
      expect(all.logs.map((log) => log.event)).toEqual(['user.update', 'user.update', 'user.update', 'session.create', 'user.create'])
      expect(all.total).toBe(5)
      expect(all.logs[0]).toMatchObject({ userName: 'Three', mode: 'default', userType: 'user' })
      // Each entry keeps the name the user had at the time.
      expect(all.logs.map((log) => log.userName)).toEqual(['Three', 'Two', 'One', '', ''])

      const query = (q: object) => encodeURIComponent(JSON.stringify(q))
      const page = v.parse(LogListSchema, (await api.request('GET', `/account/logs?queries[]=${query({ method: 'limit', values: [2] })}&queries[]=${query({ method: 'offset', values: [3] })}`, { session })).json)
      expect(page.logs.map((log) => log.event)).toEqual(['session.create', 'user.create'])

      expect(v.parse(LogListSchema, (await api.request('GET', '/account/logs?total=0', { session })).json).total).toBe(0)
      // 1.9.6 reads the query-string "false" as true (docs/appwrite/wire.md section 3.2).
      expect(v.parse(LogListSchema, (await api.request('GET', '/account/logs?total=false', { session })).json).total).toBe(5)

      const badMethod = expectError(await api.request('GET', `/account/logs?queries[]=${query({ method: 'equal', attribute: 'event', values: ['x'] })}`, { session }), 400, 'general_argument_invalid')
      expect(badMethod.message).toBe('Invalid `queries` param: Invalid query method: equal')
      expectError(await api.request('GET', '/account/logs?queries[]=not-json', { session }), 400, 'general_argument_invalid')
    })

    it('records the device, client and country of the caller', async () => {
      const email = newEmail('device')
      await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } })
      const session = await api.signIn(email, 'password-123', { headers: { 'User-Agent': CHROME_MAC, 'X-Forwarded-For': '192.0.2.20' } })
      const current = v.parse(SessionSchema, (await api.request('GET', '/account/sessions/current', { session })).json)
      expect(current).toMatchObject({
        ip: '192.0.2.20',
        osCode: 'MAC',
        osName: 'Mac',
        osVersion: '10.15',
        clientType: 'browser',
        clientCode: 'CH',
        clientName: 'Chrome',
        clientVersion: '124.0',
        clientEngine: 'Blink',
        clientEngineVersion: '124.0.6367.91',
        deviceName: 'desktop',
        deviceBrand: 'Apple',
        // Lower-case, as Appwrite stores it.
        countryCode: 'de',
        countryName: 'Germany',
      })
      if (v2) return
      const logs = v.parse(LogListSchema, (await api.request('GET', '/account/logs', { session })).json)
      expect(logs.logs[0]).toMatchObject({ event: 'session.create', countryCode: 'de', clientName: 'Chrome', ip: '192.0.2.20' })
    })

    it('shows local addresses as country -- / Unknown', async () => {
      const { session } = await newUser('local')
      const current = v.parse(SessionSchema, (await api.request('GET', '/account/sessions/current', { session })).json)
      expect(current).toMatchObject({ ip: '127.0.0.1', countryCode: '--', countryName: 'Unknown' })
    })

    it('shows the seeded demo users with sessions in several countries and a history', async () => {
      const session = await api.signIn('ada@example.com')
      const list = await listSessions(session)
      const countries = new Set(list.sessions.map((item) => item.countryName))
      expect(countries.size).toBeGreaterThanOrEqual(3)
      if (v2) return
      const logs = v.parse(LogListSchema, (await api.request('GET', '/account/logs', { session })).json)
      expect(logs.logs.map((log) => log.event)).toContain('session.delete')
      const times = logs.logs.map((log) => Date.parse(log.time))
      expect([...times].sort((a, b) => b - a)).toEqual(times)
    })
  })
})
