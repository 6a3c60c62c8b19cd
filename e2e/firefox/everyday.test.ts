// The everyday paths in Firefox: dist/firefox installed as a temporary add-on over WebDriver BiDi,
// driven through its own options page and the real message contract, checked on the local server
// through the key API. The project does not list the extension's origin, so every POST passing
// shows the Origin-removing rule working in Firefox (docs/appwrite/wire.md section 9).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import type { Admin, AdminSession } from '../harness/server.ts'
import { firefoxTestDist } from '../harness/paths.ts'
import { seedUser } from '../harness/world.ts'
import { GECKO_ID, type PageGlobals } from './firefox.ts'
import { startFirefoxWorld, type FirefoxWorld } from './world.ts'

describe('Firefox: everyday paths', () => {
  let world: FirefoxWorld
  let project: Project
  let admin: Admin
  let alice: AccountSummary
  let bob: AccountSummary
  let laptop: AdminSession
  let phone: AdminSession

  beforeAll(async () => {
    world = await startFirefoxWorld(['alice', 'bob'].map((id) => seedUser(id)))
    admin = world.server.admin('alpha')
  })
  afterAll(() => world?.close())

  const sessionIds = async (userId: string) => (await admin.listSessions(userId)).map((s) => s.$id).sort()

  it('installs as a temporary add-on under its gecko id, with background scripts answering', async () => {
    expect(world.ext.addonId).toBe(GECKO_ID)
    expect(await world.ext.call('getState')).toEqual({ projects: [], accounts: [], activeAccountId: null })
  })

  it('every command the manifest suggests a key for got that key in this fresh profile (issue 16)', async () => {
    const manifest = JSON.parse(await readFile(join(firefoxTestDist, 'manifest.json'), 'utf8')) as { commands: Record<string, { suggested_key?: { default?: string } }> }
    const suggested = Object.entries(manifest.commands).filter(([, c]) => c.suggested_key?.default)
    expect(suggested.length).toBe(3)
    const assigned = await world.ext.inPage<{ name?: string; shortcut?: string }[]>(() => (globalThis as unknown as PageGlobals).browser.commands.getAll())
    for (const [name, command] of suggested) expect(assigned.find((c) => c.name === name)?.shortcut, name).toBe(command.suggested_key?.default)
  })

  it('add a project: the Origin rule names the endpoint host and this install’s own UUID host', async () => {
    project = await world.addProject('alpha')
    expect(project).toMatchObject({ endpoint: world.server.endpoint, projectId: 'alpha' })
    expect((await world.ext.call('getState')).projects).toEqual([project])
    const rules = await world.ext.inPage<{ condition: { tabIds?: number[]; requestDomains: string[]; initiatorDomains: string[] } }[]>(() =>
      (globalThis as unknown as PageGlobals).browser.declarativeNetRequest.getSessionRules(),
    )
    expect(rules).toHaveLength(1)
    expect(rules[0]?.condition).toMatchObject({ tabIds: [-1], requestDomains: ['127.0.0.1'], initiatorDomains: [world.ext.uuid] })
  })

  it('sign in two accounts with email and password: the server holds the sessions the worker reports', async () => {
    alice = await world.signInWithPassword(project, 'alice@example.test')
    bob = await world.signInWithPassword(project, 'bob@example.test')
    expect(alice).toMatchObject({ userId: 'alice', status: 'signedIn' })
    expect(bob).toMatchObject({ userId: 'bob', status: 'signedIn' })
    expect(await sessionIds('alice')).toEqual([alice.sessionId])
    expect(await sessionIds('bob')).toEqual([bob.sessionId])
    const state = await world.ext.call('getState')
    expect(state.accounts.map((a) => a.userId).sort()).toEqual(['alice', 'bob'])
  })

  it('the refresh alarm is scheduled through browser.alarms', async () => {
    const alarm = await world.ext.inPage<{ name: string; periodInMinutes?: number } | undefined>(() =>
      (globalThis as unknown as PageGlobals).browser.alarms.get('refresh-active-account'),
    )
    expect(alarm?.periodInMinutes).toBeGreaterThan(0)
  })

  it('switch: the active account follows, and the next-account switch cycles', async () => {
    await world.ext.call('switchAccount', { accountId: alice.id })
    expect((await world.ext.call('getState')).activeAccountId).toBe(alice.id)
    const { accountId } = await world.ext.call('switchToNextAccount')
    expect(accountId).toBe(bob.id)
    expect((await world.ext.call('getState')).activeAccountId).toBe(bob.id)
  })

  it('sign-ins elsewhere are announced with notifications (without the buttons Firefox rejects) and the badge', async () => {
    laptop = await admin.createSession('alice')
    phone = await admin.createSession('alice')
    const snapshot = await world.ext.call('refresh', { accountId: alice.id })
    expect(snapshot.sessions?.map((s) => s.$id).sort()).toEqual([alice.sessionId, laptop.$id, phone.$id].sort())
    const shown = await world.ext.inPage<Record<string, unknown>>(() => (globalThis as unknown as PageGlobals).browser.notifications.getAll())
    expect(Object.keys(shown)).toHaveLength(2)
    const badge = await world.ext.inPage<string>(() => (globalThis as unknown as PageGlobals).browser.action.getBadgeText({}))
    expect(badge).toBe('2')
    const title = await world.ext.inPage<string>(() => (globalThis as unknown as PageGlobals).browser.action.getTitle({}))
    expect(title).toMatch(/^Lanyard — .+@example\.test \(.+\) — new sign-ins: 2$/)
  })

  it('revoke one session: the chosen other session is gone on the server, the held one stays', async () => {
    await world.ext.call('revokeSession', { accountId: alice.id, sessionId: laptop.$id })
    expect(await sessionIds('alice')).toEqual([alice.sessionId, phone.$id].sort())
  })

  it('sign out other sessions: only the session Lanyard holds is left', async () => {
    await admin.createSession('alice')
    const result = await world.ext.call('revokeOtherSessions', { accountId: alice.id })
    expect(result).toMatchObject({ accountId: alice.id, ok: true, revoked: 2 })
    expect(await sessionIds('alice')).toEqual([alice.sessionId])
    expect(await sessionIds('bob')).toEqual([bob.sessionId])
  })

  it('read the log: the security log pages through the worker', async () => {
    const page = await world.ext.call('listLogs', { accountId: alice.id, offset: 0, limit: 25 })
    expect(page).toMatchObject({ supported: true, offset: 0, limit: 25 })
    expect(page.logs.some((log) => log.event === 'session.create')).toBe(true)
    expect(page.total).toBeGreaterThanOrEqual(page.logs.length)
  })

  it('passphrase lock: the unlocked key lives in storage.session; locked, requests are refused until unlocked', async () => {
    const sessionArea = () => world.ext.inPage<Record<string, unknown>>(() => (globalThis as unknown as PageGlobals).browser.storage.session.get(null))
    await world.ext.call('setPassphrase', { passphrase: 'a long enough passphrase 42' })
    expect(Object.keys(await sessionArea())).toContain('unlockedKey')
    await world.ext.call('lock')
    expect(Object.keys(await sessionArea())).not.toContain('unlockedKey')
    expect(await world.ext.send('refresh', { accountId: alice.id })).toMatchObject({ ok: false, error: { type: 'lanyard_locked' } })
    await world.ext.call('unlock', { passphrase: 'a long enough passphrase 42' })
    expect(Object.keys(await sessionArea())).toContain('unlockedKey')
    expect((await world.ext.call('refresh', { accountId: alice.id })).account?.$id).toBe('alice')
  })

  it('OAuth2: launchWebAuthFlow ends at Firefox’s own redirect URL and the token becomes a session', async () => {
    const { host, redirectUrl } = await world.ext.call('getOAuthRedirectHost')
    expect(host).toMatch(/^[0-9a-f]{40}\.extensions\.allizom\.org$/)
    expect(redirectUrl.startsWith(`https://${host}/`)).toBe(true)
    const oauthUser = await world.ext.call('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    const sessions = await admin.listSessions(oauthUser.userId)
    expect(sessions.find((s) => s.$id === oauthUser.sessionId)?.provider).toBe('mock')
  })

  it('sign out: the server session ends and the account stays listed, signed out', async () => {
    await world.ext.call('signOut', { accountId: bob.id })
    expect(await sessionIds('bob')).toEqual([])
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === bob.id)?.status).toBe('signedOut')
  })
})
