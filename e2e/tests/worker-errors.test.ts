// Bad input and bad servers: each gets a specific, readable error, and nothing held is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { startTestServer, testProject, type TestServer } from '../harness/server.ts'
import { alphaConfig, EXTENSION_ID, seedUser, startWorld, TEST_PLATFORMS, type World } from '../harness/world.ts'
import { heldSecretIds } from './lock-support.ts'

describe('worker errors', () => {
  let world: World
  let project: Project
  let alice: AccountSummary

  beforeAll(async () => {
    const config = alphaConfig([seedUser('alice'), seedUser('bob')])
    // Sessions of `brief` last one minute (auths.duration), to meet an expired session.
    config.projects?.push(testProject('brief', { platforms: TEST_PLATFORMS, users: [seedUser('brenda')], auths: { duration: 60 } }))
    world = await startWorld(config)
    project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(() => world?.close())

  /** What must survive every failure below. */
  async function expectNothingLost() {
    const state = await world.ext.call('getState')
    expect(state.projects.map((p) => p.id)).toContain(project.id)
    expect(state.accounts.find((a) => a.id === alice.id)?.status).toBe('signedIn')
    expect(heldSecretIds(await world.ext.readStorage())).toContain(alice.id)
  }

  async function expectError(reply: Promise<unknown>, expected: { type: string; code?: number; message?: RegExp }) {
    const result = (await reply) as { ok: boolean; error?: { type: string; code: number; message: string } }
    expect(result.ok).toBe(false)
    expect(result.error?.type).toBe(expected.type)
    if (expected.code !== undefined) expect(result.error?.code).toBe(expected.code)
    if (expected.message) expect(result.error?.message).toMatch(expected.message)
  }

  describe('endpoints a person might type', () => {
    const add = (endpoint: string, projectId = 'alpha') => world.ext.send('addProject', { endpoint, projectId })

    it('not http(s)', () => expectError(add('ftp://files.example.test/v1'), { type: 'lanyard_invalid_endpoint', message: /https:\/\// }))
    it('javascript:', () => expectError(add('javascript:alert(1)'), { type: 'lanyard_invalid_endpoint', message: /javascript:/ }))
    it('credentials in the URL', () => expectError(add('https://user:pw@appwrite.example.test/v1'), { type: 'lanyard_invalid_endpoint', message: /user name and password/ }))
    it('plain http to a host that is not this machine', () =>
      expectError(add('http://appwrite.example.test/v1'), { type: 'lanyard_invalid_endpoint', message: /appwrite\.example\.test/ }))
    it('a host outside the granted permissions asks the page for the permission', () =>
      expectError(add('https://appwrite.example.test/v1'), { type: 'lanyard_permission_required', message: /https:\/\/appwrite\.example\.test\/\*/ }))
    it('an unknown project', () => expectError(add(world.server.endpoint, 'nope'), { type: 'project_not_found', code: 404, message: /nope/ }))
    it('a server that is down', () => expectError(add('http://127.0.0.1:9/v1'), { type: 'lanyard_network', message: /127\.0\.0\.1:9/ }))

    it('none of them changed the stored projects', async () => {
      expect((await world.ext.call('getState')).projects).toEqual([project])
      await expectNothingLost()
    })
  })

  it('wrong password', async () => {
    await expectError(world.ext.send('signIn', { method: 'email-password', projectId: project.id, email: 'bob@example.test', password: 'not-the-password' }), {
      type: 'user_invalid_credentials',
      code: 401,
    })
    await expectNothingLost()
  })

  it('an input that breaks the contract is refused before anything happens', async () => {
    await expectError(world.ext.send('updateName', { accountId: alice.id } as never), { type: 'lanyard_invalid_input', code: 400, message: /name/ })
    await expectError(world.ext.send('refresh', { accountId: 'nobody' }), { type: 'lanyard_unknown_account', code: 404 })
    await expectNothingLost()
  })

  describe('what the server answers', () => {
    afterAll(() => world.server.clearFaults())

    it('5xx', async () => {
      // Every read of the refresh fails (account, sessions, logs).
      await world.server.addFault({ method: 'GET', path: '/v1/account**', status: 502, body: '<html>Bad gateway</html>' })
      await expectError(world.ext.send('refresh', { accountId: alice.id }), { type: 'lanyard_server_error', code: 502, message: /502/ })
      const snapshot = (await world.ext.readStorage())[`snapshot:${alice.id}`] as { error?: { type: string } }
      expect(snapshot.error?.type).toBe('lanyard_server_error')
      await world.server.clearFaults()
      await expectNothingLost()
    })

    it('one failed part of a refresh keeps the old part and names the error', async () => {
      const before = await world.ext.call('refresh', { accountId: alice.id })
      await world.server.addFault({ method: 'GET', path: '/v1/account/logs', status: 500, body: 'down', times: 1 })
      const snapshot = await world.ext.call('refresh', { accountId: alice.id })
      expect(snapshot.error).toMatchObject({ type: 'lanyard_server_error', code: 500 })
      expect(snapshot.logsFirstPage).toEqual(before.logsFirstPage)
      expect(snapshot.account?.$id).toBe('alice')
      expect(snapshot.fetchedAt).toBeGreaterThanOrEqual(before.fetchedAt)
    })

    it('a server without security logs (404) shows them as unsupported, not as an error', async () => {
      const body = { message: 'Route not found.', code: 404, type: 'general_route_not_found', version: '1.9.7' }
      await world.server.addFault({ method: 'GET', path: '/v1/account/logs', status: 404, body, times: 1 })
      const snapshot = await world.ext.call('refresh', { accountId: alice.id })
      expect(snapshot.logsFirstPage).toMatchObject({ supported: false, logs: [] })
      expect(snapshot.error).toBeUndefined()
    })

    it('malformed JSON', async () => {
      await world.server.addFault({ method: 'PATCH', path: '/v1/account/name', malformedBody: true, times: 1 })
      await expectError(world.ext.send('updateName', { accountId: alice.id, name: 'x' }), { type: 'lanyard_malformed_response' })
      await expectNothingLost()
    })

    it('a dropped connection', async () => {
      // Not `times: 1`: Chromium retries a GET once when a kept-alive connection drops.
      await world.server.addFault({ method: 'GET', path: '/v1/account/prefs', dropConnection: true })
      await expectError(world.ext.send('getPrefs', { accountId: alice.id }), { type: 'lanyard_network' })
      await world.server.clearFaults()
      await expectNothingLost()
    })

    it('403 general_unknown_origin names the host to register', async () => {
      const message = `Invalid Origin. Register your new client (${EXTENSION_ID}) as a new Web (Chrome Extension) platform on your project console dashboard`
      await world.server.addFault({ method: 'PATCH', path: '/v1/account/prefs', status: 403, body: { message, code: 403, type: 'general_unknown_origin', version: '1.9.6' }, times: 1 })
      await expectError(world.ext.send('updatePrefs', { accountId: alice.id, prefs: { a: 1 } }), {
        type: 'general_unknown_origin',
        code: 403,
        message: new RegExp(`hostname "${EXTENSION_ID}"`),
      })
      await expectNothingLost()
    })

    it('timeout', async () => {
      await world.server.addFault({ method: 'GET', path: '/v1/account/sessions/current', delayMs: 20_000, times: 1 })
      await expectError(world.ext.send('getSession', { accountId: alice.id, sessionId: 'current' }), { type: 'lanyard_timeout' })
      await expectNothingLost()
    }, 40_000)
  })

  it('a revoked session marks the account signed out and keeps its entry and snapshot', async () => {
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    const before = (await world.ext.readStorage())[`snapshot:${bob.id}`] as { account: unknown }
    await world.server.admin('alpha').deleteSessions('bob')
    await expectError(world.ext.send('refresh', { accountId: bob.id }), { type: 'lanyard_signed_out', code: 401, message: /bob@example\.test/ })
    const state = await world.ext.call('getState')
    expect(state.accounts.find((a) => a.id === bob.id)?.status).toBe('signedOut')
    const after = (await world.ext.readStorage())[`snapshot:${bob.id}`] as { account: unknown; error?: { type: string } }
    expect(after.account).toEqual(before.account)
    expect(after.error?.type).toBe('lanyard_signed_out')
    await expectNothingLost()
  })

  it('a user blocked by an admin is marked blocked, keeps its session, and works again once unblocked', async () => {
    const admin = world.server.admin('alpha')
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    await admin.setStatus('bob', false)
    await expectError(world.ext.send('refresh', { accountId: bob.id }), { type: 'user_blocked', code: 403 })
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === bob.id)?.status).toBe('blocked')
    await admin.setStatus('bob', true)
    expect((await world.ext.call('refresh', { accountId: bob.id })).account?.$id).toBe('bob')
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === bob.id)?.status).toBe('signedIn')
    await expectNothingLost()
  })

  it('an expired session is treated the same way', async () => {
    const brief = await world.addProject('brief')
    const brenda = await world.signInWithPassword(brief, 'brenda@example.test')
    await world.server.advanceClock(120_000)
    await expectError(world.ext.send('updateName', { accountId: brenda.id, name: 'late' }), { type: 'lanyard_signed_out' })
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === brenda.id)?.status).toBe('signedOut')
    await expectNothingLost()
  })

  it('an account whose server is down keeps its session and its status', async () => {
    const downConfig = { projects: [testProject('down', { platforms: TEST_PLATFORMS, users: [seedUser('dora')] })], rateLimits: false }
    const down: TestServer = await startTestServer(downConfig)
    const downProject = await world.ext.call('addProject', { endpoint: down.endpoint, projectId: 'down' })
    const dora = await world.signInWithPassword(downProject, 'dora@example.test')
    await down.close()
    await expectError(world.ext.send('refresh', { accountId: dora.id }), { type: 'lanyard_network' })
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === dora.id)?.status).toBe('signedIn')
    expect(heldSecretIds(await world.ext.readStorage())).toContain(dora.id)
    await expectNothingLost()
  })
})

describe('429 from real rate limits', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ projects: [testProject('limited', { platforms: TEST_PLATFORMS, users: [seedUser('lim')] })], rateLimits: true })
  })
  afterAll(() => world?.close())

  it('carries when to retry and loses nothing', async () => {
    const project = await world.addProject('limited')
    const attempt = () =>
      world.ext.send('signIn', { method: 'email-password', projectId: project.id, email: 'lim@example.test', password: 'wrong-password-0' })
    // Ten sign-in attempts per URL and email (docs/appwrite/wire.md section 3.1); the eleventh is refused.
    for (let i = 0; i < 10; i++) await expectWrongPassword(await attempt())
    const reply = await attempt()
    expect(reply).toMatchObject({ ok: false, error: { type: 'general_rate_limit_exceeded', code: 429 } })
    const retryAfterMs = reply.ok ? undefined : reply.error.retryAfterMs
    expect(retryAfterMs).toBeGreaterThan(0)
    expect(retryAfterMs).toBeLessThanOrEqual(3_600_000)
    expect((await world.ext.call('getState')).projects).toEqual([project])
  })
})

function expectWrongPassword(reply: { ok: boolean; error?: { type: string } }) {
  expect(reply).toMatchObject({ ok: false, error: { type: 'user_invalid_credentials' } })
}
