import { describe, expect, it } from 'vitest'
import { createAccountClient } from './client.ts'
import { appwriteError, encodeSession, fakeFetch, json, rejection, type Responder, wireAccount, wireChallenge, wireIdentity, wireSession } from './fake-fetch.ts'
import { isChallengeRequired, isMoreFactorsRequired } from './mfa.ts'
import { lanyardError } from './errors.ts'

const session = encodeSession('user1', 'c'.repeat(256))
const factors = { totp: true, phone: false, email: true, recoveryCode: true }

function clientWith(responder: Responder) {
  const fetch = fakeFetch(responder)
  return { fetch, client: createAccountClient({ endpoint: 'https://appwrite.example.com/v1', projectId: 'proj', fetch }) }
}

const moreFactors = () => appwriteError(401, 'user_more_factors_required', 'More factors are required to complete the sign in process.')
const routeOf = (r: { init: RequestInit; url: URL }) => `${r.init.method} ${r.url.pathname.slice(3)}`

describe('getSignInState', () => {
  it('is signedIn with the account when GET /account works', async () => {
    const { client, fetch } = clientWith(() => json(200, wireAccount()))
    expect(await client.getSignInState(session)).toEqual({ state: 'signedIn', account: expect.objectContaining({ $id: 'user1' }) })
    expect(fetch.requests.map(routeOf)).toEqual(['GET /account'])
  })

  it('is needsSecondFactor with the usable factors on 401 user_more_factors_required', async () => {
    const { client, fetch } = clientWith(({ url }) => (url.pathname.endsWith('/factors') ? json(200, factors) : moreFactors()))
    expect(await client.getSignInState(session)).toEqual({ state: 'needsSecondFactor', factors })
    expect(fetch.requests.map(routeOf)).toEqual(['GET /account', 'GET /account/mfa/factors'])
    expect(fetch.requests.every((r) => r.headers['X-Appwrite-Session'] === session)).toBe(true)
  })

  it('passes any other failure on', async () => {
    const { client } = clientWith(() => appwriteError(401, 'general_unauthorized_scope'))
    expect((await rejection(client.getSignInState(session))).type).toBe('general_unauthorized_scope')
  })
})

describe('error predicates', () => {
  it('recognise the two MFA 401s by type only', () => {
    const more = clientWith(moreFactors).client.getAccount(session).catch((e: unknown) => e)
    return more.then((error) => {
      expect(isMoreFactorsRequired(error)).toBe(true)
      expect(isChallengeRequired(error)).toBe(false)
      expect(isChallengeRequired(lanyardError('lanyard_network', 'x'))).toBe(false)
      expect(isMoreFactorsRequired(new Error('user_more_factors_required'))).toBe(false)
    })
  })
})

describe('challenges', () => {
  it('uses the singular path, which every MFA-capable server knows, and keeps the code out of errors', async () => {
    const { client, fetch } = clientWith(({ init }) =>
      init.method === 'POST' ? json(201, wireChallenge()) : appwriteError(401, 'user_invalid_token', 'Code 654321 is wrong'),
    )
    const challenge = await client.createMfaChallenge(session, 'email')
    expect(challenge.$id).toBe('chal1')
    const error = await rejection(client.completeMfaChallenge(session, { challengeId: 'chal1', otp: '654321' }))
    expect(error.message).toBe('Code [redacted] is wrong')
    expect(fetch.requests.map((r) => [routeOf(r), r.body])).toEqual([
      ['POST /account/mfa/challenge', { factor: 'email' }],
      ['PUT /account/mfa/challenge', { challengeId: 'chal1', otp: '654321' }],
    ])
  })

  it('completes a TOTP code in one go and returns the upgraded session without secrets', async () => {
    const upgraded = wireSession({ factors: ['password', 'totp'], mfaUpdatedAt: '2026-07-22T10:20:00.000+00:00', current: false })
    const { client, fetch } = clientWith(({ init }) => (init.method === 'POST' ? json(201, wireChallenge()) : json(200, upgraded)))
    const result = await client.completeWithCode(session, 'totp', '123456')
    expect(result.factors).toEqual(['password', 'totp'])
    expect(result).not.toHaveProperty('secret')
    expect(fetch.requests.map((r) => r.body)).toEqual([{ factor: 'totp' }, { challengeId: 'chal1', otp: '123456' }])
  })

  it('tries a refused recovery code once more under the pre-1.9 spelling recoverycode', async () => {
    let created = 0
    const { client, fetch } = clientWith(({ init, body }) => {
      if (init.method === 'POST') return json(201, wireChallenge({ $id: `chal${++created}` }))
      const { challengeId } = body as { challengeId: string }
      return challengeId === 'chal2' ? json(200, wireSession({ factors: ['password', 'recoverycode'] })) : appwriteError(401, 'user_invalid_token')
    })
    const result = await client.completeWithCode(session, 'recoveryCode', 'a1b2c3d4e5')
    expect(result.factors).toContain('recoverycode')
    expect(fetch.requests.map((r) => [routeOf(r), r.body])).toEqual([
      ['POST /account/mfa/challenge', { factor: 'recoveryCode' }],
      ['PUT /account/mfa/challenge', { challengeId: 'chal1', otp: 'a1b2c3d4e5' }],
      ['POST /account/mfa/challenge', { factor: 'recoverycode' }],
      ['PUT /account/mfa/challenge', { challengeId: 'chal2', otp: 'a1b2c3d4e5' }],
    ])
  })

  it('reports the first refusal when both spellings refuse a recovery code', async () => {
    const { client } = clientWith(({ init, body }) => {
      if (init.method === 'POST') return json(201, wireChallenge())
      return appwriteError(401, 'user_invalid_token', (body as { challengeId: string }).challengeId === 'chal1' ? 'first' : 'second')
    })
    const error = await rejection(client.completeWithCode(session, 'recoveryCode', 'a1b2c3d4e5'))
    expect(error).toEqual(expect.objectContaining({ type: 'user_invalid_token', message: 'first' }))
  })

  it('does not retry a refused TOTP code or a rate-limited recovery code', async () => {
    for (const [factor, answer] of [['totp', () => appwriteError(401, 'user_invalid_token')], ['recoveryCode', () => appwriteError(429, 'general_rate_limit_exceeded')]] as const) {
      const { client, fetch } = clientWith(({ init }) => (init.method === 'POST' ? json(201, wireChallenge()) : answer()))
      await rejection(client.completeWithCode(session, factor, '123456'))
      expect(fetch.requests).toHaveLength(2)
    }
  })
})

describe('authenticator, recovery codes, MFA switch and identities', () => {
  it('calls each route with the right method, path and body', async () => {
    const codes = { recoveryCodes: ['0123456789', 'abcdefabcd'] }
    const { client, fetch } = clientWith(({ url, init }) => {
      if (init.method === 'DELETE') return new Response(null, { status: 204 })
      if (url.pathname.endsWith('/authenticators/totp') && init.method === 'POST') return json(200, { secret: 'JBSWY3DP', uri: 'otpauth://totp/x' })
      if (url.pathname.endsWith('/recovery-codes')) return json(init.method === 'POST' ? 201 : 200, codes)
      if (url.pathname.endsWith('/factors')) return json(200, factors)
      if (url.pathname.endsWith('/identities')) return json(200, { total: 1, identities: [wireIdentity()] })
      return json(200, wireAccount({ mfa: true }))
    })
    expect(await client.listMfaFactors(session)).toEqual(factors)
    expect(await client.createTotpAuthenticator(session)).toEqual({ secret: 'JBSWY3DP', uri: 'otpauth://totp/x' })
    expect((await client.verifyTotpAuthenticator(session, '123456')).mfa).toBe(true)
    await client.deleteTotpAuthenticator(session)
    expect(await client.createRecoveryCodes(session)).toEqual(codes)
    expect(await client.getRecoveryCodes(session)).toEqual(codes)
    expect(await client.regenerateRecoveryCodes(session)).toEqual(codes)
    await client.updateMfa(session, true)
    await client.updateMfa(session, false)
    const identities = await client.listIdentities(session, { limit: 5, offset: 10 })
    expect(identities.identities[0]).not.toHaveProperty('providerAccessToken')
    await client.deleteIdentity(session, 'ident/1')
    expect(fetch.requests.map(routeOf)).toEqual([
      'GET /account/mfa/factors', 'POST /account/mfa/authenticators/totp', 'PUT /account/mfa/authenticators/totp',
      'DELETE /account/mfa/authenticators/totp', 'POST /account/mfa/recovery-codes', 'GET /account/mfa/recovery-codes',
      'PATCH /account/mfa/recovery-codes', 'PATCH /account/mfa', 'PATCH /account/mfa', 'GET /account/identities',
      'DELETE /account/identities/ident%2F1',
    ])
    expect(fetch.requests.map((r) => r.body).filter((b) => b !== undefined)).toEqual([{ otp: '123456' }, { mfa: true }, { mfa: false }])
    expect(fetch.requests[9]?.url.searchParams.getAll('queries[]')).toEqual(['{"method":"limit","values":[5]}', '{"method":"offset","values":[10]}'])
    expect(fetch.requests.every((r) => r.headers['X-Appwrite-Session'] === session)).toBe(true)
  })

  it('surfaces user_challenge_required as a typed error for the caller to start a challenge', async () => {
    const { client } = clientWith(() => appwriteError(401, 'user_challenge_required'))
    const error = await rejection(client.regenerateRecoveryCodes(session))
    expect(isChallengeRequired(error)).toBe(true)
    expect(error.code).toBe(401)
  })
})
