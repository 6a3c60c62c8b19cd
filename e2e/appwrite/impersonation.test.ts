// Impersonation in both versions (docs/appwrite/wire-2x.md section 5): who may, how the target is named, the
// `users.read` scope it brings, and the one difference: 1.9.6 runs every Account route as the target, 2.x only
// GET and DELETE /account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppwriteVersion } from './config.ts'
import { defaultConfig } from './default-config.ts'
import { mfaUser } from './mfa-testing.ts'
import { APPWRITE_VERSIONS, DEMO_API_KEY, demoConfigWith, expectError, newEmail, startTestServer, type TestServer } from './testing.ts'

const demoUsers = defaultConfig.projects?.[0]?.users ?? []
const OPERATOR = { $id: 'olivia', email: 'olivia@example.com', password: 'lanyard-demo', name: 'Olivia Operator', impersonator: true }
const KEY = { 'X-Appwrite-Key': DEMO_API_KEY }
const ADA_PHONE = '+4915112345678'

interface Account {
  $id: string
  name: string
  impersonator: boolean
  impersonatorUserId: string | null
  prefs: Record<string, unknown>
}

describe.each(APPWRITE_VERSIONS)('impersonation on %s', (version: AppwriteVersion) => {
  let api: TestServer
  let operator: string
  beforeAll(async () => {
    api = await startTestServer({ version, config: demoConfigWith({ users: [...demoUsers, OPERATOR] }) })
    operator = await api.signIn('olivia@example.com')
  })
  afterAll(() => api.close())

  const me = async (headers: Record<string, string> = {}, query = '') => (await api.request('GET', `/account${query}`, { session: operator, headers })).json as Account

  /** A user made with the key, so a test may change or delete it. */
  async function newUser(label: string): Promise<{ id: string; email: string }> {
    const email = newEmail(label)
    const created = await api.request('POST', '/users', { headers: KEY, body: { userId: 'unique()', email, password: 'password-123', name: label } })
    return { id: (created.json as { $id: string }).$id, email }
  }

  it('shows the operator its own flag, with no target', async () => {
    expect(await me()).toMatchObject({ $id: 'olivia', impersonator: true, impersonatorUserId: null })
  })

  it('GET /account answers as the target named by id, email (any case) or phone, with impersonatorUserId', async () => {
    expect(await me({ 'X-Appwrite-Impersonate-User-Id': 'ada' })).toMatchObject({ $id: 'ada', impersonator: false, impersonatorUserId: 'olivia' })
    expect(await me({ 'X-Appwrite-Impersonate-User-Email': 'GRACE@Example.com' })).toMatchObject({ $id: 'grace', impersonatorUserId: 'olivia' })
    expect(await me({ 'X-Appwrite-Impersonate-User-Phone': ADA_PHONE })).toMatchObject({ $id: 'ada', impersonatorUserId: 'olivia' })
  })

  it('takes the id before the email before the phone', async () => {
    const all = { 'X-Appwrite-Impersonate-User-Id': 'alan', 'X-Appwrite-Impersonate-User-Email': 'grace@example.com', 'X-Appwrite-Impersonate-User-Phone': ADA_PHONE }
    expect((await me(all)).$id).toBe('alan')
    const { 'X-Appwrite-Impersonate-User-Id': _id, ...emailAndPhone } = all
    expect((await me(emailAndPhone)).$id).toBe('grace')
  })

  it('on GET, reads the query parameters too, after the headers', async () => {
    expect((await me({}, '?impersonateUserId=ada')).$id).toBe('ada')
    expect((await me({}, '?impersonateuserid=grace')).$id).toBe('grace')
    expect((await me({}, '?impersonateEmail=grace%40example.com')).$id).toBe('grace')
    expect((await me({ 'X-Appwrite-Impersonate-User-Id': 'alan' }, '?impersonateUserId=ada')).$id).toBe('alan')
  })

  it('ignores unknown targets, and the headers of users without the flag', async () => {
    expect(await me({ 'X-Appwrite-Impersonate-User-Id': 'nobody' })).toMatchObject({ $id: 'olivia', impersonatorUserId: null })
    const ada = await api.signIn('ada@example.com')
    const asAda = await api.request('GET', '/account', { session: ada, headers: { 'X-Appwrite-Impersonate-User-Id': 'grace' } })
    expect(asAda.json).toMatchObject({ $id: 'ada', impersonatorUserId: null })
  })

  it('gives impersonators users.read with their own session: list with search and queries, and get', async () => {
    const list = await api.request('GET', '/users', { session: operator })
    expect(list.status).toBe(200)
    const body = list.json as { total: number; users: Record<string, unknown>[] }
    expect(body.total).toBeGreaterThanOrEqual(5)
    // The User model of the Users API: the password hash comes along (docs/appwrite/wire-2x.md section 5.4).
    expect(body.users.find((user) => user['$id'] === 'ada')).toMatchObject({ email: 'ada@example.com', password: expect.stringMatching(/^[0-9a-f]{64}$/), hash: 'sha', hashOptions: { type: 'sha', version: 'sha256' } })

    const search = (await api.request('GET', '/users?search=grace', { session: operator })).json as { total: number; users: { $id: string }[] }
    expect(search.users.map((user) => user.$id)).toEqual(['grace'])
    const query = (name: string, values: unknown[]) => `queries[]=${encodeURIComponent(JSON.stringify({ method: name, values }))}`
    const paged = (await api.request('GET', `/users?${query('limit', [2])}&${query('offset', [1])}`, { session: operator })).json as { total: number; users: unknown[] }
    expect(paged.users).toHaveLength(2)
    expect(paged.total).toBe(body.total)
    const flagged = `queries[]=${encodeURIComponent(JSON.stringify({ method: 'equal', attribute: 'impersonator', values: [true] }))}`
    expect(((await api.request('GET', `/users?${flagged}`, { session: operator })).json as { users: { $id: string }[] }).users.map((user) => user.$id)).toEqual(['olivia'])

    expect((await api.request('GET', '/users/ada', { session: operator })).json).toMatchObject({ $id: 'ada', hash: 'sha' })
    expectError(await api.request('GET', '/users/nobody', { session: operator }), 404, 'user_not_found')
    // users.read only: no writes.
    expectError(await api.request('POST', '/users', { session: operator, body: { userId: 'unique()' } }), 401, 'general_unauthorized_scope')
  })

  it('refuses users.read to users without the flag', async () => {
    const ada = await api.signIn('ada@example.com')
    expectError(await api.request('GET', '/users', { session: ada }), 401, 'general_unauthorized_scope')
    expectError(await api.request('GET', '/users/grace', { session: ada }), 401, 'general_unauthorized_scope')
  })

  it('sets the flag with PATCH /v1/users/{id}/impersonator and a key', async () => {
    const user = await newUser('flagged')
    expectError(await api.request('PATCH', `/users/${user.id}/impersonator`, { session: operator, body: { impersonator: true } }), 401, 'general_unauthorized_scope')
    const patched = await api.request('PATCH', `/users/${user.id}/impersonator`, { headers: KEY, body: { impersonator: true } })
    expect(patched.status).toBe(200)
    expect(patched.json).toMatchObject({ $id: user.id, impersonator: true })
    const session = await api.signIn(user.email, 'password-123')
    const asAda = await api.request('GET', '/account', { session, headers: { 'X-Appwrite-Impersonate-User-Id': 'ada' } })
    expect(asAda.json).toMatchObject({ $id: 'ada', impersonatorUserId: user.id })
    await api.request('PATCH', `/users/${user.id}/impersonator`, { headers: KEY, body: { impersonator: false } })
    expect((await api.request('GET', '/account', { session, headers: { 'X-Appwrite-Impersonate-User-Id': 'ada' } })).json).toMatchObject({ $id: user.id })
    expectError(await api.request('PATCH', '/users/nobody/impersonator', { headers: KEY, body: { impersonator: true } }), 404, 'user_not_found')
  })

  it('answers 403 user_blocked for a blocked target', async () => {
    const user = await newUser('blocked-target')
    await api.request('PATCH', `/users/${user.id}/status`, { headers: KEY, body: { status: false } })
    expectError(await api.request('GET', '/account', { session: operator, headers: { 'X-Appwrite-Impersonate-User-Id': user.id } }), 403, 'user_blocked')
  })

  it('DELETE /account deletes the target, not the operator', async () => {
    const user = await newUser('deleted-target')
    const deleted = await api.request('DELETE', '/account', { session: operator, headers: { 'X-Appwrite-Impersonate-User-Id': user.id } })
    expect(deleted.status).toBe(204)
    expectError(await api.request('GET', `/users/${user.id}`, { headers: KEY }), 404, 'user_not_found')
    expect((await me()).$id).toBe('olivia')
  })

  it(version === '1.9.6' ? 'runs every other Account route as the target too' : 'runs every other Account route as the operator', async () => {
    const user = await newUser('prefs-target')
    const changed = await api.request('PATCH', '/account/prefs', { session: operator, headers: { 'X-Appwrite-Impersonate-User-Id': user.id }, body: { prefs: { marker: version } } })
    expect(changed.status).toBe(200)
    const targetPrefs = ((await api.request('GET', `/users/${user.id}`, { headers: KEY })).json as { prefs?: unknown }).prefs
    const operatorPrefs = (await me()).prefs
    if (version === '1.9.6') {
      expect(changed.json).toMatchObject({ $id: user.id, impersonatorUserId: 'olivia' })
      expect(targetPrefs).toEqual({ marker: version })
      expect(operatorPrefs).not.toHaveProperty('marker')
    } else {
      expect(changed.json).toMatchObject({ $id: 'olivia', impersonatorUserId: null })
      expect(targetPrefs).toEqual({})
      expect(operatorPrefs).toEqual({ marker: version })
    }
  })

  it(version === '1.9.6' ? 'skips the MFA check of an MFA-enforced target' : "checks an MFA-enforced target's minimum against the operator's session", async () => {
    const { userId } = await mfaUser(api, 'mfa-target')
    const response = await api.request('GET', '/account', { session: operator, headers: { 'X-Appwrite-Impersonate-User-Id': userId } })
    if (version === '1.9.6') expect(response.json).toMatchObject({ $id: userId, impersonatorUserId: 'olivia' })
    else expectError(response, 401, 'user_more_factors_required')
  })

  it('reads the query parameters on GET only', async () => {
    const changed = await api.request('PATCH', '/account/name?impersonateUserId=ada', { session: operator, body: { name: 'Olivia Operator' } })
    expect(changed.json).toMatchObject({ $id: 'olivia', name: 'Olivia Operator' })
  })
})
