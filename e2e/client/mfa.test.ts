// The client's MFA and identity calls against the local server: every response passes the
// schemas, and a password sign-in to an MFA account becomes usable through each kind of factor.
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isChallengeRequired, isMoreFactorsRequired } from '../../src/appwrite/index.ts'
import { expectEveryRequestSafe, followOAuth2, type Harness, PASSWORD, REDIRECT_HOST, rejection, startHarness, uniqueEmail } from './harness.ts'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function serverNow(): Promise<number> {
  return Date.parse(((await h.server.dev('GET', '/__dev/clock')).json as { now: string }).now)
}

/** A code for a fresh 30 s step of the server's clock, so it never repeats one used before. */
async function freshCode(secret: string): Promise<string> {
  const now = await serverNow()
  await h.server.dev('POST', '/__dev/clock', { offsetMs: 30_000 - (now % 30_000) + 100 })
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: await serverNow() })
}

async function mfaAccount(): Promise<{ email: string; secret: string; first: string }> {
  const email = uniqueEmail('mfa')
  await h.client.createAccount({ email, password: PASSWORD })
  const { session } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
  expect(await h.client.listMfaFactors(session)).toEqual({ totp: false, phone: false, email: false, recoveryCode: false })
  const { secret, uri } = await h.client.createTotpAuthenticator(session)
  expect(uri).toContain(`secret=${secret}`)
  await h.client.verifyTotpAuthenticator(session, await freshCode(secret))
  expect((await h.client.updateMfa(session, true)).mfa).toBe(true)
  return { email, secret, first: session }
}

describe('MFA through the client', () => {
  it('reports needsSecondFactor after a password sign-in, and signedIn after a TOTP challenge', async () => {
    const { email, secret } = await mfaAccount()
    const { session, sessionInfo } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
    expect(sessionInfo.factors).toEqual(['password'])
    expect(isMoreFactorsRequired(await rejection(h.client.listSessions(session)))).toBe(true)
    expect(await h.client.getSignInState(session)).toEqual({ state: 'needsSecondFactor', factors: { totp: true, phone: false, email: false, recoveryCode: false } })
    const upgraded = await h.client.completeWithCode(session, 'totp', await freshCode(secret))
    expect(upgraded).toEqual(expect.objectContaining({ $id: sessionInfo.$id, factors: ['password', 'totp'] }))
    expect((await h.client.getSignInState(session)).state).toBe('signedIn')
    expectEveryRequestSafe(h.requests)
  })

  it('uses a recovery code once, and needs a recent challenge to read or renew codes', async () => {
    const { email, first } = await mfaAccount()
    const { recoveryCodes } = await h.client.createRecoveryCodes(first)
    expect(isChallengeRequired(await rejection(h.client.getRecoveryCodes(first)))).toBe(true)
    const { session } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
    const code = recoveryCodes[0] ?? ''
    expect((await h.client.completeWithCode(session, 'recoveryCode', code)).factors).toContain('recoveryCode')
    expect((await rejection(h.client.completeWithCode(session, 'recoveryCode', code))).type).toBe('user_invalid_token')
    expect((await h.client.getRecoveryCodes(session)).recoveryCodes).toEqual(recoveryCodes.slice(1))
    const renewed = await h.client.regenerateRecoveryCodes(session)
    expect(renewed.recoveryCodes).toHaveLength(6)
    await h.client.deleteTotpAuthenticator(session)
    expect((await h.client.listMfaFactors(session)).totp).toBe(false)
  })

  it('lists the mock provider identity without tokens, and deletes it', async () => {
    const start = h.client.oauth2TokenUrl({ provider: 'mock', success: `https://${REDIRECT_HOST}/ok`, failure: `https://${REDIRECT_HOST}/fail` })
    const final = await followOAuth2(start, h.server.base)
    const { session } = await h.client.completeOAuth2(final)
    const list = await h.client.listIdentities(session)
    expect(list.total).toBe(1)
    expect(list.identities[0]).toEqual(expect.objectContaining({ provider: 'mock', providerUid: '42', providerEmail: 'oauth@example.com' }))
    expect(Object.keys(list.identities[0] ?? {})).not.toEqual(expect.arrayContaining(['providerAccessToken']))
    expect(Object.keys(list.identities[0] ?? {})).not.toEqual(expect.arrayContaining(['providerRefreshToken']))
    await h.client.deleteIdentity(session, list.identities[0]?.$id ?? '')
    expect((await h.client.listIdentities(session)).total).toBe(0)
    expect((await rejection(h.client.deleteIdentity(session, 'missing'))).type).toBe('user_identity_not_found')
  })

  it('reports signedIn for an account without MFA', async () => {
    const email = uniqueEmail('plain')
    await h.client.createAccount({ email, password: PASSWORD })
    const { session } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
    expect((await h.client.getSignInState(session)).state).toBe('signedIn')
  })
})
