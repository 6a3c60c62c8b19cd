// Session operations and several accounts of one project, checked through the server's key API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Session } from '../../src/appwrite/index.ts'
import { expectEveryRequestSafe, type Harness, PASSWORD, PROJECT, startHarness, rejection, uniqueEmail } from './harness.ts'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function newAccount(label: string): Promise<{ userId: string; email: string }> {
  const email = uniqueEmail(label)
  return { userId: await h.createUser(email), email }
}

async function signIn(email: string): Promise<{ session: string; sessionId: string }> {
  const { session, sessionInfo } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
  return { session, sessionId: sessionInfo.$id }
}

async function serverSessionIds(userId: string): Promise<string[]> {
  return (await h.admin<{ sessions: Session[] }>(`/users/${userId}/sessions`)).sessions.map((s) => s.$id).sort()
}

describe('sessions', () => {
  it('lists, gets and extends sessions, marking the held one current', async () => {
    const { userId, email } = await newAccount('list')
    const first = await signIn(email)
    const second = await signIn(email)
    const list = await h.client.listSessions(second.session)
    expect(list.total).toBe(2)
    expect(list.sessions.map((s) => [s.$id, s.current]).sort()).toEqual([[first.sessionId, false], [second.sessionId, true]].sort())
    expect(list.sessions.every((s) => !('secret' in s))).toBe(true)
    expect((await h.client.getSession(first.session, 'current')).$id).toBe(first.sessionId)
    expect((await h.client.getSession(first.session, second.sessionId)).current).toBe(false)
    const before = (await h.client.getSession(first.session, first.sessionId)).expire
    await h.server.dev('POST', '/__dev/clock', { offsetMs: 60_000 })
    const updated = await h.client.updateSession(first.session, first.sessionId)
    expect(updated.$id).toBe(first.sessionId)
    expect(Date.parse((await h.client.getSession(first.session, 'current')).expire)).toBeGreaterThan(Date.parse(before))
    expect(await serverSessionIds(userId)).toEqual([first.sessionId, second.sessionId].sort())
  })

  it('deletes one session, and signing out deletes the held one', async () => {
    const { userId, email } = await newAccount('delete')
    const a = await signIn(email)
    const b = await signIn(email)
    await h.client.deleteSession(a.session, b.sessionId)
    expect(await serverSessionIds(userId)).toEqual([a.sessionId])
    await h.client.signOut(a.session)
    expect(await serverSessionIds(userId)).toEqual([])
    expect((await rejection(h.client.getAccount(a.session))).toData()).toEqual(expect.objectContaining({ type: 'general_unauthorized_scope', code: 401 }))
  })

  it("gives 404 for another user's session and deletes nothing", async () => {
    const mine = await newAccount('mine')
    const theirs = await newAccount('theirs')
    const me = await signIn(mine.email)
    const them = await signIn(theirs.email)
    expect((await rejection(h.client.deleteSession(me.session, them.sessionId))).type).toBe('user_session_not_found')
    expect(await serverSessionIds(theirs.userId)).toEqual([them.sessionId])
  })

  it('deletes all sessions, the held one included', async () => {
    const { userId, email } = await newAccount('all')
    const a = await signIn(email)
    await signIn(email)
    await h.client.deleteSessions(a.session)
    expect(await serverSessionIds(userId)).toEqual([])
  })

  it('signs out every other session and keeps the held one', async () => {
    const { userId, email } = await newAccount('others')
    const others = [await signIn(email), await signIn(email), await signIn(email)]
    const mine = await signIn(email)
    const result = await h.client.revokeOtherSessions(mine.session)
    expect({ ...result, revokedIds: [...result.revokedIds].sort() }).toEqual({ revoked: others.length, revokedIds: others.map((s) => s.sessionId).sort(), failed: [] })
    expect(await serverSessionIds(userId)).toEqual([mine.sessionId])
    expect(await h.client.revokeOtherSessions(mine.session)).toEqual({ revoked: 0, revokedIds: [], failed: [] })
  })

  it('reports a session that disappears mid-way as a per-session failure', async () => {
    const { userId, email } = await newAccount('partial')
    const other = await signIn(email)
    const mine = await signIn(email)
    // Another device signs itself out between our list and our delete.
    await h.server.dev('POST', '/__dev/faults', { method: 'DELETE', path: `/v1/account/sessions/${other.sessionId}`, status: 404, body: { message: 'Session not found', code: 404, type: 'user_session_not_found', version: '1.9.6' }, times: 1 })
    const result = await h.client.revokeOtherSessions(mine.session)
    expect(result.revoked).toBe(0)
    expect(result.failed).toEqual([{ sessionId: other.sessionId, error: expect.objectContaining({ type: 'user_session_not_found', code: 404 }) }])
    expect(await serverSessionIds(userId)).toEqual([other.sessionId, mine.sessionId].sort())
  })

  it('creates a JWT that acts as the same user', async () => {
    const { userId, email } = await newAccount('jwt')
    const { session } = await signIn(email)
    const { jwt } = await h.client.createJwt(session, 120)
    const response = await h.server.request('GET', '/account', { project: PROJECT, headers: { 'X-Appwrite-JWT': jwt } })
    expect(response.status).toBe(200)
    expect((response.json as { $id: string }).$id).toBe(userId)
    // The client refuses durations outside 1..3600 itself (the server would answer 400, or 500 for 0).
    expect((await rejection(h.client.createJwt(session, 7200))).type).toBe('lanyard_invalid_input')
    expect((await rejection(h.client.createJwt(session, 0))).type).toBe('lanyard_invalid_input')
  })
})

describe('two accounts of the same project', () => {
  it('act as the right user when used alternately', async () => {
    const ada = await newAccount('ada')
    const bob = await newAccount('bob')
    const adaSession = (await signIn(ada.email)).session
    const bobSession = (await signIn(bob.email)).session
    for (let round = 0; round < 3; round++) {
      expect((await h.client.getAccount(adaSession)).$id).toBe(ada.userId)
      expect((await h.client.getAccount(bobSession)).$id).toBe(bob.userId)
      await h.client.updateName(adaSession, `Ada ${round}`)
      await h.client.updatePrefs(bobSession, { round })
    }
    expect(await h.admin<{ name: string; prefs: unknown }>(`/users/${ada.userId}`)).toEqual(expect.objectContaining({ name: 'Ada 2', prefs: {} }))
    expect(await h.admin<{ name: string; prefs: unknown }>(`/users/${bob.userId}`)).toEqual(expect.objectContaining({ name: '', prefs: { round: 2 } }))
    // Signing out one leaves the other signed in.
    await h.client.signOut(adaSession)
    expect((await h.client.getAccount(bobSession)).$id).toBe(bob.userId)
    expectEveryRequestSafe(h.requests)
  })
})
