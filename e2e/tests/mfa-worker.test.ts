// The worker with MFA accounts, through the real message contract against the local server: a
// sign-in that needs a second factor is held as `needsSecondFactor` and upgraded in place by any
// factor; a held session that later needs a factor is handled the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../../src/shared/protocol.ts'
import { ErrorReply } from '../harness/extension.ts'
import { latestCode, TEST_PASSWORD } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { createRecoveryCodes, enableMfa, enableTotpMfa, nextTotpStep, otherDevice, secretOfUri, serverFactors, totpNow } from './mfa-support.ts'

async function rejection(promise: Promise<unknown>): Promise<ErrorReply> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ErrorReply)
  return error as ErrorReply
}

describe('worker with MFA accounts', () => {
  let world: World
  let project: Project

  beforeAll(async () => {
    world = await startWorld(alphaConfig([
      seedUser('tina'), seedUser('emil', { emailVerification: true }), seedUser('rosa'), seedUser('late'), seedUser('sam'),
    ]))
    project = await world.addProject('alpha')
  })
  afterAll(() => world?.close())

  it('holds a password sign-in as needsSecondFactor, then upgrades the same session with a TOTP code', async () => {
    const device = await otherDevice(world.server, 'alpha', 'tina@example.test', TEST_PASSWORD)
    const secret = await enableTotpMfa(world.server, device)

    const held = await world.signInWithPassword(project, 'tina@example.test')
    expect(held).toMatchObject({ status: 'needsSecondFactor', userId: 'tina', email: 'tina@example.test' })
    expect(await world.ext.call('getMfaFactors', { accountId: held.id })).toEqual({ totp: true, phone: false, email: false, recoveryCode: false })
    expect((await rejection(world.ext.call('refresh', { accountId: held.id }))).data.type).toBe('user_more_factors_required')
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === held.id)?.status).toBe('needsSecondFactor')

    await nextTotpStep(world.server)
    const upgraded = await world.ext.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await totpNow(world.server, secret) })
    expect(upgraded).toMatchObject({ id: held.id, status: 'signedIn', sessionId: held.sessionId, name: 'tina' })
    expect(await serverFactors(world.server, 'alpha', 'tina', held.sessionId)).toEqual(['password', 'totp'])
    const snapshot = await world.ext.call('refresh', { accountId: held.id })
    expect(snapshot.account).toMatchObject({ $id: 'tina', mfa: true })
  })

  it('finishes a sign-in with a code emailed by an email challenge', async () => {
    const device = await otherDevice(world.server, 'alpha', 'emil@example.test', TEST_PASSWORD)
    await enableMfa(device)
    const held = await world.signInWithPassword(project, 'emil@example.test')
    expect(held.status).toBe('needsSecondFactor')
    const { challengeId } = await world.ext.call('createMfaChallenge', { accountId: held.id, factor: 'email' })
    const wrong = await rejection(world.ext.call('completeMfaChallenge', { accountId: held.id, challengeId, otp: '000000x' }))
    expect(wrong.data.type).toBe('user_invalid_token')
    const otp = await latestCode(world.server, 'emil@example.test')
    const upgraded = await world.ext.call('completeMfaChallenge', { accountId: held.id, challengeId, otp })
    expect(upgraded.status).toBe('signedIn')
    expect(await serverFactors(world.server, 'alpha', 'emil', held.sessionId)).toEqual(['password', 'email'])
  })

  it('takes a recovery code once and refuses it the second time', async () => {
    const device = await otherDevice(world.server, 'alpha', 'rosa@example.test', TEST_PASSWORD)
    await enableTotpMfa(world.server, device)
    const [code] = await createRecoveryCodes(device)
    const first = await world.signInWithPassword(project, 'rosa@example.test')
    expect((await world.ext.call('completeMfaWithCode', { accountId: first.id, factor: 'recoveryCode', otp: code ?? '' })).status).toBe('signedIn')

    const second = await world.signInWithPassword(project, 'rosa@example.test')
    expect(second).toMatchObject({ id: first.id, status: 'needsSecondFactor' })
    const refused = await rejection(world.ext.call('completeMfaWithCode', { accountId: second.id, factor: 'recoveryCode', otp: code ?? '' }))
    expect(refused.data.type).toBe('user_invalid_token')
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === second.id)?.status).toBe('needsSecondFactor')
  })

  it('notices when a held session starts needing a second factor, and upgrades it the same way', async () => {
    const held = await world.signInWithPassword(project, 'late@example.test')
    expect(held.status).toBe('signedIn')
    const device = await otherDevice(world.server, 'alpha', 'late@example.test', TEST_PASSWORD)
    const secret = await enableTotpMfa(world.server, device)
    expect((await rejection(world.ext.call('refresh', { accountId: held.id }))).data.type).toBe('user_more_factors_required')
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === held.id)?.status).toBe('needsSecondFactor')
    // Challenge routes work for it but do not mark it signed in.
    await world.ext.call('getMfaFactors', { accountId: held.id })
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === held.id)?.status).toBe('needsSecondFactor')
    await nextTotpStep(world.server)
    const upgraded = await world.ext.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await totpNow(world.server, secret) })
    expect(upgraded).toMatchObject({ status: 'signedIn', sessionId: held.sessionId })
  })

  it('manages the authenticator, MFA, recovery codes and the recent-challenge rule', async () => {
    const held = await world.signInWithPassword(project, 'sam@example.test')
    const { uri } = await world.ext.call('createTotpAuthenticator', { accountId: held.id })
    const secret = secretOfUri(uri)
    expect((await rejection(world.ext.call('verifyTotpAuthenticator', { accountId: held.id, otp: 'nope' }))).data.type).toBe('user_invalid_token')
    await world.ext.call('verifyTotpAuthenticator', { accountId: held.id, otp: await totpNow(world.server, secret) })
    expect((await world.ext.call('updateMfa', { accountId: held.id, enabled: true })).mfa).toBe(true)
    const { recoveryCodes } = await world.ext.call('createRecoveryCodes', { accountId: held.id })
    expect(recoveryCodes).toHaveLength(6)
    expect((await rejection(world.ext.call('regenerateRecoveryCodes', { accountId: held.id }))).data.type).toBe('user_challenge_required')
    expect((await world.ext.call('getState')).accounts.find((a) => a.id === held.id)?.status).toBe('signedIn')

    await nextTotpStep(world.server)
    await world.ext.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await totpNow(world.server, secret) })
    expect((await world.ext.call('getRecoveryCodes', { accountId: held.id })).recoveryCodes).toEqual(recoveryCodes)
    const renewed = await world.ext.call('regenerateRecoveryCodes', { accountId: held.id })
    expect(renewed.recoveryCodes).not.toEqual(recoveryCodes)
    await world.server.advanceClock(31 * 60_000)
    expect((await rejection(world.ext.call('deleteTotpAuthenticator', { accountId: held.id }))).data.type).toBe('user_challenge_required')
    await world.ext.call('completeMfaWithCode', { accountId: held.id, factor: 'recoveryCode', otp: renewed.recoveryCodes[0] ?? '' })
    await world.ext.call('deleteTotpAuthenticator', { accountId: held.id })
    expect((await world.ext.call('getMfaFactors', { accountId: held.id })).totp).toBe(false)
    expect((await world.ext.call('updateMfa', { accountId: held.id, enabled: false })).mfa).toBe(false)
  })

  it('lists an identity from the mock provider without its tokens, and removes it', async () => {
    const oauthUser = await world.ext.call('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    const { identities, total } = await world.ext.call('listIdentities', { accountId: oauthUser.id })
    expect(total).toBe(1)
    expect(identities[0]).toMatchObject({ provider: 'mock', userId: oauthUser.userId })
    expect(identities[0]).not.toHaveProperty('providerAccessToken')
    await world.ext.call('deleteIdentity', { accountId: oauthUser.id, identityId: identities[0]?.$id ?? '' })
    expect((await world.ext.call('listIdentities', { accountId: oauthUser.id })).total).toBe(0)
  })
})
