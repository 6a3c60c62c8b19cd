// Every way in, driven from an extension page through the real contract, each checked on the
// server through its key API: the session the worker holds is one the server issued to that user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { latestCode, latestLink, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { LINK_URL, seedUser, startAlphaWorld, type World } from '../harness/world.ts'

describe('worker sign-in', () => {
  let world: World
  let project: Project
  let admin: Admin

  beforeAll(async () => {
    ;({ world, project, admin } = await startAlphaWorld([seedUser('alice'), seedUser('bob')]))
  })
  afterAll(() => world?.close())

  async function expectHeldByServer(account: AccountSummary, userId: string) {
    expect(account.userId).toBe(userId)
    expect(account.status).toBe('signedIn')
    const sessions = await admin.listSessions(userId)
    expect(sessions.map((s) => s.$id)).toContain(account.sessionId)
  }

  it('email and password: the account is stored, made active, and its snapshot written', async () => {
    const alice = await world.signInWithPassword(project, 'alice@example.test')
    expect(alice).toMatchObject({ email: 'alice@example.test', name: 'alice', projectId: project.id })
    await expectHeldByServer(alice, 'alice')
    const state = await world.ext.call('getState')
    expect(state.activeAccountId).toBe(alice.id)
    expect(state.accounts.map((a) => a.id)).toEqual([alice.id])
    const storage = await world.ext.readStorage()
    expect(storage[`snapshot:${alice.id}`]).toMatchObject({ accountId: alice.id, account: { $id: 'alice' } })
  })

  it('a second sign-in while another account is held sends no session header', async () => {
    // With alice's session attached, Appwrite would answer 401 user_session_already_exists (docs/appwrite/wire.md section 10).
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    await expectHeldByServer(bob, 'bob')
    expect((await world.ext.call('getState')).accounts).toHaveLength(2)
  })

  it('signing in again as the same user replaces that account session instead of adding a twin', async () => {
    const before = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'alice')
    const again = await world.signInWithPassword(project, 'alice@example.test')
    expect(again.id).toBe(before?.id)
    expect(again.sessionId).not.toBe(before?.sessionId)
    expect((await world.ext.call('getState')).accounts).toHaveLength(2)
  })

  it('anonymous: the server creates a new user and the worker holds its session', async () => {
    const usersBefore = (await admin.listUsers()).length
    const anonymous = await world.ext.call('signIn', { method: 'anonymous', projectId: project.id })
    expect(await admin.listUsers()).toHaveLength(usersBefore + 1)
    await expectHeldByServer(anonymous, anonymous.userId)
    expect(anonymous.email).toBe('')
  })

  it('createAccount: the user exists on the server and is signed in', async () => {
    const created = await world.ext.call('createAccount', {
      projectId: project.id,
      email: 'newbie@example.test',
      password: TEST_PASSWORD,
      name: 'New Bie',
    })
    const user = await admin.getUser(created.userId)
    expect(user).toMatchObject({ email: 'newbie@example.test', name: 'New Bie' })
    await expectHeldByServer(created, created.userId)
  })

  it('email OTP: send the code, then sign in with it', async () => {
    const { userId } = await world.ext.call('sendEmailOtp', { projectId: project.id, email: 'bob@example.test' })
    expect(userId).toBe('bob')
    const code = await latestCode(world.server, 'bob@example.test')
    const bob = await world.ext.call('signIn', { method: 'token', projectId: project.id, userId, secret: code })
    await expectHeldByServer(bob, 'bob')
    expect((await admin.getUser('bob')).emailVerification).toBe(true)
  })

  it('magic URL: send the link, then sign in with the pasted link', async () => {
    const { userId } = await world.ext.call('sendMagicUrl', { projectId: project.id, email: 'alice@example.test', url: LINK_URL })
    expect(userId).toBe('alice')
    const link = await latestLink(world.server, 'alice@example.test')
    const alice = await world.ext.call('signIn', { method: 'magic-url', projectId: project.id, link })
    await expectHeldByServer(alice, 'alice')
  })

  it('phone OTP: send the code to a mock number, then sign in with it', async () => {
    const { userId } = await world.ext.call('sendPhoneOtp', { projectId: project.id, phone: '+15550001111' })
    // The project's mock number fixes the code (docs/appwrite/wire.md section 2.3).
    const phoneUser = await world.ext.call('signIn', { method: 'token', projectId: project.id, userId, secret: '123456' })
    await expectHeldByServer(phoneUser, userId)
    expect((await admin.getUser(userId)).phone).toBe('+15550001111')
  })

  it('OAuth2 token flow: launchWebAuthFlow ends at the chromiumapp.org redirect and the token becomes a session', async () => {
    const { host, redirectUrl } = await world.ext.call('getOAuthRedirectHost')
    expect(host).toBe(`${world.ext.extensionId}.chromiumapp.org`)
    expect(redirectUrl.startsWith(`https://${host}/`)).toBe(true)
    const oauthUser = await world.ext.call('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    await expectHeldByServer(oauthUser, oauthUser.userId)
    const sessions = await admin.listSessions(oauthUser.userId)
    expect(sessions.find((s) => s.$id === oauthUser.sessionId)?.provider).toBe('mock')
  })

  it('a wrong password is Appwrite own readable error and changes nothing', async () => {
    const before = await world.ext.call('getState')
    const reply = await world.ext.send('signIn', { method: 'email-password', projectId: project.id, email: 'alice@example.test', password: 'wrong-password-1' })
    expect(reply).toMatchObject({ ok: false, error: { type: 'user_invalid_credentials', code: 401 } })
    expect(await world.ext.call('getState')).toEqual(before)
  })

  it('a sign-in to a project Lanyard does not know is refused before any request', async () => {
    const reply = await world.ext.send('signIn', { method: 'anonymous', projectId: 'no-such-project' })
    expect(reply).toMatchObject({ ok: false, error: { type: 'lanyard_unknown_project', code: 404 } })
  })
})
