// @vitest-environment node
// Signing out other sessions on both server lines: one DELETE /account/sessions?current=false on 2.4+,
// list and delete before (docs/appwrite/wire-2x.md section 3.3). Each test checks the server's sessions.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { items } from '../../shared/storage.ts'
import { appwriteError, APPWRITE_VERSIONS, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

let world: WorkerWorld | undefined
afterEach(() => world?.close())

const FAILED = appwriteError(500, 'general_server_error', 'injected')

describe.each(APPWRITE_VERSIONS)('revoking other sessions on Appwrite %s', (version) => {
  const oneRequest = version !== '1.9.6'

  it('ends every other session of the account and keeps the held one', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.server.signIn('ada@example.com')
    await world.call('refresh', { accountId: ada.id })
    const others = (await world.admin.sessionIds('ada')).filter((id) => id !== ada.sessionId)
    expect(others.length).toBeGreaterThan(1)

    const result = await world.call('revokeOtherSessions', { accountId: ada.id })

    expect(result).toEqual({ accountId: ada.id, ok: true, revoked: others.length })
    expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).toEqual([ada.sessionId])
    const revoked = world.stored.activity(ada.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId)
    expect(revoked.sort()).toEqual([...others].sort())
  })

  it(oneRequest ? 'needs neither the list nor per-session deletes' : 'lists the sessions and deletes each', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account/sessions', status: 500, body: FAILED })
    await world.fault({ method: 'DELETE', path: '/v1/account/sessions/*', status: 500, body: FAILED })

    const reply = await world.send('revokeOtherSessions', { accountId: ada.id })

    if (oneRequest) {
      expect(reply).toMatchObject({ ok: true, value: { ok: true } })
      expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
    } else {
      expect(reply.ok).toBe(false)
      expect((await world.admin.sessionIds('ada')).length).toBeGreaterThan(1)
    }
  })

  it('"everywhere" takes the same path for every signed-in account', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.server.signIn('grace@example.com')
    if (oneRequest) await world.fault({ method: 'GET', path: '/v1/account/sessions', status: 500, body: FAILED })

    const results = await world.call('revokeOtherSessionsEverywhere')

    expect(results.map((r) => [r.accountId, r.ok])).toEqual([
      [ada.id, true],
      [grace.id, true],
    ])
    expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
    expect(await world.admin.sessionIds('grace')).toEqual([grace.sessionId])
  })
  it('"everywhere" writes the snapshots, watches and timelines of all accounts with one storage call', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    const emails = ['ada@example.com', 'grace@example.com', 'alan@example.com']
    const accounts = []
    for (const email of emails) {
      accounts.push(await world.signIn(project, email))
      await world.server.signIn(email)
      await world.server.signIn(email)
    }
    // As when the person looks at the accounts first: the cached sessions are current.
    for (const account of accounts) await world.call('refresh', { accountId: account.id })
    const keysOf = (id: string) => [items.snapshot(id).key, items.sessionWatch(id).key, items.activity(id).key]
    const recordKeys = new Set(accounts.flatMap((a) => keysOf(a.id)))
    const others = await Promise.all(accounts.map(async (a) => (await world!.admin.sessionIds(a.userId)).filter((id) => id !== a.sessionId).sort()))
    const before = world.fake.storageChanges.length
    // The secrets too are read once for every account, not once per account before its request.
    const readSecret = vi.spyOn(world.ctx.vault, 'readSecret')
    const readSecrets = vi.spyOn(world.ctx.vault, 'readSecrets')

    const results = await world.call('revokeOtherSessionsEverywhere')

    expect(readSecret).not.toHaveBeenCalled()
    expect(readSecrets.mock.calls).toEqual([[accounts.map((a) => a.id)]])

    expect(results.map((r) => r.ok)).toEqual([true, true, true])
    const recordWrites = world.fake.storageChanges.slice(before).filter((c) => Object.keys(c.changes).some((key) => recordKeys.has(key)))
    expect(recordWrites).toHaveLength(1)
    expect(Object.keys(recordWrites[0]?.changes ?? {}).sort()).toEqual([...recordKeys].sort())
    for (const [i, account] of accounts.entries()) {
      expect(await world.admin.sessionIds(account.userId)).toEqual([account.sessionId])
      expect(world.stored.snapshot(account.id)?.sessions?.map((s) => s.$id)).toEqual([account.sessionId])
      const revoked = world.stored.activity(account.id).filter((e) => e.kind === 'revoked').map((e) => e.sessionId)
      expect(revoked.sort()).toEqual(others[i])
      expect(revoked.length).toBeGreaterThanOrEqual(2)
    }
  })
})
