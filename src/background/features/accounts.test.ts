// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_API_KEY } from '../../../e2e/appwrite/testing.ts'
import type { AccountSummary, Project, Snapshot } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { workerWorld, type WorkerWorld } from '../testing/worker-world.ts'
import { SWITCH_COMMAND } from './accounts.ts'

const KEY = { 'X-Appwrite-Key': DEMO_API_KEY }

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  world = await workerWorld()
  project = await world.addDemoProject()
})
afterEach(() => world.close())

function local(): Record<string, unknown> {
  return world.fake.state.storage.local
}

function storedAccounts(): AccountSummary[] {
  return local()[items.accounts.key] as AccountSummary[]
}

function storedAccount(accountId: string): AccountSummary | undefined {
  return storedAccounts().find((a) => a.id === accountId)
}

function snapshotOf(accountId: string): Snapshot | undefined {
  return local()[items.snapshot(accountId).key] as Snapshot | undefined
}

function vaultKeyOf(accountId: string): string | undefined {
  return Object.keys(local()).find((key) => key.startsWith('vault:') && key.endsWith(`:${accountId}`))
}

/** The ids of the user's live sessions, read with the project key. */
async function serverSessionIds(userId: string): Promise<string[]> {
  const answer = await world.server.request('GET', `/users/${userId}/sessions`, { headers: KEY })
  expect(answer.status).toBe(200)
  return (answer.json as { sessions: { $id: string }[] }).sessions.map((s) => s.$id)
}

/** Ends the session on the server behind Lanyard's back, as an admin or another device would. */
async function revokeOnServer(account: AccountSummary): Promise<void> {
  const answer = await world.server.request('DELETE', `/users/${account.userId}/sessions/${account.sessionId}`, { headers: KEY })
  expect(answer.status).toBe(204)
}

/** A server that no longer answers; the next test's world is fresh. */
async function closeServer(): Promise<void> {
  await world.server.close()
}

async function reopenWorld(): Promise<void> {
  world = await workerWorld()
}

async function setPassphraseAndLock(): Promise<void> {
  await world.call('setPassphrase', { passphrase: 'correct horse battery' })
  await world.call('lock')
}

describe('accounts: signOut', () => {
  it('ends the held session on the server, keeps the account entry and its snapshot, and drops the secret', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await serverSessionIds('ada')).toContain(ada.sessionId)
    const snapshotBefore = snapshotOf(ada.id)
    expect(snapshotBefore?.account?.$id).toBe('ada')

    await world.call('signOut', { accountId: ada.id })

    expect(await serverSessionIds('ada')).not.toContain(ada.sessionId)
    expect(storedAccounts()).toEqual([{ ...ada, status: 'signedOut' }])
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect(vaultKeyOf(ada.id)).toBeUndefined()
    expect(await world.ctx.vault.readSecret(ada.id)).toBeNull()
    expect(snapshotOf(ada.id)).toEqual(snapshotBefore)
  })

  it('leaves the other held accounts and their sessions alone', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('signOut', { accountId: ada.id })
    expect(storedAccount(grace.id)?.status).toBe('signedIn')
    expect(await serverSessionIds('grace')).toContain(grace.sessionId)
    expect(vaultKeyOf(grace.id)).toBeDefined()
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
    await world.server.dev('POST', '/__dev/faults', { path: '/v1/**', status: 500 })
    await expect(world.call('signOut', { accountId: ada.id })).resolves.toBeUndefined()
    expect(storedAccount(ada.id)?.status).toBe('signedOut')
  })

  it('counts a session the server already ended as signed out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await revokeOnServer(ada)
    await world.call('signOut', { accountId: ada.id })
    expect(storedAccount(ada.id)?.status).toBe('signedOut')
    expect(vaultKeyOf(ada.id)).toBeUndefined()
  })

  it('counts a 404 for the held session as signed out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.server.dev('POST', '/__dev/faults', {
      method: 'DELETE',
      path: '/v1/account/sessions/current',
      status: 404,
      body: { message: 'Session not found', code: 404, type: 'user_session_not_found', version: '1.9.6' },
      times: 1,
    })
    await world.call('signOut', { accountId: ada.id })
    expect(storedAccount(ada.id)?.status).toBe('signedOut')
    expect(vaultKeyOf(ada.id)).toBeUndefined()
  })

  it('fails with lanyard_network and keeps the session when the server cannot be reached, so the person can retry', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await closeServer()
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error.type).toBe('lanyard_network')
    expect(storedAccount(ada.id)?.status).toBe('signedIn')
    expect(vaultKeyOf(ada.id)).toBeDefined()
    expect((await world.ctx.vault.readSecret(ada.id))?.session).toEqual(expect.any(String))
    await reopenWorld()
  })

  it('keeps the session when the server fails with a 500, since the session may still be valid', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.server.dev('POST', '/__dev/faults', { method: 'DELETE', path: '/v1/account/sessions/current', status: 500, times: 1 })
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error.code).toBe(500)
    expect(storedAccount(ada.id)?.status).toBe('signedIn')
    expect(await serverSessionIds('ada')).toContain(ada.sessionId)
    // The retry works.
    await world.call('signOut', { accountId: ada.id })
    expect(await serverSessionIds('ada')).not.toContain(ada.sessionId)
  })

  it('keeps the session when the server rate-limits the sign-out', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.server.dev('POST', '/__dev/faults', {
      method: 'DELETE',
      path: '/v1/account/sessions/current',
      status: 429,
      body: { message: 'Rate limit for the current endpoint has been exceeded.', code: 429, type: 'general_rate_limit_exceeded', version: '1.9.6' },
      times: 1,
    })
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error).toMatchObject({ type: 'general_rate_limit_exceeded', code: 429 })
    expect(storedAccount(ada.id)?.status).toBe('signedIn')
    expect(await serverSessionIds('ada')).toContain(ada.sessionId)
  })

  it('names an unknown account with lanyard_unknown_account 404', async () => {
    const error = await world.failure('signOut', { accountId: 'no-such-account' })
    expect(error).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
  })

  it('answers lanyard_locked 423 while the vault is locked and keeps the session on both sides', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await setPassphraseAndLock()
    const error = await world.failure('signOut', { accountId: ada.id })
    expect(error).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(storedAccount(ada.id)?.status).toBe('signedIn')
    expect(await serverSessionIds('ada')).toContain(ada.sessionId)
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
    expect(snapshotOf(ada.id)).toBeDefined()
    expect(Object.keys(local()).filter((key) => key.includes(ada.id)).length).toBeGreaterThan(1)

    await world.call('removeAccount', { accountId: ada.id })

    expect(await serverSessionIds('ada')).not.toContain(ada.sessionId)
    expect(storedAccounts()).toEqual([])
    expect(local()[items.activeAccountId.key]).toBeNull()
    expect(Object.keys(local()).filter((key) => key.includes(ada.id))).toEqual([])
    expect((await world.failure('refresh', { accountId: ada.id })).type).toBe('lanyard_unknown_account')
  })

  it('moves the active pointer to the first remaining account when the active one is removed', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    const alan = await world.signIn(project, 'alan@example.com')
    expect(local()[items.activeAccountId.key]).toBe(alan.id)
    await world.call('removeAccount', { accountId: alan.id })
    expect(storedAccounts().map((a) => a.id)).toEqual([ada.id, grace.id])
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
  })

  it('keeps the active pointer when another account is removed', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('removeAccount', { accountId: ada.id })
    expect(local()[items.activeAccountId.key]).toBe(grace.id)
    expect(storedAccounts()).toEqual([grace])
    expect(await serverSessionIds('grace')).toContain(grace.sessionId)
  })

  it('forgets the account locally even when the server cannot be reached', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await closeServer()
    await world.call('removeAccount', { accountId: ada.id })
    expect(storedAccounts()).toEqual([])
    expect(Object.keys(local()).filter((key) => key.includes(ada.id))).toEqual([])
    await reopenWorld()
  })

  it('forgets an account whose session the server already ended', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await revokeOnServer(ada)
    await world.call('removeAccount', { accountId: ada.id })
    expect(storedAccounts()).toEqual([])
    expect(Object.keys(local()).filter((key) => key.includes(ada.id))).toEqual([])
  })

  it('forgets a signed-out account', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    await world.call('removeAccount', { accountId: ada.id })
    expect(storedAccounts()).toEqual([])
    expect(snapshotOf(ada.id)).toBeUndefined()
  })

  it('forgets the account while the vault is locked (its session cannot be ended then)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await setPassphraseAndLock()
    await world.call('removeAccount', { accountId: ada.id })
    expect(storedAccounts()).toEqual([])
    expect(Object.keys(local()).filter((key) => key.includes(ada.id))).toEqual([])
  })

  it('removes nothing else when the account id is unknown', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('removeAccount', { accountId: 'no-such-account' })
    expect(storedAccounts()).toEqual([ada])
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect(await serverSessionIds('ada')).toContain(ada.sessionId)
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
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect((await world.call('getState')).activeAccountId).toBe(ada.id)
  })

  it('switches to a signed-out account too, so its last snapshot can be shown', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    await world.call('signOut', { accountId: ada.id })
    await world.call('switchAccount', { accountId: ada.id })
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
  })

  it('names an unknown account and leaves the active one', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('switchAccount', { accountId: 'gone' })
    expect(error).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
  })

  it('names a removed account', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('removeAccount', { accountId: ada.id })
    expect((await world.failure('switchAccount', { accountId: ada.id })).type).toBe('lanyard_unknown_account')
    expect(local()[items.activeAccountId.key]).toBe(grace.id)
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
    expect(local()[items.activeAccountId.key]).toBe(alan.id)
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: ada.id })
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: grace.id })
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: alan.id })
    expect(local()[items.activeAccountId.key]).toBe(alan.id)
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
    expect(local()[items.activeAccountId.key]).toBe(ada.id)
  })

  it('answers null when no account is held', async () => {
    expect(await world.call('switchToNextAccount')).toEqual({ accountId: null })
    expect(local()[items.activeAccountId.key] ?? null).toBeNull()
  })

  it('leaves a signed-out active account for the first signed-in one', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('signOut', { accountId: grace.id })
    expect(local()[items.activeAccountId.key]).toBe(grace.id)
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
    expect(storedAccount(ada.id)?.name).toBe('Ada Lovelace')

    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()

    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect(storedAccount(ada.id)?.name).toBe('Countess Lovelace')
    expect(snapshotOf(ada.id)?.account?.name).toBe('Countess Lovelace')
    expect(snapshotOf(ada.id)?.sessions?.map((s) => s.$id)).toContain(ada.sessionId)
  })

  it('refreshes the account it switched to and marks it signed out when the server ended its session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await revokeOnServer(ada)

    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()

    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect(storedAccount(ada.id)?.status).toBe('signedOut')
    expect(snapshotOf(ada.id)?.error).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(vaultKeyOf(ada.id)).toBeUndefined()
    expect(storedAccount(grace.id)?.status).toBe('signedIn')
  })

  it('does nothing, and throws nothing into the browser, when no account is held', async () => {
    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()
    expect(local()[items.activeAccountId.key] ?? null).toBeNull()
  })

  it('still switches when the refresh cannot reach the server', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    await world.server.dev('POST', '/__dev/faults', { path: '/v1/**', dropConnection: true })

    world.fake.fire.command(SWITCH_COMMAND)
    await world.spine.idle()

    expect(local()[items.activeAccountId.key]).toBe(ada.id)
    expect(storedAccount(ada.id)?.status).toBe('signedIn')
    expect(snapshotOf(ada.id)?.error?.type).toBe('lanyard_network')
  })
})

// A 403 refuses the request before it reaches the session (an unknown origin, a disabled service).
describe('accounts: signOut and a 403 that does not end the session', () => {
  it('keeps the session when the server refuses the extension’s origin (403 general_unknown_origin)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.server.dev('POST', '/__dev/faults', {
      method: 'DELETE',
      path: '/v1/account/sessions/current',
      status: 403,
      body: { message: 'Invalid Origin. Register your new client (x) as a new Web platform on your project console dashboard', code: 403, type: 'general_unknown_origin', version: '1.9.6' },
      times: 1,
    })
    const reply = await world.send('signOut', { accountId: ada.id })
    expect(await serverSessionIds('ada')).toContain(ada.sessionId)
    expect(reply).toMatchObject({ ok: false, error: { type: 'general_unknown_origin', code: 403 } })
    expect(storedAccount(ada.id)?.status).toBe('signedIn')
    expect(vaultKeyOf(ada.id)).toBeDefined()
  })
})
