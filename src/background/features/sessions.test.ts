// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { ACTIVITY_PAGE_SIZE } from '../../shared/timeline.ts'
import { REFRESH_ALARM } from '../refresh.ts'
import { appwriteError, demoWorld, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

const RATE_LIMITED = appwriteError(429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded.')

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
})
afterEach(() => world.close())

/** A sign-in on another device; returns the encoded session. */
function signInElsewhere(email: string): Promise<string> {
  return world.server.signIn(email)
}

async function renameElsewhere(email: string, name: string): Promise<void> {
  const session = await signInElsewhere(email)
  expect((await world.server.request('PATCH', '/account/name', { session, body: { name } })).status).toBe(200)
}

async function sessionIdOf(session: string): Promise<string> {
  const answer = await world.server.request('GET', '/account/sessions/current', { session })
  return (answer.json as { $id: string }).$id
}

describe('sessions: refresh', () => {
  it('writes a snapshot with the account, its sessions (this one marked current) and the first log page, and answers it', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const snapshot = await world.call('refresh', { accountId: ada.id })

    expect(snapshot).toMatchObject({ accountId: ada.id, account: { $id: 'ada', email: 'ada@example.com', name: 'Ada Lovelace' }, prefs: { theme: 'dark', language: 'en' } })
    expect(snapshot.error).toBeUndefined()
    expect(snapshot.sessions?.map((s) => s.$id).sort()).toEqual((await world.admin.sessionIds('ada')).sort())
    expect(snapshot.sessions?.filter((s) => s.current).map((s) => s.$id)).toEqual([ada.sessionId])
    expect(snapshot.logsFirstPage).toMatchObject({ supported: true, offset: 0, limit: 25 })
    expect(snapshot.logsFirstPage?.logs.length).toBeGreaterThan(0)
    expect(world.stored.snapshot(ada.id)).toEqual(snapshot)
  })

  it('keeps the first log page apart from the snapshot; a profile change or a revoke later does not rewrite it', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const page = (await world.call('refresh', { accountId: ada.id })).logsFirstPage
    expect(page?.logs.length).toBeGreaterThan(0)
    expect(world.stored.item(items.snapshotLogs(ada.id))).toEqual(page)
    expect(world.stored.item(items.snapshot(ada.id))?.logsFirstPage).toBeNull()
    const before = world.fake.storageChanges.length

    await world.call('updateName', { accountId: ada.id, name: 'Countess Lovelace' })
    await world.call('revokeOtherSessions', { accountId: ada.id })

    expect(world.fake.storageChanges.slice(before).filter((c) => items.snapshotLogs(ada.id).key in c.changes)).toEqual([])
    expect(world.stored.snapshot(ada.id)).toMatchObject({ account: { name: 'Countess Lovelace' }, logsFirstPage: page })
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).toEqual([ada.sessionId])
  })

  it('reads a layout-2 snapshot that holds its log page inside, and moves the page out on its next write', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const refreshed = await world.call('refresh', { accountId: ada.id })
    // As the previous release stored it: one item, the page inside.
    world.fake.state.storage.local[items.snapshot(ada.id).key] = refreshed
    delete world.fake.state.storage.local[items.snapshotLogs(ada.id).key]
    expect(world.stored.snapshot(ada.id)).toEqual(refreshed)

    await world.call('updateName', { accountId: ada.id, name: 'Countess Lovelace' })

    expect(world.stored.item(items.snapshotLogs(ada.id))).toEqual(refreshed.logsFirstPage)
    expect(world.stored.item(items.snapshot(ada.id))?.logsFirstPage).toBeNull()
    expect(world.stored.snapshot(ada.id)).toMatchObject({ account: { name: 'Countess Lovelace' }, logsFirstPage: refreshed.logsFirstPage })
  })

  it('brings changes made elsewhere into the snapshot and the account summary', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await renameElsewhere('ada@example.com', 'Countess Lovelace')
    const snapshot = await world.call('refresh', { accountId: ada.id })
    expect(snapshot.account?.name).toBe('Countess Lovelace')
    expect(world.stored.account(ada.id)?.name).toBe('Countess Lovelace')
    expect(snapshot.sessions).toHaveLength((await world.admin.sessionIds('ada')).length)
  })

  it('marks the account signed out and flags the snapshot, keeping what it knew, when the server revoked the held session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = world.stored.snapshot(ada.id)
    await world.admin.revoke(ada)

    const error = await world.failure('refresh', { accountId: ada.id })

    expect(error).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(error.message).toContain('ada@example.com')
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    expect(world.stored.snapshot(ada.id)).toEqual({ ...before, error: { type: 'lanyard_signed_out', code: 401, message: error.message } })
  })

  it('marks the account signed out when the held session expired', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    // One year and a day: past the demo project's session duration.
    await world.server.dev('POST', '/__dev/clock', { offsetMs: 366 * 24 * 3600 * 1000 })
    expect((await world.failure('refresh', { accountId: ada.id })).type).toBe('lanyard_signed_out')
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('answers a rate limit as is, keeps the account signed in and the old snapshot, and names the error in it', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = world.stored.snapshot(ada.id)
    await world.fault({ path: '/v1/account/**', status: 429, body: RATE_LIMITED })
    await world.fault({ path: '/v1/account', status: 429, body: RATE_LIMITED })

    const error = await world.failure('refresh', { accountId: ada.id })

    expect(error).toMatchObject({ type: 'general_rate_limit_exceeded', code: 429 })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.secretKey(ada.id)).toBeDefined()
    expect(world.stored.snapshot(ada.id)).toEqual({ ...before, error: expect.objectContaining({ type: 'general_rate_limit_exceeded', code: 429 }) })
  })

  it('keeps the parts that answered when one part fails with a 500, and names the failure', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = world.stored.snapshot(ada.id)
    await renameElsewhere('ada@example.com', 'Countess Lovelace')
    await world.fault({ method: 'GET', path: '/v1/account/logs', status: 500, times: 1 })

    const snapshot = await world.call('refresh', { accountId: ada.id })

    expect(snapshot.account?.name).toBe('Countess Lovelace')
    expect(snapshot.sessions).toHaveLength((await world.admin.sessionIds('ada')).length)
    expect(snapshot.logsFirstPage).toEqual(before?.logsFirstPage)
    expect(snapshot.error).toMatchObject({ code: 500 })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('names a malformed answer for one part and keeps that part as it was', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = world.stored.snapshot(ada.id)
    await signInElsewhere('ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account', malformedBody: true, times: 1 })

    const snapshot = await world.call('refresh', { accountId: ada.id })

    expect(snapshot.error?.type).toBe('lanyard_malformed_response')
    expect(snapshot.account).toEqual(before?.account)
    expect(snapshot.sessions).toHaveLength((before?.sessions?.length ?? 0) + 1)
  })

  it('fails with lanyard_malformed_response when every part is malformed, keeping the account signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = world.stored.snapshot(ada.id)
    await world.fault({ path: '/v1/**', malformedBody: true })

    const error = await world.failure('refresh', { accountId: ada.id })

    expect(error.type).toBe('lanyard_malformed_response')
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.snapshot(ada.id)).toEqual({ ...before, error: expect.objectContaining({ type: 'lanyard_malformed_response' }) })
  })

  it('names an unknown account', async () => {
    expect(await world.failure('refresh', { accountId: 'no-such-account' })).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
  })

  it('answers lanyard_signed_out for an account signed out in Lanyard, without a request', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    await world.fault({ path: '/v1/**', status: 500 })
    expect(await world.failure('refresh', { accountId: ada.id })).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
  })

  it('answers lanyard_locked 423 while the vault is locked, and writes no snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    expect(world.stored.snapshot(ada.id)).toBeNull()
    expect(await world.failure('refresh', { accountId: ada.id })).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(world.stored.snapshot(ada.id)).toBeNull()
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })
})

describe('sessions: updateSession', () => {
  it('extends the held session and answers it as re-read (current, country name)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = world.stored.snapshot(ada.id)?.sessions?.find((s) => s.$id === ada.sessionId)
    await world.server.dev('POST', '/__dev/clock', { offsetMs: 24 * 3600 * 1000 })

    const session = await world.call('updateSession', { accountId: ada.id, sessionId: ada.sessionId })

    expect(session).toMatchObject({ $id: ada.sessionId, userId: 'ada', current: true })
    expect(session.countryName).not.toBe('')
    expect(Date.parse(session.expire) - Date.parse(before?.expire ?? '')).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000)
    const onServer = await world.call('getSession', { accountId: ada.id, sessionId: ada.sessionId })
    expect(onServer.expire).toBe(session.expire)
  })

  it('extends another session of the account, answering it as not current', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const otherId = await sessionIdOf(await signInElsewhere('ada@example.com'))
    const session = await world.call('updateSession', { accountId: ada.id, sessionId: otherId })
    expect(session).toMatchObject({ $id: otherId, current: false })
  })

  it('answers user_session_not_found 404 for a session the account does not have, and stays signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('updateSession', { accountId: ada.id, sessionId: 'nosuchsession' })
    expect(error).toMatchObject({ type: 'user_session_not_found', code: 404 })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('marks the account signed out when the server ended the held session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    expect((await world.failure('updateSession', { accountId: ada.id, sessionId: ada.sessionId })).type).toBe('lanyard_signed_out')
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('refuses a missing session id', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('updateSession', { accountId: ada.id } as never)).type).toBe('lanyard_invalid_input')
  })
})

describe('sessions: revokeSession', () => {
  it('deletes another session on the server, keeps Lanyard’s own, drops it from the snapshot and records it', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const otherId = (world.stored.snapshot(ada.id)?.sessions ?? []).find((s) => !s.current)?.$id ?? ''
    expect(otherId).not.toBe('')

    await world.call('revokeSession', { accountId: ada.id, sessionId: otherId })

    const onServer = await world.admin.sessionIds('ada')
    expect(onServer).not.toContain(otherId)
    expect(onServer).toContain(ada.sessionId)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.secretKey(ada.id)).toBeDefined()
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).not.toContain(otherId)
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).toContain(ada.sessionId)
    expect(world.stored.activity(ada.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId)).toEqual([otherId])
  })

  it('signs the account out when the revoked session is Lanyard’s own', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('revokeSession', { accountId: ada.id, sessionId: ada.sessionId })
    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).not.toContain(ada.sessionId)
  })

  it('signs the account out when the revoked session is named "current"', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('revokeSession', { accountId: ada.id, sessionId: 'current' })
    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('answers user_session_not_found for an unknown session and changes nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = await world.admin.sessionIds('ada')
    expect(await world.failure('revokeSession', { accountId: ada.id, sessionId: 'nosuchsession' })).toMatchObject({ type: 'user_session_not_found', code: 404 })
    expect(await world.admin.sessionIds('ada')).toEqual(before)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.activity(ada.id).filter((e) => e.kind === 'revoked')).toEqual([])
  })

  it('names an unknown account', async () => {
    expect((await world.failure('revokeSession', { accountId: 'gone', sessionId: 'x' })).type).toBe('lanyard_unknown_account')
  })

  it('answers lanyard_locked while locked and deletes nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = await world.admin.sessionIds('ada')
    await world.lockBehindPassphrase()
    const otherId = before.find((id) => id !== ada.sessionId) ?? ''
    expect((await world.failure('revokeSession', { accountId: ada.id, sessionId: otherId })).type).toBe('lanyard_locked')
    expect(await world.admin.sessionIds('ada')).toEqual(before)
  })
})

describe('sessions: revokeOtherSessions', () => {
  it('deletes every other session, sessions the cache did not know included, and counts them', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await signInElsewhere('ada@example.com')
    await signInElsewhere('ada@example.com')
    const before = await world.admin.sessionIds('ada')
    // Four seeded live sessions, Lanyard's, and the two just made.
    expect(before).toHaveLength(7)

    const result = await world.call('revokeOtherSessions', { accountId: ada.id })

    expect(result).toEqual({ accountId: ada.id, ok: true, revoked: 6 })
    expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).toEqual([ada.sessionId])
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    const revoked = world.stored.activity(ada.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId)
    expect(revoked.sort()).toEqual(before.filter((id) => id !== ada.sessionId).sort())
  })

  it('answers revoked 0 when there is no other session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('revokeOtherSessions', { accountId: ada.id })
    expect(await world.call('revokeOtherSessions', { accountId: ada.id })).toEqual({ accountId: ada.id, ok: true, revoked: 0 })
    expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
  })

  it('does not count a cached session that is already gone', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const cachedOthers = (world.stored.snapshot(ada.id)?.sessions ?? []).filter((s) => !s.current)
    const gone = cachedOthers[0]?.$id ?? ''
    await world.admin.revoke({ userId: 'ada', sessionId: gone })
    const result = await world.call('revokeOtherSessions', { accountId: ada.id })
    expect(result).toEqual({ accountId: ada.id, ok: true, revoked: cachedOthers.length - 1 })
  })

  it('reports a session it could not delete, counts the others, and keeps the failed one in the snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const others = (await world.admin.sessionIds('ada')).filter((id) => id !== ada.sessionId)
    const stuck = others[0] ?? ''
    await world.fault({ method: 'DELETE', path: `/v1/account/sessions/${stuck}`, status: 500 })

    const result = await world.call('revokeOtherSessions', { accountId: ada.id })

    expect(result).toMatchObject({ accountId: ada.id, ok: false, revoked: others.length - 1, error: { code: 500 } })
    expect((await world.admin.sessionIds('ada')).sort()).toEqual([ada.sessionId, stuck].sort())
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id).sort()).toEqual([ada.sessionId, stuck].sort())
  })

  it('never deletes Lanyard’s own session when the list is malformed', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('revokeOtherSessions', { accountId: ada.id })
    await signInElsewhere('ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account/sessions', malformedBody: true, times: 1 })
    const error = await world.failure('revokeOtherSessions', { accountId: ada.id })
    expect(error.type).toBe('lanyard_malformed_response')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('refuses to delete anything when the list marks no session current', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('revokeOtherSessions', { accountId: ada.id })
    const otherId = await sessionIdOf(await signInElsewhere('ada@example.com'))
    const listed = await world.admin.sessions('ada')
    await world.fault({ method: 'GET', path: '/v1/account/sessions', status: 200, body: { ...listed, sessions: listed.sessions.map((s) => ({ ...s, current: false })) }, times: 1 })

    const error = await world.failure('revokeOtherSessions', { accountId: ada.id })

    expect(error.type).toBe('lanyard_malformed_response')
    expect(error.message).toContain('no session is marked current')
    expect((await world.admin.sessionIds('ada')).sort()).toEqual([ada.sessionId, otherId].sort())
  })

  it('marks the account signed out when the server ended the held session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    expect((await world.failure('revokeOtherSessions', { accountId: ada.id })).type).toBe('lanyard_signed_out')
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('names an unknown account', async () => {
    expect((await world.failure('revokeOtherSessions', { accountId: 'gone' })).type).toBe('lanyard_unknown_account')
  })

  it('answers lanyard_locked while locked and deletes nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = await world.admin.sessionIds('ada')
    await world.lockBehindPassphrase()
    expect((await world.failure('revokeOtherSessions', { accountId: ada.id })).code).toBe(423)
    expect(await world.admin.sessionIds('ada')).toEqual(before)
  })
})

describe('sessions: revokeAllSessions', () => {
  it('deletes every session of the account, Lanyard’s included, and leaves the account signed out with an empty session list', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = await world.admin.sessionIds('ada')
    await world.call('revokeAllSessions', { accountId: ada.id })
    expect(await world.admin.sessionIds('ada')).toEqual([])
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    expect(world.stored.snapshot(ada.id)?.sessions).toEqual([])
    expect(world.stored.activity(ada.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId).sort()).toEqual(before.sort())
  })

  it('leaves other users’ sessions alone', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('revokeAllSessions', { accountId: ada.id })
    expect(await world.admin.sessionIds('grace')).toContain(grace.sessionId)
    expect(world.stored.account(grace.id)?.status).toBe('signedIn')
  })

  it('keeps the account signed in when the server fails', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'DELETE', path: '/v1/account/sessions', status: 500, times: 1 })
    expect((await world.failure('revokeAllSessions', { accountId: ada.id })).code).toBe(500)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
  })

  it('answers lanyard_signed_out for an account already signed out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    expect((await world.failure('revokeAllSessions', { accountId: ada.id })).type).toBe('lanyard_signed_out')
  })
})

describe('sessions: revokeOtherSessionsEverywhere', () => {
  it('revokes the other sessions of every signed-in account and reports each, skipping signed-out accounts', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    const alan = await world.signIn(project, 'alan@example.com')
    await world.call('signOut', { accountId: alan.id })
    await signInElsewhere('grace@example.com')
    const adaOthers = (await world.admin.sessionIds('ada')).length - 1
    const graceOthers = (await world.admin.sessionIds('grace')).length - 1
    const alanBefore = await world.admin.sessionIds('alan')
    expect(graceOthers).toBe(3)

    const results = await world.call('revokeOtherSessionsEverywhere')

    expect(results).toEqual([
      { accountId: ada.id, ok: true, revoked: adaOthers },
      { accountId: grace.id, ok: true, revoked: graceOthers },
    ])
    expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
    expect(await world.admin.sessionIds('grace')).toEqual([grace.sessionId])
    expect(await world.admin.sessionIds('alan')).toEqual(alanBefore)
  })

  it('reports an account whose session the server ended, marks it signed out, and still revokes the others', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.admin.revoke(ada)

    const results = await world.call('revokeOtherSessionsEverywhere')

    expect(results).toEqual([
      { accountId: ada.id, ok: false, revoked: 0, error: expect.objectContaining({ type: 'lanyard_signed_out', code: 401 }) },
      { accountId: grace.id, ok: true, revoked: 2 },
    ])
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(await world.admin.sessionIds('grace')).toEqual([grace.sessionId])
  })

  it('answers an empty list when no account is held', async () => {
    expect(await world.call('revokeOtherSessionsEverywhere')).toEqual([])
  })

  it('reports lanyard_locked for each account while locked, deleting nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const before = await world.admin.sessionIds('ada')
    await world.lockBehindPassphrase()
    expect(await world.call('revokeOtherSessionsEverywhere')).toEqual([
      { accountId: ada.id, ok: false, revoked: 0, error: expect.objectContaining({ type: 'lanyard_locked', code: 423 }) },
    ])
    expect(await world.admin.sessionIds('ada')).toEqual(before)
  })

  it('keeps an update made to the same records while its requests were out (they were read before them)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const others = (await world.admin.sessionIds('ada')).filter((id) => id !== ada.sessionId)
    expect(others.length).toBeGreaterThan(0)
    await world.fault({ method: 'DELETE', path: '/v1/account/sessions/*', delayMs: 400 })

    const fanOut = world.call('revokeOtherSessionsEverywhere')
    // Meanwhile a rename through Lanyard writes the same snapshot; then a refresh writes it, the watch and the timeline.
    await world.call('updateName', { accountId: ada.id, name: 'Countess Lovelace' })
    await world.call('refresh', { accountId: ada.id })
    expect(await fanOut).toEqual([{ accountId: ada.id, ok: true, revoked: others.length }])

    expect(world.stored.snapshot(ada.id)?.account?.name).toBe('Countess Lovelace')
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).toEqual([ada.sessionId])
    expect(world.stored.activity(ada.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId).sort()).toEqual([...others].sort())
  })

  it('pages a layout-2 timeline of 1,000 events on its first revoke, losing none, and then writes only the small head', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    // As the previous release left it: the whole timeline in one item.
    const legacy = Array.from({ length: 1000 }, (_, i) => ({ at: Date.UTC(2026, 0, 1) + i, kind: 'sessionFirstSeen', sessionId: `old${i}` }))
    world.fake.state.storage.local[items.activity(ada.id).key] = legacy
    const before = world.stored.activity(ada.id)
    const adaOthers = (await world.admin.sessionIds('ada')).length - 1
    expect(adaOthers).toBeGreaterThan(0)

    await world.call('revokeOtherSessionsEverywhere')

    const after = world.stored.activity(ada.id)
    expect(after.slice(0, before.length)).toEqual(before)
    expect(after.slice(before.length).filter((e) => e.kind === 'revoked')).toHaveLength(adaOthers)
    expect((world.stored.item(items.activity(ada.id)) ?? []).length).toBeLessThanOrEqual(ACTIVITY_PAGE_SIZE)
    expect((world.stored.item(items.activity(grace.id)) ?? []).length).toBeLessThanOrEqual(ACTIVITY_PAGE_SIZE)
  })
})

describe('sessions: listLogs', () => {
  it('answers a page of the security log, newest first, with its limit and offset', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const first = await world.call('listLogs', { accountId: ada.id, offset: 0, limit: 2 })
    expect(first).toMatchObject({ supported: true, offset: 0, limit: 2 })
    expect(first.logs).toHaveLength(2)
    // The seeded history plus Lanyard's own sign-in.
    expect(first.total).toBeGreaterThanOrEqual(8)
    expect(first.logs[0]).toMatchObject({ event: 'session.create', userId: 'ada' })
    expect(Date.parse(first.logs[0]?.time ?? '')).toBeGreaterThanOrEqual(Date.parse(first.logs[1]?.time ?? ''))

    const next = await world.call('listLogs', { accountId: ada.id, offset: 2, limit: 2 })
    expect(next.logs).toHaveLength(2)
    expect(next.logs[0]).not.toEqual(first.logs[0])
    expect(next.total).toBe(first.total)
    const last = await world.call('listLogs', { accountId: ada.id, offset: first.total, limit: 10 })
    expect(last.logs).toEqual([])
  })

  it('answers supported: false when the server has no logs route', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account/logs', status: 404, body: appwriteError(404, 'general_route_not_found', 'Route not found'), times: 1 })
    expect(await world.call('listLogs', { accountId: ada.id, offset: 0, limit: 10 })).toEqual({ supported: false, total: 0, logs: [], offset: 0, limit: 10 })
  })

  it('refuses a limit outside 1 to 100 and a negative offset', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('listLogs', { accountId: ada.id, offset: 0, limit: 0 })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('listLogs', { accountId: ada.id, offset: 0, limit: 101 })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('listLogs', { accountId: ada.id, offset: -1, limit: 10 })).type).toBe('lanyard_invalid_input')
  })

  it('marks the account signed out when the server ended the held session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    expect((await world.failure('listLogs', { accountId: ada.id, offset: 0, limit: 10 })).type).toBe('lanyard_signed_out')
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('answers lanyard_locked while locked', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    expect((await world.failure('listLogs', { accountId: ada.id, offset: 0, limit: 10 })).type).toBe('lanyard_locked')
  })
})

describe(`sessions: the ${REFRESH_ALARM} alarm`, () => {
  it('refreshes the active account only', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('switchAccount', { accountId: ada.id })
    await renameElsewhere('ada@example.com', 'Countess Lovelace')
    await renameElsewhere('grace@example.com', 'Admiral Hopper')

    world.fake.fire.alarm(REFRESH_ALARM)
    await world.spine.idle()

    expect(world.stored.snapshot(ada.id)?.account?.name).toBe('Countess Lovelace')
    expect(world.stored.account(ada.id)?.name).toBe('Countess Lovelace')
    expect(world.stored.snapshot(grace.id)?.account?.name).toBe('Grace Hopper')
    expect(world.stored.account(grace.id)?.name).toBe('Grace Hopper')
  })

  it('marks the active account signed out when the server ended its session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    world.fake.fire.alarm(REFRESH_ALARM)
    await world.spine.idle()
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.snapshot(ada.id)?.error?.type).toBe('lanyard_signed_out')
  })

  it('does nothing without an active account', async () => {
    world.fake.fire.alarm(REFRESH_ALARM)
    await world.spine.idle()
    expect(Object.keys(world.stored.local()).filter((key) => key.startsWith('snapshot:'))).toEqual([])
  })
})

describe('sessions: preparation', () => {
  it('creates the refresh alarm with the default interval on install', async () => {
    expect(world.fake.state.alarms.has(REFRESH_ALARM)).toBe(false)
    world.fake.fire.installed()
    await world.spine.idle()
    expect(world.fake.state.alarms.get(REFRESH_ALARM)).toEqual({ periodInMinutes: 15 })
  })

  it('creates the refresh alarm with the interval from the settings on browser start', async () => {
    await world.close()
    world = await workerWorld({ local: { [items.settings.key]: { refreshIntervalMinutes: 5 } } })
    world.fake.fire.startup()
    await world.spine.idle()
    expect(world.fake.state.alarms.get(REFRESH_ALARM)).toEqual({ periodInMinutes: 5 })
  })
})

describe('sessions: revoking Lanyard’s own session by its alias', () => {
  it('records the real id of Lanyard’s own session and drops it from the snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('revokeSession', { accountId: ada.id, sessionId: 'current' })
    expect(world.stored.activity(ada.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId)).toEqual([ada.sessionId])
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).not.toContain(ada.sessionId)
    expect(world.stored.accounts()).toEqual([expect.objectContaining({ id: ada.id, status: 'signedOut' })])
  })
})

// The deletes of the cached other sessions go out while the list is fetched (one round trip).
describe('sessions: revokeOtherSessions when the list answer is malformed', () => {
  it('reports the failure, and records every session it did delete: timeline and snapshot agree with the server', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account/sessions', malformedBody: true, times: 1 })
    const result = await world.call('revokeOtherSessions', { accountId: ada.id })
    expect(result).toMatchObject({ accountId: ada.id, ok: false, error: { type: 'lanyard_malformed_response' } })
    const onServer = await world.admin.sessionIds('ada')
    const cached = (world.stored.snapshot(ada.id)?.sessions ?? []).map((s) => s.$id)
    const deleted = cached.filter((id) => !onServer.includes(id))
    expect(deleted).toEqual([])
    expect(result.revoked).toBeGreaterThan(0)
    expect(world.stored.activity(ada.id).filter((e) => e.kind === 'revoked')).toHaveLength(result.revoked)
    expect(cached.sort()).toEqual(onServer.sort())
  })
})
