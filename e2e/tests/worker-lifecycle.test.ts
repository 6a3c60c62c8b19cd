// MV3 lifetime: the worker is stopped (CDP ServiceWorker.stopAllWorkers) between and during
// operations; nothing it needs lives only in memory. And the fan-out over many accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy.ts'
import { TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startAlphaWorld, startWorld, type World } from '../harness/world.ts'
import { heldSecretIds } from './lock-support.ts'

describe('worker stopped between and during operations', () => {
  let world: World
  let project: Project
  let admin: Admin
  let alice: AccountSummary

  beforeAll(async () => {
    ;({ world, project, admin } = await startAlphaWorld([seedUser('alice'), seedUser('bob'), seedUser('carol')]))
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(() => world?.close())

  it('after a stop, projects, accounts, the active account and settings are all still there', async () => {
    await world.ext.call('updateProject', { id: project.id, label: 'Kept label' })
    const before = await world.ext.call('getState')
    const storageBefore = await world.ext.readStorage()
    await world.ext.stopWorker()
    expect(await world.ext.call('getState')).toEqual(before)
    expect(await world.ext.readStorage()).toEqual(storageBefore)
    expect(before.projects[0]?.label).toBe('Kept label')
  })

  it('after a stop, the held secret still opens: the next call acts as the account', async () => {
    await world.ext.stopWorker()
    await world.ext.call('updateName', { accountId: alice.id, name: 'After Stop' })
    expect((await admin.getUser('alice')).name).toBe('After Stop')
    await world.ext.stopWorker()
    const snapshot = await world.ext.call('refresh', { accountId: alice.id })
    expect(snapshot.account?.name).toBe('After Stop')
  })

  it('a stop during a sign-in leaves either no account or a complete one, and the next sign-in works', async () => {
    // The page's request may be answered or cut off by the stop; either is fine, what is stored is checked.
    const pending = world.ext.send('signIn', { method: 'email-password', projectId: project.id, email: 'bob@example.test', password: TEST_PASSWORD }).catch(() => undefined)
    await world.ext.stopWorker()
    await pending
    const bobEntry = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'bob')
    const storage = await world.ext.readStorage()
    if (bobEntry) expect(heldSecretIds(storage)).toContain(bobEntry.id)
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    expect((await world.ext.call('refresh', { accountId: bob.id })).account?.$id).toBe('bob')
    expect((await world.ext.call('getState')).accounts.filter((a) => a.userId === 'bob')).toHaveLength(1)
  })

  it('a stop during a write loses nothing held: the next call works and matches the server', async () => {
    const pending = world.ext.send('updatePrefs', { accountId: alice.id, prefs: { during: 'stop' } }).catch(() => undefined)
    await world.ext.stopWorker()
    await pending
    const snapshot = await world.ext.call('refresh', { accountId: alice.id })
    expect(snapshot.prefs).toEqual((await admin.getUser('alice')).prefs)
    const state = await world.ext.call('getState')
    expect(state.accounts.find((a) => a.id === alice.id)?.status).toBe('signedIn')
    expect(state.activeAccountId).not.toBeNull()
  })

  it('the Origin rule follows the project list and survives a stop; the refresh alarm is set', async () => {
    // A session rule: `tabIds` is allowed only there.
    expect(await world.ext.page.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).toEqual([])
    const rules = () => world.ext.page.evaluate(() => chrome.declarativeNetRequest.getSessionRules())
    expect(await rules()).toEqual([
      expect.objectContaining({
        condition: expect.objectContaining({ tabIds: [-1], requestDomains: ['127.0.0.1'], initiatorDomains: [world.ext.extensionId] }),
      }),
    ])
    const other = await world.ext.call('addProject', { endpoint: world.server.endpoint.replace('127.0.0.1', 'localhost'), projectId: 'alpha' })
    await world.ext.stopWorker()
    expect((await rules())[0]?.condition.requestDomains).toEqual(['127.0.0.1', 'localhost'])
    await world.ext.call('removeProject', { id: other.id })
    expect((await rules())[0]?.condition.requestDomains).toEqual(['127.0.0.1'])
    const alarms = await world.ext.page.evaluate(() => chrome.alarms.getAll())
    // The periodic sign-in check (issue 5) is the other one; no auto-lock alarm without a passphrase.
    expect(alarms.map((alarm) => alarm.name).sort()).toEqual(['refresh-active-account', 'sign-in-check'])
  })

  it('several stops in a row between calls keep every account usable', async () => {
    const carol = await world.signInWithPassword(project, 'carol@example.test')
    for (const account of [alice, carol, alice]) {
      await world.ext.stopWorker()
      const { jwt } = await world.ext.call('createJwt', { accountId: account.id })
      expect(jwt.split('.')).toHaveLength(3)
    }
    expect((await admin.getUser('carol')).status).toBe(true)
  })
})

describe('revokeOtherSessionsEverywhere over 20 accounts', () => {
  const USERS = Array.from({ length: 20 }, (_, i) => `user${String(i).padStart(2, '0')}`)
  let world: World
  let admin: Admin
  let accounts: AccountSummary[]
  let proxy: RecordingProxy

  beforeAll(async () => {
    world = await startWorld(alphaConfig(USERS.map((id) => seedUser(id))))
    proxy = await startRecordingProxy(world.server.endpoint)
    const project = await world.ext.call('addProject', { endpoint: proxy.endpoint, projectId: 'alpha' })
    admin = world.server.admin('alpha')
    accounts = []
    for (const id of USERS) accounts.push(await world.signInWithPassword(project, `${id}@example.test`))
  })
  afterAll(async () => {
    await world?.close()
    await proxy?.close()
  })

  it('revokes every other session of every account, accounts in parallel, and reports each one', async () => {
    for (const id of USERS) await admin.createSession(id)
    // Slow session lists keep each account's task open, so tasks that run together overlap at the server.
    await world.server.addFault({ method: 'GET', path: '/v1/account/sessions', delayMs: 200 })
    proxy.resetPeak()
    const results = await world.ext.call('revokeOtherSessionsEverywhere').finally(() => world.server.clearFaults())
    // One at a time would peak at 1. The worker allows 8; Chromium opens at most 6 connections per host.
    expect(proxy.peakInFlight()).toBeGreaterThanOrEqual(4)
    expect(proxy.peakInFlight()).toBeLessThanOrEqual(8)
    expect(results).toHaveLength(20)
    expect(results.every((r) => r.ok && r.revoked === 1)).toBe(true)
    expect(results.map((r) => r.accountId).sort()).toEqual(accounts.map((a) => a.id).sort())
    for (const account of accounts) {
      expect((await admin.listSessions(account.userId)).map((s) => s.$id)).toEqual([account.sessionId])
    }
  })

  it('reports a partial failure for the one account whose delete failed, and finishes the others', async () => {
    const extra = await Promise.all(USERS.map((id) => admin.createSession(id)))
    const failing = extra[7]
    await world.server.addFault({ method: 'DELETE', path: `/v1/account/sessions/${failing?.$id}`, status: 500, body: 'boom', times: 1 })
    try {
      const results = await world.ext.call('revokeOtherSessionsEverywhere')
      const failed = results.filter((r) => !r.ok)
      expect(failed).toHaveLength(1)
      expect(failed[0]).toMatchObject({ accountId: accounts[7]?.id, revoked: 0, error: { type: 'lanyard_server_error', code: 500 } })
      expect(results.filter((r) => r.ok && r.revoked === 1)).toHaveLength(19)
      expect((await admin.listSessions(USERS[7] ?? '')).map((s) => s.$id)).toContain(failing?.$id)
      expect((await admin.listSessions(USERS[8] ?? '')).map((s) => s.$id)).toEqual([accounts[8]?.sessionId])
    } finally {
      await world.server.clearFaults()
    }
  })

  it('signed-out accounts are left out', async () => {
    await admin.deleteSessions(USERS[0] ?? '')
    await world.ext.send('refresh', { accountId: accounts[0]?.id ?? '' })
    const results = await world.ext.call('revokeOtherSessionsEverywhere')
    expect(results.map((r) => r.accountId)).not.toContain(accounts[0]?.id)
    expect(results).toHaveLength(19)
  })
})
