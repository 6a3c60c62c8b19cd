// Firefox's background script stopped between and during operations (issue 17 item 11): Firefox
// ends its event page when idle (background.ts stops it the same way) and starts it again for the
// next message or alarm. Everything must come back from storage, and an operation cut off midway
// leaves the old state or the new one, never half of one, checked on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD, type Admin } from '../harness/server.ts'
import { seedUser } from '../harness/world.ts'
import { backgroundState, stopBackground } from './background.ts'
import { startFirefoxWorld, type FirefoxWorld } from './world.ts'

describe('Firefox: the background script stopped and started again', () => {
  let world: FirefoxWorld
  let admin: Admin
  let project: Project
  let alice: AccountSummary

  beforeAll(async () => {
    world = await startFirefoxWorld(['alice', 'bob', 'carol'].map((id) => seedUser(id)))
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(() => world?.close())

  const sessionIds = async (userId: string) => (await admin.listSessions(userId)).map((s) => s.$id)

  it('between operations: a stopped script wakes for the next message with its projects, accounts and sealed sessions', async () => {
    await stopBackground(world.ext)
    expect(await backgroundState(world.ext)).toBe('stopped')
    const state = await world.ext.call('getState')
    expect(await backgroundState(world.ext)).toBe('running')
    expect(state.projects).toEqual([project])
    expect(state.accounts.map((a) => a.id)).toEqual([alice.id])
    // The woken script opens the held session: the server answers as alice.
    expect((await world.ext.call('refresh', { accountId: alice.id })).account?.$id).toBe('alice')

    await stopBackground(world.ext)
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    expect(await sessionIds('bob')).toEqual([bob.sessionId])
    await stopBackground(world.ext)
    await world.ext.call('signOut', { accountId: bob.id })
    expect(await sessionIds('bob')).toEqual([])
  })

  it('during a refresh: the cut-off request leaves the account as it was, and the next one works', async () => {
    await world.server.addFault({ method: 'GET', path: '/v1/account', delayMs: 1500, times: 1 })
    const cutOff = world.ext.send('refresh', { accountId: alice.id }).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 400))
    await stopBackground(world.ext)
    await cutOff
    const state = await world.ext.call('getState')
    expect(state.accounts.find((a) => a.id === alice.id)?.status).toBe('signedIn')
    expect((await world.ext.call('refresh', { accountId: alice.id })).account?.$id).toBe('alice')
    expect(await sessionIds('alice')).toEqual([alice.sessionId])
  })

  it('during a sign-in: the account is held whole or not at all, and signing in again works', async () => {
    await world.server.addFault({ method: 'GET', path: '/v1/account', delayMs: 1500, times: 1 })
    const cutOff = world.ext.send('signIn', { method: 'email-password', projectId: project.id, email: 'carol@example.test', password: TEST_PASSWORD }).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 400))
    await stopBackground(world.ext)
    await cutOff
    const carol = (await world.ext.call('getState')).accounts.find((a) => a.userId === 'carol')
    if (carol) expect((await world.ext.call('refresh', { accountId: carol.id })).account?.$id).toBe('carol')
    const again = await world.signInWithPassword(project, 'carol@example.test')
    expect((await world.ext.call('refresh', { accountId: again.id })).account?.$id).toBe('carol')
    expect(await sessionIds('carol')).toContain(again.sessionId)
  })

  it('an alarm starts a stopped script: the refresh alarm writes the active account’s new snapshot', async () => {
    await world.ext.call('switchAccount', { accountId: alice.id })
    const fetchedAt = () =>
      world.ext.inPage<number>(async (key: string) => {
        const stored = await (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.get(key)
        return (stored[key] as { fetchedAt?: number } | undefined)?.fetchedAt ?? 0
      }, [`snapshot:${alice.id}`])
    const before = await fetchedAt()
    await stopBackground(world.ext)
    await world.ext.inPage(() => (globalThis as unknown as { browser: typeof chrome }).browser.alarms.create('refresh-active-account', { when: Date.now() }))
    await expect.poll(fetchedAt, { timeout: 15_000 }).toBeGreaterThan(before)
    expect(await backgroundState(world.ext)).toBe('running')
  })
})
