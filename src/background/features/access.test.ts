// @vitest-environment node
// Connected apps and passkeys on both server lines; effects checked with the project's key API and
// the held session (docs/appwrite/wire-2x.md sections 3.1, 6.5 and 6.8).
import { afterEach, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

let world: WorkerWorld
afterEach(() => world.close())

async function start(version: '1.9.6' | '2.7.1'): Promise<{ project: Project; ada: AccountSummary }> {
  world = await workerWorld({ version })
  const project = await world.addDemoProject()
  return { project, ada: await world.signIn(project, 'ada@example.com') }
}

/** What the server holds now, read with Ada's held session as any client would. */
async function serverSees(accountId: string, path: string) {
  return world.server.request('GET', path, { session: await world.heldSession(accountId) })
}

describe('connected apps on Appwrite 2.7.1', () => {
  it('lists the consents with their scopes, and the tokens of one', async () => {
    const { ada } = await start('2.7.1')
    const { total, consents } = await world.call('listConsents', { accountId: ada.id })
    expect(total).toBe(2)
    expect(consents.map((c) => c.appId).sort()).toEqual(['calendar', 'notes'])
    const notes = consents.find((c) => c.appId === 'notes')
    expect(notes).toMatchObject({ $id: 'notes-consent', scopes: ['openid', 'email', 'profile'] })
    const tokens = await world.call('listConsentTokens', { accountId: ada.id, consentId: 'notes-consent' })
    expect(tokens.tokens.map((t) => t.$id).sort()).toEqual(['notes-laptop', 'notes-phone'])
    expect(tokens.tokens.every((t) => t.consentId === 'notes-consent')).toBe(true)
  })

  it('revokes a consent: it is gone on the server with its tokens, and the account stays signed in', async () => {
    const { ada } = await start('2.7.1')
    await world.call('revokeConsent', { accountId: ada.id, consentId: 'notes-consent' })
    const after = (await serverSees(ada.id, '/account/consents')).json as { consents: { $id: string }[] }
    expect(after.consents.map((c) => c.$id)).not.toContain('notes-consent')
    expect((await serverSees(ada.id, '/account/consents/notes-consent/tokens')).status).toBe(404)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('answers consent_not_found for an unknown consent', async () => {
    const { ada } = await start('2.7.1')
    expect(await world.failure('revokeConsent', { accountId: ada.id, consentId: 'nope' })).toMatchObject({ type: 'consent_not_found', code: 404 })
  })
})

describe('passkeys on Appwrite 2.7.1', () => {
  it('lists, renames and deletes a passkey, as the server then shows', async () => {
    const { ada } = await start('2.7.1')
    const { passkeys } = await world.call('listPasskeys', { accountId: ada.id })
    expect(passkeys.map((p) => p.name)).toEqual(['YubiKey 5C'])
    const id = passkeys[0]?.$id ?? ''

    expect(await world.call('renamePasskey', { accountId: ada.id, passkeyId: id, name: 'Work key' })).toMatchObject({ $id: id, name: 'Work key' })
    expect(((await serverSees(ada.id, `/account/passkeys/${id}`)).json as { name: string }).name).toBe('Work key')

    await world.call('deletePasskey', { accountId: ada.id, passkeyId: id })
    expect((await serverSees(ada.id, `/account/passkeys/${id}`)).status).toBe(404)
  })

  it('asks for a recent sign-in when the session is older than 10 minutes, and keeps the passkey and the account', async () => {
    const { ada } = await start('2.7.1')
    const id = (await world.call('listPasskeys', { accountId: ada.id })).passkeys[0]?.$id ?? ''
    await world.server.dev('POST', '/__dev/clock', { offsetMs: 11 * 60_000 })

    const error = await world.failure('deletePasskey', { accountId: ada.id, passkeyId: id })

    expect(error).toMatchObject({ type: 'lanyard_recent_sign_in_required', code: 401 })
    expect(error.message).toMatch(/recent sign-in/)
    expect((await serverSees(ada.id, `/account/passkeys/${id}`)).status).toBe(200)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('refuses an empty name before any request', async () => {
    const { ada } = await start('2.7.1')
    expect((await world.failure('renamePasskey', { accountId: ada.id, passkeyId: 'x', name: '' })).type).toBe('lanyard_invalid_input')
  })
})

describe('on Appwrite 1.9.6', () => {
  it('refuses every connected-app and passkey request with lanyard_not_supported, keeping the account signed in', async () => {
    const { ada } = await start('1.9.6')
    for (const [name, input] of [
      ['listConsents', { accountId: ada.id }],
      ['revokeConsent', { accountId: ada.id, consentId: 'c' }],
      ['listConsentTokens', { accountId: ada.id, consentId: 'c' }],
      ['listPasskeys', { accountId: ada.id }],
      ['renamePasskey', { accountId: ada.id, passkeyId: 'p', name: 'n' }],
      ['deletePasskey', { accountId: ada.id, passkeyId: 'p' }],
    ] as const) {
      const error = await world.failure(name, input as never)
      expect(error, name).toMatchObject({ type: 'lanyard_not_supported', code: 501 })
      expect(error.message).toContain('Appwrite 1.9.6')
    }
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })
})
