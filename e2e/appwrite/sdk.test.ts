// The official SDKs against this server in 1.9.6 mode: the web SDK (`appwrite` 26.2.0, the 1.9 line) for the
// account calls, `node-appwrite` 26.2.0 for key-based setup and the SSR pattern (sdk-28.test.ts: 2.7.1 mode).
import { Account, AppwriteException, Client, ID, Query } from 'appwrite'
import * as server from 'node-appwrite'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountSchema, JwtSchema, LogListSchema, PreferencesSchema, SessionListSchema, SessionSchema, TokenSchema } from '../../src/appwrite/models.ts'
import { DEMO_API_KEY, newEmail, startTestServer, type TestServer } from './testing.ts'

let api: TestServer
let admin: server.Client

beforeAll(async () => {
  api = await startTestServer({ version: '1.9.6' })
  admin = new server.Client().setEndpoint(api.endpoint).setProject('demo').setKey(DEMO_API_KEY)
})
afterAll(() => api.close())

function webAccount(session?: string): Account {
  const client = new Client().setEndpoint(api.endpoint).setProject('demo')
  if (session) client.setSession(session)
  return new Account(client)
}

describe('web SDK account calls', () => {
  it('creates an account, signs in, and reads and changes the profile', async () => {
    const email = newEmail('sdk')
    const created = await webAccount().create({ userId: ID.unique(), email, password: 'correct horse', name: 'SDK User' })
    expect(v.parse(AccountSchema, created)).toMatchObject({ email, name: 'SDK User', emailVerification: false, status: true })
    expect(created.targets).toEqual([expect.objectContaining({ providerType: 'email', identifier: email })])

    const signIn = await webAccount().createEmailPasswordSession({ email, password: 'correct horse' })
    // Client callers never see the secret (docs/appwrite/wire.md section 2.1).
    expect(v.parse(SessionSchema, signIn)).toMatchObject({ provider: 'email', current: true, factors: ['password'] })
    expect(signIn.secret).toBe('')

    const session = await api.signIn(email, 'correct horse')
    const account = webAccount(session)
    expect(v.parse(AccountSchema, await account.get())).toMatchObject({ $id: created.$id, email })

    const renamed = await account.updateName({ name: 'Renamed' })
    expect(v.parse(AccountSchema, renamed).name).toBe('Renamed')

    const prefs = await account.updatePrefs({ prefs: { theme: 'dark', nested: { a: [1, 2] } } })
    expect(v.parse(AccountSchema, prefs).prefs).toEqual({ theme: 'dark', nested: { a: [1, 2] } })
    expect(v.parse(PreferencesSchema, await account.getPrefs())).toEqual({ theme: 'dark', nested: { a: [1, 2] } })

    const sessions = v.parse(SessionListSchema, await account.listSessions())
    expect(sessions.total).toBe(2)
    expect(sessions.sessions.filter((item) => item.current)).toHaveLength(1)

    const logs = v.parse(LogListSchema, await account.listLogs({ queries: [Query.limit(2)] }))
    expect(logs.logs.map((log) => log.event)).toEqual(['user.update', 'user.update'])
    expect(logs.total).toBeGreaterThanOrEqual(5)

    const jwt = v.parse(JwtSchema, await account.createJWT({ duration: 60 }))
    const viaJwt = new Account(new Client().setEndpoint(api.endpoint).setProject('demo').setJWT(jwt.jwt))
    expect(v.parse(AccountSchema, await viaJwt.get()).$id).toBe(created.$id)

    await account.deleteSession({ sessionId: 'current' })
    await expect(account.get()).rejects.toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
  })

  it('reports Appwrite errors through AppwriteException with type and code', async () => {
    const error = await webAccount()
      .createEmailPasswordSession({ email: 'ada@example.com', password: 'wrong password' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AppwriteException)
    expect(error).toMatchObject({ code: 401, type: 'user_invalid_credentials', message: 'Invalid credentials. Please check the email and password.' })
  })

  it('runs the email OTP flow with a code from the outbox', async () => {
    const email = newEmail('otp')
    const token = await webAccount().createEmailToken({ userId: ID.unique(), email, phrase: true })
    const parsed = v.parse(TokenSchema, token)
    expect(token.secret).toBe('')
    expect(parsed.phrase).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/)
    const outbox = (await api.dev('GET', `/__dev/outbox?to=${encodeURIComponent(email)}`)).json as { secret: string; text: string }[]
    expect(outbox).toHaveLength(1)
    const code = outbox[0]?.secret ?? ''
    expect(outbox[0]?.text).toContain(code)
    const session = await webAccount().createSession({ userId: token.userId, secret: code })
    expect(v.parse(SessionSchema, session)).toMatchObject({ provider: 'token', factors: ['email'], userId: token.userId })
  })
})

describe('node-appwrite with an API key', () => {
  it('creates users and reads them back', async () => {
    const users = new server.Users(admin)
    const email = newEmail('admin')
    const user = await users.create({ userId: ID.unique(), email, password: 'password-123', name: 'Made by key' })
    expect(user).toMatchObject({ email, name: 'Made by key', hash: 'sha', status: true })
    expect((await users.get({ userId: user.$id })).email).toBe(email)
    const list = await users.list()
    expect(list.users.some((item) => item.$id === user.$id)).toBe(true)
  })

  it('returns the session secret to key callers, usable as X-Appwrite-Session (SSR pattern)', async () => {
    const adminAccount = new server.Account(admin)
    const session = await adminAccount.createEmailPasswordSession({ email: 'grace@example.com', password: 'lanyard-demo' })
    expect(session.secret).not.toBe('')
    const sessionClient = new server.Client().setEndpoint(api.endpoint).setProject('demo').setSession(session.secret)
    const me = await new server.Account(sessionClient).get()
    expect(v.parse(AccountSchema, me).email).toBe('grace@example.com')
  })

  it('creates a session for a user from another device and blocks and unblocks users', async () => {
    const users = new server.Users(admin)
    const email = newEmail('device')
    const user = await users.create({ userId: ID.unique(), email, password: 'password-123' })
    const deviceClient = new server.Client().setEndpoint(api.endpoint).setProject('demo').setKey(DEMO_API_KEY)
    deviceClient.setForwardedUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')
    const session = await new server.Users(deviceClient).createSession({ userId: user.$id })
    expect(session).toMatchObject({ provider: 'server', osName: 'iOS', clientName: 'Mobile Safari', deviceModel: 'iPhone' })
    const account = webAccount(session.secret)
    expect((await account.get()).$id).toBe(user.$id)

    await users.updateStatus({ userId: user.$id, status: false })
    await expect(account.get()).rejects.toMatchObject({ code: 403, type: 'user_blocked' })
    await users.updateStatus({ userId: user.$id, status: true })
    expect((await account.get()).$id).toBe(user.$id)

    expect((await users.listSessions({ userId: user.$id })).total).toBe(1)
    await users.deleteSessions({ userId: user.$id })
    await expect(account.get()).rejects.toMatchObject({ code: 401 })
  })

  it('exchanges a generic token made with the key for a session', async () => {
    const users = new server.Users(admin)
    const user = await users.create({ userId: ID.unique(), email: newEmail('token') })
    const token = await users.createToken({ userId: user.$id, length: 12, expire: 120 })
    expect(token.secret).toHaveLength(12)
    const session = await webAccount().createSession({ userId: user.$id, secret: token.secret })
    expect(v.parse(SessionSchema, session)).toMatchObject({ provider: 'token', userId: user.$id })
  })
})
