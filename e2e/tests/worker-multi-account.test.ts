// Two accounts of one project used alternately while the browser holds a valid Appwrite cookie for
// a third user: a cookie beats any session header (docs/appwrite/wire.md section 1.1), so a single request that
// carried it would act as that third user. Every call must act as the account it names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import type { Admin, AdminSession } from '../harness/server.ts'
import { seedUser, startAlphaWorld, type World } from '../harness/world.ts'

describe('two accounts of one project, with a third user cookie planted in the browser', () => {
  let world: World
  let project: Project
  let admin: Admin
  let alice: AccountSummary
  let bob: AccountSummary
  let carolSession: AdminSession

  beforeAll(async () => {
    ;({ world, project, admin } = await startAlphaWorld([seedUser('alice'), seedUser('bob'), seedUser('carol')]))
    alice = await world.signInWithPassword(project, 'alice@example.test')
    bob = await world.signInWithPassword(project, 'bob@example.test')
    carolSession = await admin.createSession('carol')
    // Set-Cookie values are URL-encoded (docs/appwrite/wire.md section 10).
    const value = encodeURIComponent(carolSession.secret)
    await world.ext.context.addCookies([
      { name: 'a_session_alpha', value, url: world.server.origin },
      { name: 'a_session_alpha_legacy', value, url: world.server.origin },
    ])
  })
  afterAll(() => world?.close())

  it('the planted cookie is a valid session for carol (the control)', async () => {
    const cookies = await world.ext.context.cookies(world.server.origin)
    const cookie = cookies.find((c) => c.name === 'a_session_alpha')?.value ?? ''
    const response = await fetch(`${world.server.endpoint}/account`, {
      headers: { 'X-Appwrite-Project': 'alpha', Cookie: `a_session_alpha=${cookie}` },
    })
    expect(((await response.json()) as { $id: string }).$id).toBe('carol')
  })

  it('refreshes alternate between alice and bob, each snapshot of the right user', async () => {
    for (const [account, userId] of [[alice, 'alice'], [bob, 'bob'], [alice, 'alice'], [bob, 'bob']] as const) {
      const snapshot = await world.ext.call('refresh', { accountId: account.id })
      expect(snapshot.account?.$id).toBe(userId)
      expect(snapshot.sessions?.find((s) => s.current)?.$id).toBe(account.sessionId)
    }
  })

  it('writes alternate between the accounts and land on the right user only', async () => {
    await world.ext.call('updateName', { accountId: alice.id, name: 'Alice One' })
    await world.ext.call('updatePrefs', { accountId: bob.id, prefs: { who: 'bob' } })
    await world.ext.call('updatePrefs', { accountId: alice.id, prefs: { who: 'alice' } })
    await world.ext.call('updateName', { accountId: bob.id, name: 'Bob Two' })
    expect(await admin.getUser('alice')).toMatchObject({ name: 'Alice One', prefs: { who: 'alice' } })
    expect(await admin.getUser('bob')).toMatchObject({ name: 'Bob Two', prefs: { who: 'bob' } })
    expect(await admin.getUser('carol')).toMatchObject({ name: 'carol', prefs: {} })
  })

  it('JWTs are minted for the account asked for', async () => {
    for (const [account, userId] of [[bob, 'bob'], [alice, 'alice']] as const) {
      const { jwt } = await world.ext.call('createJwt', { accountId: account.id })
      const response = await fetch(`${world.server.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'alpha', 'X-Appwrite-JWT': jwt } })
      expect(((await response.json()) as { $id: string }).$id).toBe(userId)
    }
  })

  it('revoking other sessions of alice touches neither bob nor the cookie user', async () => {
    const aliceOther = await admin.createSession('alice')
    const result = await world.ext.call('revokeOtherSessions', { accountId: alice.id })
    expect(result).toMatchObject({ ok: true, revoked: 1 })
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toEqual([alice.sessionId])
    expect((await admin.listSessions('alice')).map((s) => s.$id)).not.toContain(aliceOther.$id)
    expect((await admin.listSessions('bob')).map((s) => s.$id)).toContain(bob.sessionId)
    expect((await admin.listSessions('carol')).map((s) => s.$id)).toContain(carolSession.$id)
  })

  it('switching back and forth keeps both accounts signed in, and the cookie is still in the browser', async () => {
    await world.ext.call('switchAccount', { accountId: alice.id })
    expect((await world.ext.call('switchToNextAccount')).accountId).toBe(bob.id)
    expect((await world.ext.call('switchToNextAccount')).accountId).toBe(alice.id)
    const state = await world.ext.call('getState')
    expect(state.accounts.map((a) => a.status)).toEqual(['signedIn', 'signedIn'])
    const cookies = await world.ext.context.cookies(world.server.origin)
    expect(cookies.map((c) => c.name)).toContain('a_session_alpha')
  })
})
