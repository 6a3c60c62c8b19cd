// Every Account operation of the contract, run by the worker for a held account, each checked on
// the server through the key API (not only through the reply).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { latestCode, latestLink, TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { LINK_URL, seedUser, startAlphaWorld, type World } from '../harness/world.ts'
import { heldSecretIds } from './lock-support.ts'

describe('worker account operations', () => {
  let world: World
  let project: Project
  let admin: Admin
  let alice: AccountSummary

  beforeAll(async () => {
    const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((id) => seedUser(id))
    ;({ world, project, admin } = await startAlphaWorld(users))
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(() => world?.close())

  const sessionIds = async (userId: string) => (await admin.listSessions(userId)).map((s) => s.$id)

  it('refresh writes a snapshot with the account and its sessions, and the first log page beside it', async () => {
    const snapshot = await world.ext.call('refresh', { accountId: alice.id })
    expect(snapshot.account?.$id).toBe('alice')
    expect(snapshot.sessions?.map((s) => s.$id).sort()).toEqual((await sessionIds('alice')).sort())
    expect(snapshot.sessions?.find((s) => s.current)?.$id).toBe(alice.sessionId)
    expect(snapshot.logsFirstPage).toMatchObject({ supported: true, offset: 0 })
    expect(snapshot.logsFirstPage?.logs.some((log) => log.event === 'session.create')).toBe(true)
    expect(snapshot.error).toBeUndefined()
    const stored = await world.ext.readStorage()
    expect(stored[`snapshot:${alice.id}`]).toEqual({ ...snapshot, logsFirstPage: null })
    expect(stored[`snapshotLogs:${alice.id}`]).toEqual(snapshot.logsFirstPage)
  })

  it('getSession and updateSession read and extend the held session', async () => {
    const session = await world.ext.call('getSession', { accountId: alice.id, sessionId: alice.sessionId })
    expect(session).toMatchObject({ $id: alice.sessionId, userId: 'alice', current: true })
    const before = (await admin.listSessions('alice')).find((s) => s.$id === alice.sessionId)?.expire ?? ''
    const updated = await world.ext.call('updateSession', { accountId: alice.id, sessionId: alice.sessionId })
    // Re-read after the PATCH, whose body misreports `current` (docs/appwrite/wire.md section 10).
    expect(updated.current).toBe(true)
    const after = (await admin.listSessions('alice')).find((s) => s.$id === alice.sessionId)?.expire ?? ''
    expect(Date.parse(after)).toBeGreaterThanOrEqual(Date.parse(before))
    expect(Date.parse(updated.expire)).toBe(Date.parse(after))
  })

  it('listLogs pages with limit and offset', async () => {
    const first = await world.ext.call('listLogs', { accountId: alice.id, offset: 0, limit: 1 })
    expect(first).toMatchObject({ supported: true, limit: 1, offset: 0 })
    expect(first.logs).toHaveLength(1)
    expect(first.total).toBeGreaterThanOrEqual(2)
    const second = await world.ext.call('listLogs', { accountId: alice.id, offset: 1, limit: 1 })
    expect(second.logs).toHaveLength(1)
    expect(second.logs[0]).not.toEqual(first.logs[0])
  })

  it('prefs: update, then read back, as the server stores them', async () => {
    const prefs = { theme: 'dark', nested: { n: 1 } }
    expect(await world.ext.call('updatePrefs', { accountId: alice.id, prefs })).toEqual(prefs)
    expect((await admin.getUser('alice')).prefs).toEqual(prefs)
    expect(await world.ext.call('getPrefs', { accountId: alice.id })).toEqual(prefs)
    expect((await world.ext.readStorage())[`snapshot:${alice.id}`]).toMatchObject({ prefs })
  })

  it('updateName, updateEmail and updatePhone change the server user and the stored summary', async () => {
    await world.ext.call('updateName', { accountId: alice.id, name: 'Alice A.' })
    await world.ext.call('updateEmail', { accountId: alice.id, email: 'alice2@example.test', password: TEST_PASSWORD })
    await world.ext.call('updatePhone', { accountId: alice.id, phone: '+15550002222', password: TEST_PASSWORD })
    expect(await admin.getUser('alice')).toMatchObject({ name: 'Alice A.', email: 'alice2@example.test', phone: '+15550002222' })
    const summary = (await world.ext.call('getState')).accounts.find((a) => a.id === alice.id)
    expect(summary).toMatchObject({ name: 'Alice A.', email: 'alice2@example.test', phone: '+15550002222' })
  })

  it('email verification: send the link, confirm the pasted link', async () => {
    await world.ext.call('sendEmailVerification', { accountId: alice.id, url: LINK_URL })
    const link = await latestLink(world.server, 'alice2@example.test')
    await world.ext.call('confirmEmailVerification', { accountId: alice.id, link })
    expect((await admin.getUser('alice')).emailVerification).toBe(true)
  })

  it('phone verification: send the SMS code, confirm it', async () => {
    await world.ext.call('sendPhoneVerification', { accountId: alice.id })
    const code = await latestCode(world.server, '+15550002222')
    await world.ext.call('confirmPhoneVerification', { accountId: alice.id, code })
    expect((await admin.getUser('alice')).phoneVerification).toBe(true)
  })

  it('createJwt returns a JWT that acts as the account on the server', async () => {
    const { jwt } = await world.ext.call('createJwt', { accountId: alice.id, durationSeconds: 60 })
    const response = await fetch(`${world.server.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'alpha', 'X-Appwrite-JWT': jwt } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { $id: string }).$id).toBe('alice')
  })

  it('revokeSession deletes exactly that other session on the server', async () => {
    const other = await admin.createSession('alice')
    await world.ext.call('revokeSession', { accountId: alice.id, sessionId: other.$id })
    const ids = await sessionIds('alice')
    expect(ids).not.toContain(other.$id)
    expect(ids).toContain(alice.sessionId)
  })

  it('revokeOtherSessions leaves only the held session on the server', async () => {
    await admin.createSession('alice')
    await admin.createSession('alice')
    const result = await world.ext.call('revokeOtherSessions', { accountId: alice.id })
    expect(result).toEqual({ accountId: alice.id, ok: true, revoked: 2 })
    expect(await sessionIds('alice')).toEqual([alice.sessionId])
    const snapshot = (await world.ext.readStorage())[`snapshot:${alice.id}`] as { sessions: { $id: string }[] }
    expect(snapshot.sessions.map((s) => s.$id)).toEqual([alice.sessionId])
  })

  it('updatePassword: the new password signs in, the old one no longer does', async () => {
    await world.ext.call('updatePassword', { accountId: alice.id, password: 'brand-new-pass-9', oldPassword: TEST_PASSWORD })
    const old = await world.ext.send('signIn', { method: 'email-password', projectId: project.id, email: 'alice2@example.test', password: TEST_PASSWORD })
    expect(old).toMatchObject({ ok: false, error: { type: 'user_invalid_credentials' } })
    const again = await world.signInWithPassword(project, 'alice2@example.test', 'brand-new-pass-9')
    expect(again.id).toBe(alice.id)
    alice = again
  })

  it('switchAccount and switchToNextAccount move the active account', async () => {
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    expect((await world.ext.call('getState')).activeAccountId).toBe(bob.id)
    await world.ext.call('switchAccount', { accountId: alice.id })
    expect((await world.ext.call('getState')).activeAccountId).toBe(alice.id)
    const next = await world.ext.call('switchToNextAccount')
    expect(next.accountId).toBe(bob.id)
    expect((await world.ext.call('getState')).activeAccountId).toBe(bob.id)
    const unknown = await world.ext.send('switchAccount', { accountId: 'nobody' })
    expect(unknown).toMatchObject({ ok: false, error: { type: 'lanyard_unknown_account' } })
  })

  it('signOut deletes the session on the server and keeps the account, signed out', async () => {
    const carol = await world.signInWithPassword(project, 'carol@example.test')
    await world.ext.call('signOut', { accountId: carol.id })
    expect(await sessionIds('carol')).not.toContain(carol.sessionId)
    const summary = (await world.ext.call('getState')).accounts.find((a) => a.id === carol.id)
    expect(summary?.status).toBe('signedOut')
    expect(heldSecretIds(await world.ext.readStorage())).not.toContain(carol.id)
    const reply = await world.ext.send('refresh', { accountId: carol.id })
    expect(reply).toMatchObject({ ok: false, error: { type: 'lanyard_signed_out' } })
  })

  it('revokeAllSessions deletes every session of the user, the held one too', async () => {
    const dave = await world.signInWithPassword(project, 'dave@example.test')
    await admin.createSession('dave')
    await world.ext.call('revokeAllSessions', { accountId: dave.id })
    expect(await admin.listSessions('dave')).toEqual([])
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === dave.id)?.status).toBe('signedOut')
  })

  it('removeAccount forgets the account, its secret and snapshot, and ends its session', async () => {
    const erin = await world.signInWithPassword(project, 'erin@example.test')
    await world.ext.call('removeAccount', { accountId: erin.id })
    expect(await sessionIds('erin')).not.toContain(erin.sessionId)
    expect((await world.ext.call('getState')).accounts.map((a) => a.id)).not.toContain(erin.id)
    const storage = await world.ext.readStorage()
    expect(heldSecretIds(storage)).not.toContain(erin.id)
    expect(storage).not.toHaveProperty(`snapshot:${erin.id}`)
  })

  it('blockAccount blocks the user on the server and marks the account blocked', async () => {
    const frank = await world.signInWithPassword(project, 'frank@example.test')
    await world.ext.call('blockAccount', { accountId: frank.id })
    expect((await admin.getUser('frank')).status).toBe(false)
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === frank.id)?.status).toBe('blocked')
    const reply = await world.ext.send('refresh', { accountId: frank.id })
    expect(reply).toMatchObject({ ok: false, error: { type: 'user_blocked', code: 403 } })
  })

  it('password recovery: send the link, set a new password with the pasted link', async () => {
    await world.ext.call('sendRecovery', { projectId: project.id, email: 'bob@example.test', url: LINK_URL })
    const link = await latestLink(world.server, 'bob@example.test')
    await world.ext.call('confirmRecovery', { projectId: project.id, link, password: 'recovered-pass-7' })
    const bob = await world.signInWithPassword(project, 'bob@example.test', 'recovered-pass-7')
    expect(bob.userId).toBe('bob')
  })

  it('updateProject and removeProject change the stored project list, drop its accounts and end their sessions', async () => {
    const held = (await world.ext.call('getState')).accounts.filter((a) => a.status === 'signedIn')
    expect(held.length).toBeGreaterThan(0)
    const renamed = await world.ext.call('updateProject', { id: project.id, label: 'Alpha', color: '#123456' })
    expect(renamed).toMatchObject({ id: project.id, label: 'Alpha', color: '#123456' })
    expect((await world.ext.readStorage())['projects']).toEqual([renamed])
    await world.ext.call('removeProject', { id: project.id })
    const state = await world.ext.call('getState')
    expect(state).toEqual({ projects: [], accounts: [], activeAccountId: null })
    const leftovers = Object.keys(await world.ext.readStorage()).filter((key) => /^(vault|snapshot):/.test(key))
    expect(leftovers).toEqual([])
    for (const account of held) expect(await sessionIds(account.userId)).not.toContain(account.sessionId)
  })
})
