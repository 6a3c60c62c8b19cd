// @vitest-environment node
// "Act as a user" in the worker (issue 15), against the local server in both modes: who is offered it,
// the users search without hashes, acting in the pages, acting in a tab through the per-tab rule,
// the timeline, and lock ending every act-as.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import type { SessionRule } from '../browser.ts'
import { ORIGIN_RULE_ID } from '../origin-rule.ts'
import type { FakeTab } from '../testing/fake-browser.ts'
import { APPWRITE_VERSIONS, demoWorld, TEST_PASSPHRASE, type WorkerWorld } from '../testing/worker-world.ts'

const APP = 'https://app.example.com'

describe.each(APPWRITE_VERSIONS)('act as a user on %s', (version) => {
  let world: WorkerWorld
  let project: Project
  let olivia: AccountSummary
  let tab: FakeTab
  beforeEach(async () => {
    ;({ world, project } = await demoWorld({ version }))
    // The console's toggle, through the server's own route (docs/appwrite/wire-2x.md section 5.1).
    expect((await world.admin.request('PATCH', '/users/alan/impersonator', { impersonator: true })).status).toBe(200)
    olivia = await world.signIn(project, 'alan@example.com')
    tab = world.fake.openTab(`${APP}/dashboard`)
  })
  afterEach(() => world.close())

  const state = () => world.fake.state
  const tabRules = () => state().sessionRules.filter((rule): rule is SessionRule => rule.id !== ORIGIN_RULE_ID)
  const acting = () => world.stored.item(items.actingStates) ?? {}
  const actAsEvents = (accountId: string) => world.stored.activity(accountId).filter((e) => e.kind.startsWith('actAs'))

  it('searches the project’s users, paged, and no password hash reaches the reply or storage', async () => {
    const first = await world.call('searchUsers', { accountId: olivia.id, search: '', offset: 0, limit: 2 })
    expect(first.users).toHaveLength(2)
    expect(first.total).toBeGreaterThanOrEqual(3)
    const next = await world.call('searchUsers', { accountId: olivia.id, search: '', offset: 2, limit: 2 })
    expect(next.users.map((u) => u.$id)).not.toContain(first.users[0]?.$id)
    const grace = await world.call('searchUsers', { accountId: olivia.id, search: 'grace', offset: 0, limit: 10 })
    expect(grace.users).toEqual([expect.objectContaining({ $id: 'grace', email: 'grace@example.com', status: true })])
    // The server does send them (e2e/appwrite/impersonation.test.ts): Lanyard drops them at the client.
    const raw = (await world.admin.request('GET', '/users')).json as { users: { password: string }[] }
    const hashes = raw.users.map((u) => u.password)
    expect(hashes.length).toBeGreaterThan(0)
    for (const text of [JSON.stringify([first, next, grace]), JSON.stringify(world.stored.local())]) {
      for (const hash of hashes) expect(text).not.toContain(hash)
      expect(text).not.toMatch(/"password":|"hash":|hashOptions/)
    }
  })

  it('refuses a plain account, without marking it signed out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('searchUsers', { accountId: ada.id, search: '', offset: 0, limit: 5 })).toMatchObject({ type: 'lanyard_not_impersonator', code: 403 })
    expect(await world.failure('startActingAs', { accountId: ada.id, userId: 'grace' })).toMatchObject({ type: 'lanyard_not_impersonator' })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(acting()).toEqual({})
  })

  it('acts as the target in the pages: its GET /account, the scope of the version, the timeline; stop ends it', async () => {
    const started = await world.call('startActingAs', { accountId: olivia.id, userId: 'grace' })
    expect(started).toMatchObject({ accountId: olivia.id, target: { userId: 'grace', email: 'grace@example.com' }, profile: { $id: 'grace', impersonatorUserId: 'alan' } })
    expect(started.scope).toBe(version.startsWith('2.') ? 'account' : 'allAccountRoutes')
    expect(acting()[olivia.id]?.profile.$id).toBe('grace')
    // The operator stays itself.
    expect((await world.call('refresh', { accountId: olivia.id })).account?.$id).toBe('alan')
    await world.call('stopActingAs', { accountId: olivia.id })
    expect(acting()).toEqual({})
    expect(actAsEvents(olivia.id).map((e) => [e.kind, e.actingAs?.target, e.actingAs?.where, e.sessionId])).toEqual([
      ['actAsStarted', 'grace@example.com', 'page', olivia.sessionId],
      ['actAsStopped', 'grace@example.com', 'page', olivia.sessionId],
    ])
  })

  it('removing the operator account forgets its act-as state', async () => {
    await world.call('startActingAs', { accountId: olivia.id, userId: 'grace' })
    await world.call('removeAccount', { accountId: olivia.id })
    expect(acting()).toEqual({})
  })

  it('acting as another user replaces the first, with a stop on the record', async () => {
    await world.call('startActingAs', { accountId: olivia.id, userId: 'grace' })
    await world.call('startActingAs', { accountId: olivia.id, userId: 'ada' })
    expect(Object.values(acting()).map((s) => s.target.userId)).toEqual(['ada'])
    expect(actAsEvents(olivia.id).map((e) => [e.kind, e.actingAs?.targetUserId])).toEqual([
      ['actAsStarted', 'grace'],
      ['actAsStopped', 'grace'],
      ['actAsStarted', 'ada'],
    ])
  })

  it('refuses a target the server does not act as', async () => {
    expect(await world.failure('startActingAs', { accountId: olivia.id, userId: 'nobody' })).toMatchObject({ type: 'lanyard_impersonation_ignored' })
    expect(acting()).toEqual({})
  })

  it('in a tab: one rule with the operator’s session and the target’s id, the badge, and Restore ends it', async () => {
    state().granted.origins.add(`${APP}/*`)
    const identity = await world.call('useInTabAs', { tabId: tab.id, accountId: olivia.id, userId: 'grace', appOrigin: APP })
    expect(identity).toMatchObject({ mode: 'tab', accountId: olivia.id, actingAs: { userId: 'grace', email: 'grace@example.com' } })
    const headers = tabRules()[0]?.action.requestHeaders ?? []
    expect(headers).toContainEqual({ header: 'x-appwrite-impersonate-user-id', operation: 'set', value: 'grace' })
    expect(headers).toContainEqual(expect.objectContaining({ header: 'x-appwrite-session', value: await world.heldSession(olivia.id) }))
    expect(headers).toContainEqual({ header: 'cookie', operation: 'remove' })
    expect(state().badges.get(tab.id)).toBe('asG')
    expect((await world.call('getTabIdentity', { tabId: tab.id })).inEffect?.actingAs?.userId).toBe('grace')

    await world.call('restoreTab', { tabId: tab.id })
    expect(tabRules()).toEqual([])
    expect(state().badges.get(tab.id)).toBe('')
    expect(actAsEvents(olivia.id).map((e) => [e.kind, e.actingAs?.where, e.actingAs?.appOrigin])).toEqual([
      ['actAsStarted', 'tab', APP],
      ['actAsStopped', 'tab', APP],
    ])
  })

  it('in a tab: a rule the browser refuses leaves nothing behind, not even a timeline entry', async () => {
    state().granted.origins.add(`${APP}/*`)
    const rules = world.ctx.browser.sessionRules
    const update = rules.updateSessionRules.bind(rules)
    rules.updateSessionRules = async (change) => {
      if (change.addRules?.length) throw new Error('Rule refused')
      return update(change)
    }
    expect(await world.failure('useInTabAs', { tabId: tab.id, accountId: olivia.id, userId: 'grace', appOrigin: APP })).toBeDefined()
    expect(tabRules()).toEqual([])
    expect(world.stored.item(items.tabIdentities)).toEqual({})
    expect(actAsEvents(olivia.id)).toEqual([])
  })

  it('in a tab: leaving the app’s origin ends the rule', async () => {
    state().granted.origins.add(`${APP}/*`)
    await world.call('useInTabAs', { tabId: tab.id, accountId: olivia.id, userId: 'grace', appOrigin: APP })
    world.fake.navigate(tab.id, 'https://other.example/')
    world.fake.fire.tabUpdated(tab.id, { status: 'loading' })
    await world.spine.idle()
    expect(tabRules()).toEqual([])
    expect(world.stored.item(items.tabIdentities)).toEqual({})
    expect(actAsEvents(olivia.id).at(-1)?.kind).toBe('actAsStopped')
  })

  it('refuses "Use in this tab as" for a plain account, changing nothing', async () => {
    state().granted.origins.add(`${APP}/*`)
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('useInTabAs', { tabId: tab.id, accountId: ada.id, userId: 'grace', appOrigin: APP })).toMatchObject({ type: 'lanyard_not_impersonator' })
    expect(tabRules()).toEqual([])
  })

  it('locking ends every act-as: in the pages and in tabs, on the record', async () => {
    state().granted.origins.add(`${APP}/*`)
    await world.call('setPassphrase', { passphrase: TEST_PASSPHRASE })
    await world.call('startActingAs', { accountId: olivia.id, userId: 'grace' })
    await world.call('useInTabAs', { tabId: tab.id, accountId: olivia.id, userId: 'ada', appOrigin: APP })
    await world.call('lock')
    expect(acting()).toEqual({})
    expect(tabRules()).toEqual([])
    expect(world.stored.item(items.tabIdentities)).toEqual({})
    const stops = actAsEvents(olivia.id).filter((e) => e.kind === 'actAsStopped')
    expect(stops.map((e) => e.actingAs?.where).sort()).toEqual(['page', 'tab'])
  })

  it('the idle lock ends them too', async () => {
    await world.call('setPassphrase', { passphrase: TEST_PASSPHRASE })
    await world.call('startActingAs', { accountId: olivia.id, userId: 'grace' })
    world.fake.fire.alarm('auto-lock')
    await world.spine.idle()
    expect(world.stored.item(items.vaultLocked)).toBe(true)
    expect(acting()).toEqual({})
  })
})
