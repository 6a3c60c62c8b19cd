// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { appwriteError, demoWorld, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'
import { SWITCH_COMMAND } from './accounts.ts'

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
})
afterEach(() => world.close())

/** A server that no longer answers; the next test's world is fresh. */
async function closeServer(): Promise<void> {
  await world.server.close()
}

async function reopenWorld(): Promise<void> {
  world = await workerWorld()
}

/** The server answers the next sign-out request (DELETE /account/sessions/current) with this status and body. */
function failNextSignOut(status: number, body?: unknown): Promise<void> {
  return world.fault({ method: 'DELETE', path: '/v1/account/sessions/current', status, body, times: 1 })
}

describe('accounts: signOut', () => {
  it('ends the held session on the server, keeps the account entry and its snapshot, and drops the secret', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    const snapshotBefore = world.stored.snapshot(ada.id)
    expect(snapshotBefore?.account?.$id).toBe('ada')

    await world.call('signOut', { accountId: ada.id })

    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
    expect(world.stored.accounts()).toEqual([{ ...ada, status: 'signedOut' }])
    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    expect(await world.ctx.vault.readSecret(ada.id)).toBeNull()
    expect(world.stored.snapshot(ada.id)).toEqual(snapshotBefore)
  })

  it('leaves the other held accounts and their sessions alone', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('signOut', { accountId: ada.id })
    expect(world.stored.account(grace.id)?.status).toBe('signedIn')
    expect(await world.admin.sessionIds('grace')).toContain(grace.sessionId)
    expect(world.stored.secretKey(grace.id)).toBeDefined()
  })

  it('makes requests that need the session answer lanyard_signed_out afterwards', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    const error = await world.failure('refresh', { accountId: ada.id })
    expect(error).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(error.message).toContain('ada@example.com')
  })

  it('answers an account that is already signed out at once, without asking the server', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    // Any request reaching the server now fails: a second sign-out must not send one.
    await world.fault({ path: '/v1/**', status: 500 })
    await expect(world.call('signOut', { accountId: ada.id })).resolves.toBeUndefined()
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
  })

  it('counts a session the server already ended as signed out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    await world.call('signOut', { accountId: ada.id })
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
  })

  it('counts a 404 for the held session as signed out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await failNextSignOut(404, appwriteError(404, 'user_session_not_found', 'Session not found'))
    await world.call('signOut', { accountId: ada.id })
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
  })

  it('fails with lanyard_network and keeps the session when the server cannot be reached, so the person can retry', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await closeServer()
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error.type).toBe('lanyard_network')
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.secretKey(ada.id)).toBeDefined()
    expect((await world.ctx.vault.readSecret(ada.id))?.session).toEqual(expect.any(String))
    await reopenWorld()
  })

  it('keeps the session when the server fails with a 500, since the session may still be valid', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await failNextSignOut(500)
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error.code).toBe(500)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    // The retry works.
    await world.call('signOut', { accountId: ada.id })
    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
  })

  it('keeps the session when the server rate-limits the sign-out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await failNextSignOut(429, appwriteError(429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded.'))
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error).toMatchObject({ type: 'general_rate_limit_exceeded', code: 429 })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
  })

  it('names an unknown account with lanyard_unknown_account 404', async () => {
    const error = await world.failure('signOut', { accountId: 'no-such-account' })
    expect(error).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
  })

  it('answers lanyard_locked 423 while the vault is locked and keeps the session on both sides', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
  })

  it('refuses input without an account id', async () => {
    const error = await world.failure('signOut', {} as never)
    expect(error).toMatchObject({ type: 'lanyard_invalid_input', code: 400 })
    expect(error.message).toContain('accountId')
  })
})

describe('accounts: removeAccount', () => {
  it('ends the session on the server and forgets the entry, the secret, the snapshot, the activity and the session watch', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(world.stored.snapshot(ada.id)).toBeDefined()
    // A long timeline's sealed pages too (src/shared/timeline.ts).
    const page = [{ at: 1, kind: 'sessionFirstSeen', sessionId: 'old' }]
    Object.assign(world.stored.local(), { [items.activityPage(ada.id, 39).key]: page, [items.activitySealed(ada.id).key]: 40 })
    expect(Object.keys(world.stored.local()).filter((key) => key.includes(ada.id)).length).toBeGreaterThan(3)

    await world.call('removeAccount', { accountId: ada.id })

    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
    expect(world.stored.accounts()).toEqual([])
    expect(world.stored.activeAccountId()).toBeNull()
    expect(Object.keys(world.stored.local()).filter((key) => key.includes(ada.id))).toEqual([])
    expect((await world.failure('refresh', { accountId: ada.id })).type).toBe('lanyard_unknown_account')
  })

  it('moves the active pointer to the first remaining account when the active one is removed', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    const alan = await world.signIn(project, 'alan@example.com')
    expect(world.stored.activeAccountId()).toBe(alan.id)
    await world.call('removeAccount', { accountId: alan.id })
    expect(world.stored.accounts()?.map((a) => a.id)).toEqual([ada.id, grace.id])
    expect(world.stored.activeAccountId()).toBe(ada.id)
  })

  it('keeps the active pointer when another account is removed', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('removeAccount', { accountId: ada.id })
    expect(world.stored.activeAccountId()).toBe(grace.id)
    expect(world.stored.accounts()).toEqual([grace])
    expect(await world.admin.sessionIds('grace')).toContain(grace.sessionId)
  })

  it('forgets the account locally when the server cannot be reached, keeping its session as a pending sign-out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await closeServer()
    await world.call('removeAccount', { accountId: ada.id })
    expect(world.stored.accounts()).toEqual([])
    expect(Object.keys(world.stored.local()).filter((key) => key.includes(ada.id))).toEqual([])
    expect(world.stored.item(items.pendingSignOuts)?.map((p) => [p.accountId, p.lastError?.type])).toEqual([[ada.id, 'lanyard_network']])
    await reopenWorld()
  })

  it('forgets an account whose session the server already ended', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    await world.call('removeAccount', { accountId: ada.id })
    expect(world.stored.accounts()).toEqual([])
    expect(Object.keys(world.stored.local()).filter((key) => key.includes(ada.id))).toEqual([])
  })

  it('forgets a signed-out account', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    await world.call('removeAccount', { accountId: ada.id })
    expect(world.stored.accounts()).toEqual([])
    expect(world.stored.snapshot(ada.id)).toBeUndefined()
  })

  it('forgets the account while the vault is locked; its session waits, sealed, as a pending sign-out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    await world.call('removeAccount', { accountId: ada.id })
    expect(world.stored.accounts()).toEqual([])
    expect(Object.keys(world.stored.local()).filter((key) => key.includes(ada.id))).toEqual([])
    expect(world.stored.item(items.pendingSignOuts)?.map((p) => [p.accountId, p.lastError?.type, p.secret.keySource])).toEqual([[ada.id, 'lanyard_locked', 'passphrase']])
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
  })

  it('removes nothing else when the account id is unknown', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('removeAccount', { accountId: 'no-such-account' })
    expect(world.stored.accounts()).toEqual([ada])
    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
  })

  it('refuses an empty account id', async () => {
    expect((await world.failure('removeAccount', { accountId: '' })).type).toBe('lanyard_invalid_input')
  })
})

describe('accounts: switchAccount', () => {
  it('makes the named account active', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    await world.call('switchAccount', { accountId: ada.id })
    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect((await world.call('getState')).activeAccountId).toBe(ada.id)
  })

  it('switches to a signed-out account too, so its last snapshot can be shown', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    await world.call('signOut', { accountId: ada.id })
    await world.call('switchAccount', { accountId: ada.id })
    expect(world.stored.activeAccountId()).toBe(ada.id)
  })

  it('names an unknown account and leaves the active one', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('switchAccount', { accountId: 'gone' })
    expect(error).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
    expect(world.stored.activeAccountId()).toBe(ada.id)
  })

  it('names a removed account', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('removeAccount', { accountId: ada.id })
    expect((await world.failure('switchAccount', { accountId: ada.id })).type).toBe('lanyard_unknown_account')
    expect(world.stored.activeAccountId()).toBe(grace.id)
  })

  it('refuses input that is not an object with an account id', async () => {
    expect((await world.failure('switchAccount', 'ada' as never)).type).toBe('lanyard_invalid_input')
  })
})

describe('accounts: switchToNextAccount (test contract)', () => {
  it('moves to the next signed-in account in list order and wraps around', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    const alan = await world.signIn(project, 'alan@example.com')
    expect(world.stored.activeAccountId()).toBe(alan.id)
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: ada.id })
    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: grace.id })
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: alan.id })
    expect(world.stored.activeAccountId()).toBe(alan.id)
  })

  it('skips signed-out accounts', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    const alan = await world.signIn(project, 'alan@example.com')
    await world.call('signOut', { accountId: ada.id })
    await world.call('switchAccount', { accountId: grace.id })
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: alan.id })
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: grace.id })
  })

  it('stays on a lone signed-in account', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: ada.id })
    expect(world.stored.activeAccountId()).toBe(ada.id)
  })

  it('answers null when no account is held', async () => {
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: null })
    expect(world.stored.activeAccountId() ?? null).toBeNull()
  })

  it('leaves a signed-out active account for the first signed-in one', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('signOut', { accountId: grace.id })
    expect(world.stored.activeAccountId()).toBe(grace.id)
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: ada.id })
  })
})

describe(`accounts: the ${SWITCH_COMMAND} command`, () => {
  it('switches to the next signed-in account and refreshes it, so the popup opens current', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    // Ada renames herself on another device: only a refresh can tell Lanyard.
    const elsewhere = await world.server.signIn('ada@example.com')
    expect((await world.server.request('PATCH', '/account/name', { session: elsewhere, body: { name: 'Countess Lovelace' } })).status).toBe(200)
    expect(world.stored.account(ada.id)?.name).toBe('Ada Lovelace')

    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()

    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect(world.stored.account(ada.id)?.name).toBe('Countess Lovelace')
    expect(world.stored.snapshot(ada.id)?.account?.name).toBe('Countess Lovelace')
    expect(world.stored.snapshot(ada.id)?.sessions?.map((s) => s.$id)).toContain(ada.sessionId)
  })

  it('refreshes the account it switched to and marks it signed out when the server ended its session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.admin.revoke(ada)

    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()

    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.snapshot(ada.id)?.error).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    expect(world.stored.account(grace.id)?.status).toBe('signedIn')
  })

  it('does nothing, and throws nothing into the browser, when no account is held', async () => {
    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()
    expect(world.stored.activeAccountId() ?? null).toBeNull()
  })

  it('still switches when the refresh cannot reach the server', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    await world.fault({ path: '/v1/**', dropConnection: true })

    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()

    expect(world.stored.activeAccountId()).toBe(ada.id)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.snapshot(ada.id)?.error?.type).toBe('lanyard_network')
  })
})

// A 403 refuses the request before it reaches the session (an unknown origin, a disabled service).
describe('accounts: signOut and a 403 that does not end the session', () => {
  it('keeps the session when the server refuses the extension’s origin (403 general_unknown_origin)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await failNextSignOut(403, appwriteError(403, 'general_unknown_origin', 'Invalid Origin. Register your new client (x) as a new Web platform on your project console dashboard'))
    const reply = await world.send('signOut', { accountId: ada.id })
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    expect(reply).toMatchObject({ ok: false, error: { type: 'general_unknown_origin', code: 403 } })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(world.stored.secretKey(ada.id)).toBeDefined()
  })
})
