// @vitest-environment node
import { URI } from 'otpauth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { currentTotp, followOAuth, lastMessage, nextStep } from '../../../e2e/appwrite/mfa-testing.ts'
import { demoConfigWith, newEmail } from '../../../e2e/appwrite/testing.ts'
import type { AccountStatus, AccountSummary, MessageName, Project } from '../../shared/protocol.ts'
import { demoWorld, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

const PASSWORD = 'password-123'
const MINUTE_MS = 60_000
/** The extension's redirect host registered as a Web platform, which OAuth2 sign-ins need. */
// The demo config runs 2.7.1: its factors include `custom` (docs/appwrite/wire-2x.md section 4).
const OAUTH_CONFIG = demoConfigWith({
  platforms: [
    { type: 'web', hostname: 'localhost' },
    { type: 'web', hostname: '*.chromiumapp.org' },
  ],
})

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld({ config: OAUTH_CONFIG }))
})
afterEach(() => world.close())

function statusOf(accountId: string): AccountStatus | undefined {
  return world.stored.account(accountId)?.status
}

function hasSealedSecret(accountId: string): boolean {
  return world.stored.secretKey(accountId) !== undefined
}

function signInWithPassword(email: string, password = PASSWORD): Promise<AccountSummary> {
  return world.call('signIn', { method: 'email-password', projectId: project.id, email, password })
}

async function advanceServerClock(ms: number): Promise<void> {
  await world.server.dev('POST', '/__dev/clock', { offsetMs: ms })
}

/** A new user, signed in through the worker with a full (password only) session. */
async function newAccount(label: string): Promise<{ account: AccountSummary; email: string }> {
  const email = newEmail(label)
  const account = await world.call('createAccount', { projectId: project.id, email, password: PASSWORD })
  return { account, email }
}

/** Adds and verifies an authenticator through the worker; returns its secret, read from the URI as an authenticator app does. */
async function enrolTotp(accountId: string): Promise<string> {
  const { uri } = await world.call('createTotpAuthenticator', { accountId })
  const secret = URI.parse(uri).secret.base32
  await world.call('verifyTotpAuthenticator', { accountId, otp: await currentTotp(world.server, secret) })
  return secret
}

/**
 * A user with a verified authenticator, recovery codes and MFA on, all set up through the worker;
 * then signed in again, so Lanyard holds a session that still needs its second factor.
 */
async function mfaAccount(label: string) {
  const { account, email } = await newAccount(label)
  const secret = await enrolTotp(account.id)
  await world.call('updateMfa', { accountId: account.id, enabled: true })
  const { recoveryCodes } = await world.call('createRecoveryCodes', { accountId: account.id })
  const held = await signInWithPassword(email)
  return { held, email, secret, recoveryCodes }
}

/** A TOTP code of a step no earlier request used. */
async function freshTotp(secret: string): Promise<string> {
  await nextStep(world.server)
  return currentTotp(world.server, secret)
}

describe('two-factor: setting up an authenticator and turning MFA on', () => {
  it('creates an authenticator whose URI carries its secret, verifies it with a code of that secret, and turns MFA on', async () => {
    const { account, email } = await newAccount('setup')
    const created = await world.call('createTotpAuthenticator', { accountId: account.id })
    const uri = URI.parse(created.uri)
    expect(uri.secret.base32).toBe(created.secret)
    expect(uri).toMatchObject({ issuer: 'Demo project', label: email, digits: 6, period: 30 })

    const verified = await world.call('verifyTotpAuthenticator', { accountId: account.id, otp: await currentTotp(world.server, created.secret) })
    expect(verified).toMatchObject({ $id: account.userId, mfa: false })
    expect(await world.call('getMfaFactors', { accountId: account.id })).toEqual({ totp: true, email: false, phone: false, recoveryCode: false, custom: false })

    const enabled = await world.call('updateMfa', { accountId: account.id, enabled: true })
    expect(enabled).toMatchObject({ $id: account.userId, mfa: true })
    expect(await world.admin.user(account.userId)).toMatchObject({ mfa: true })
    expect(world.stored.snapshot(account.id)).toMatchObject({ account: { $id: account.userId, mfa: true } })
    // The session that turned MFA on keeps working: it gained the verified factor.
    expect(statusOf(account.id)).toBe('signedIn')
    expect((await world.admin.session(account.userId, account.sessionId))?.factors).toEqual(['password', 'totp'])
  })

  it('refuses a wrong code when verifying with user_invalid_token, and keeps the account signed in', async () => {
    const { account } = await newAccount('wrong-verify')
    await world.call('createTotpAuthenticator', { accountId: account.id })
    const error = await world.failure('verifyTotpAuthenticator', { accountId: account.id, otp: '000000' })
    expect(error).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect(statusOf(account.id)).toBe('signedIn')
    expect(hasSealedSecret(account.id)).toBe(true)
    expect((await world.call('getMfaFactors', { accountId: account.id })).totp).toBe(false)
  })

  it('refuses a second authenticator once one is verified', async () => {
    const { account } = await newAccount('second-totp')
    await enrolTotp(account.id)
    expect(await world.failure('createTotpAuthenticator', { accountId: account.id })).toMatchObject({ type: 'user_authenticator_already_verified', code: 409 })
  })

  it('turns MFA off, after which a fresh sign-in is signed in at once', async () => {
    const { held, email, secret } = await mfaAccount('mfa-off')
    await world.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await freshTotp(secret) })
    expect((await world.call('updateMfa', { accountId: held.id, enabled: false })).mfa).toBe(false)
    expect((await signInWithPassword(email)).status).toBe('signedIn')
  })
})

describe('two-factor: signing in to an account with MFA on', () => {
  it('holds a password sign-in as needsSecondFactor, sealed, with the email it was given and the session lacking its factor', async () => {
    const { held, email } = await mfaAccount('held')
    expect(held).toMatchObject({ email, status: 'needsSecondFactor', projectId: project.id })
    expect(world.stored.account(held.id)).toEqual(held)
    expect(world.stored.activeAccountId()).toBe(held.id)
    expect(hasSealedSecret(held.id)).toBe(true)
    expect((await world.admin.session(held.userId, held.sessionId))?.factors).toEqual(['password'])
  })

  it('lists the factors for a needsSecondFactor account without changing its status', async () => {
    const { held } = await mfaAccount('factors')
    expect(await world.call('getMfaFactors', { accountId: held.id })).toEqual({ totp: true, email: false, phone: false, recoveryCode: true, custom: false })
    expect(statusOf(held.id)).toBe('needsSecondFactor')
  })

  it('completes the sign-in with an authenticator code: the same session, now signed in, with its profile and snapshot', async () => {
    const { held, secret } = await mfaAccount('totp-done')
    const before = await world.ctx.vault.readSecret(held.id)
    const upgraded = await world.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await freshTotp(secret) })
    expect(upgraded).toEqual({ ...held, status: 'signedIn' })
    expect(world.stored.account(held.id)).toEqual(upgraded)
    expect(await world.ctx.vault.readSecret(held.id)).toEqual(before)
    expect((await world.admin.session(held.userId, held.sessionId))?.factors).toEqual(['password', 'totp'])
    expect(world.stored.snapshot(held.id)).toMatchObject({ account: { $id: held.userId, mfa: true }, sessions: expect.any(Array) })
  })

  it('refuses a wrong authenticator code with user_invalid_token, and keeps the account waiting for its factor', async () => {
    const { held } = await mfaAccount('totp-wrong')
    const error = await world.failure('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: '000000' })
    expect(error).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect(statusOf(held.id)).toBe('needsSecondFactor')
    expect(hasSealedSecret(held.id)).toBe(true)
    expect((await world.admin.session(held.userId, held.sessionId))?.factors).toEqual(['password'])
  })

  it('completes the sign-in with a recovery code once, and refuses the same code the next time', async () => {
    const { held, email, recoveryCodes } = await mfaAccount('recovery')
    const [code] = recoveryCodes
    const upgraded = await world.call('completeMfaWithCode', { accountId: held.id, factor: 'recoveryCode', otp: code ?? '' })
    expect(upgraded.status).toBe('signedIn')
    expect((await world.admin.session(held.userId, held.sessionId))?.factors).toEqual(['password', 'recoveryCode'])

    const again = await signInWithPassword(email)
    expect(again).toMatchObject({ id: held.id, status: 'needsSecondFactor' })
    const refused = await world.failure('completeMfaWithCode', { accountId: again.id, factor: 'recoveryCode', otp: code ?? '' })
    expect(refused).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect(statusOf(again.id)).toBe('needsSecondFactor')
  })

  it('completes the sign-in with a code an email challenge sent, after refusing a wrong one', async () => {
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('updateMfa', { accountId: grace.id, enabled: true })
    const held = await world.signIn(project, 'grace@example.com')
    expect(held).toMatchObject({ id: grace.id, status: 'needsSecondFactor', name: 'Grace Hopper' })
    expect(await world.call('getMfaFactors', { accountId: held.id })).toEqual({ totp: false, email: true, phone: false, recoveryCode: false, custom: false })

    const { challengeId } = await world.call('createMfaChallenge', { accountId: held.id, factor: 'email' })
    const message = await lastMessage(world.server, 'grace@example.com')
    expect(message).toMatchObject({ kind: 'mfa-challenge', userId: 'grace' })
    expect(message.secret).toMatch(/^\d{6}$/)
    const wrong = await world.failure('completeMfaChallenge', { accountId: held.id, challengeId, otp: '000000x' })
    expect(wrong).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect(statusOf(held.id)).toBe('needsSecondFactor')

    const upgraded = await world.call('completeMfaChallenge', { accountId: held.id, challengeId, otp: message.secret })
    expect(upgraded).toMatchObject({ id: held.id, status: 'signedIn', sessionId: held.sessionId })
    expect((await world.admin.session('grace', held.sessionId))?.factors).toEqual(['password', 'email'])
  })

  it('keeps an email-code sign-in waiting when its second factor is the email again', async () => {
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('updateMfa', { accountId: grace.id, enabled: true })
    const { userId } = await world.call('sendEmailOtp', { projectId: project.id, email: 'grace@example.com' })
    const held = await world.call('signIn', { method: 'token', projectId: project.id, userId, secret: (await lastMessage(world.server, 'grace@example.com')).secret })
    expect(held.status).toBe('needsSecondFactor')
    const { challengeId } = await world.call('createMfaChallenge', { accountId: held.id, factor: 'email' })
    const stillWaiting = await world.call('completeMfaChallenge', { accountId: held.id, challengeId, otp: (await lastMessage(world.server, 'grace@example.com')).secret })
    expect(stillWaiting).toMatchObject({ id: held.id, status: 'needsSecondFactor' })
    expect((await world.admin.session('grace', held.sessionId))?.factors).toEqual(['email'])
  })

  it('refuses every full request of a needsSecondFactor account with user_more_factors_required, and keeps it held', async () => {
    const { held } = await mfaAccount('refused')
    const accountId = held.id
    const refused = [
      await world.failure('createTotpAuthenticator', { accountId }),
      await world.failure('updateMfa', { accountId, enabled: false }),
      await world.failure('getRecoveryCodes', { accountId }),
      await world.failure('regenerateRecoveryCodes', { accountId }),
      await world.failure('deleteTotpAuthenticator', { accountId }),
      await world.failure('listIdentities', { accountId }),
      await world.failure('refresh', { accountId }),
    ]
    for (const error of refused) expect(error).toMatchObject({ type: 'user_more_factors_required', code: 401 })
    expect(refused[0]?.message).toContain('More factors are required')
    expect(statusOf(accountId)).toBe('needsSecondFactor')
    expect(hasSealedSecret(accountId)).toBe(true)
    expect(await world.admin.user(held.userId)).toMatchObject({ mfa: true })
  })

  it('marks a held session that starts needing a second factor, and upgrades it in place', async () => {
    const { account, email } = await newAccount('late')
    const other = await world.server.signIn(email, PASSWORD)
    const { secret } = (await world.server.request('POST', '/account/mfa/authenticators/totp', { session: other })).json as { secret: string }
    await world.server.request('PUT', '/account/mfa/authenticators/totp', { session: other, body: { otp: await currentTotp(world.server, secret) } })
    await world.server.request('PATCH', '/account/mfa', { session: other, body: { mfa: true } })

    expect((await world.failure('refresh', { accountId: account.id })).type).toBe('user_more_factors_required')
    expect(statusOf(account.id)).toBe('needsSecondFactor')
    const upgraded = await world.call('completeMfaWithCode', { accountId: account.id, factor: 'totp', otp: await freshTotp(secret) })
    expect(upgraded).toMatchObject({ status: 'signedIn', sessionId: account.sessionId })
  })
})

describe('two-factor: recovery codes and the 30-minute recent-challenge rule', () => {
  it('creates six recovery codes once, and answers user_recovery_codes_already_exists after', async () => {
    const { account } = await newAccount('codes')
    const { recoveryCodes } = await world.call('createRecoveryCodes', { accountId: account.id })
    expect(recoveryCodes).toHaveLength(6)
    expect(new Set(recoveryCodes).size).toBe(6)
    expect((await world.call('getMfaFactors', { accountId: account.id })).recoveryCode).toBe(true)
    expect(await world.failure('createRecoveryCodes', { accountId: account.id })).toMatchObject({ type: 'user_recovery_codes_already_exists', code: 409 })
  })

  it('shows and regenerates codes only after a challenge, answering user_challenge_required without signing out', async () => {
    const { held, recoveryCodes } = await mfaAccount('recent')
    await world.call('completeMfaWithCode', { accountId: held.id, factor: 'recoveryCode', otp: recoveryCodes[0] ?? '' })
    expect(await world.call('getRecoveryCodes', { accountId: held.id })).toEqual({ recoveryCodes: recoveryCodes.slice(1) })

    const { account: other } = await newAccount('never-challenged')
    await world.call('createRecoveryCodes', { accountId: other.id })
    const notRecent = await world.failure('getRecoveryCodes', { accountId: other.id })
    expect(notRecent).toMatchObject({ type: 'user_challenge_required', code: 401 })
    expect((await world.failure('regenerateRecoveryCodes', { accountId: other.id })).type).toBe('user_challenge_required')
    expect(statusOf(other.id)).toBe('signedIn')
    expect(hasSealedSecret(other.id)).toBe(true)

    const renewed = await world.call('regenerateRecoveryCodes', { accountId: held.id })
    expect(renewed.recoveryCodes).toHaveLength(6)
    expect(renewed.recoveryCodes).not.toContain(recoveryCodes[1])
    expect(await world.call('getRecoveryCodes', { accountId: held.id })).toEqual(renewed)
  })

  it('counts a challenge as recent for 30 minutes: shown at 29, refused at 31, shown again after a new challenge', async () => {
    const { held, secret } = await mfaAccount('window')
    await world.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await freshTotp(secret) })
    const codes = await world.call('getRecoveryCodes', { accountId: held.id })

    await advanceServerClock(29 * MINUTE_MS)
    expect(await world.call('getRecoveryCodes', { accountId: held.id })).toEqual(codes)
    await advanceServerClock(2 * MINUTE_MS)
    expect(await world.failure('getRecoveryCodes', { accountId: held.id })).toMatchObject({ type: 'user_challenge_required', code: 401 })
    expect(await world.failure('regenerateRecoveryCodes', { accountId: held.id })).toMatchObject({ type: 'user_challenge_required', code: 401 })
    expect(statusOf(held.id)).toBe('signedIn')

    // A challenge on a session that is already signed in renews the window and keeps it signed in.
    expect((await world.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await freshTotp(secret) })).status).toBe('signedIn')
    expect(await world.call('getRecoveryCodes', { accountId: held.id })).toEqual(codes)
  })
})

describe('two-factor: deleting the authenticator', () => {
  it('removes the authenticator after a recent challenge: the factors no longer show it', async () => {
    const { held, secret } = await mfaAccount('delete')
    await world.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await freshTotp(secret) })
    await world.call('deleteTotpAuthenticator', { accountId: held.id })
    expect(await world.call('getMfaFactors', { accountId: held.id })).toEqual({ totp: false, email: false, phone: false, recoveryCode: true, custom: false })
  })

  it('refuses to delete the authenticator 31 minutes after the last challenge, and keeps it', async () => {
    const { held, secret } = await mfaAccount('delete-late')
    await world.call('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: await freshTotp(secret) })
    await advanceServerClock(31 * MINUTE_MS)
    expect(await world.failure('deleteTotpAuthenticator', { accountId: held.id })).toMatchObject({ type: 'user_challenge_required', code: 401 })
    expect((await world.call('getMfaFactors', { accountId: held.id })).totp).toBe(true)
    expect(statusOf(held.id)).toBe('signedIn')
  })

  it('answers user_authenticator_not_found when there is no authenticator', async () => {
    const { held, recoveryCodes } = await mfaAccount('delete-twice')
    await world.call('completeMfaWithCode', { accountId: held.id, factor: 'recoveryCode', otp: recoveryCodes[0] ?? '' })
    await world.call('deleteTotpAuthenticator', { accountId: held.id })
    expect(await world.failure('deleteTotpAuthenticator', { accountId: held.id })).toMatchObject({ type: 'user_authenticator_not_found', code: 404 })
  })
})

describe('two-factor: linked identities', () => {
  async function oauthAccount(): Promise<AccountSummary> {
    world.fake.answerAuthFlow(async (url) => (await followOAuth(world.server, url)).location)
    return world.call('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
  }

  it('lists the identity an OAuth2 sign-in linked, without the provider’s tokens, and deletes it while the session stays', async () => {
    const oauthUser = await oauthAccount()
    const { identities, total } = await world.call('listIdentities', { accountId: oauthUser.id })
    expect(total).toBe(1)
    expect(identities[0]).toMatchObject({ provider: 'mock', userId: oauthUser.userId, providerEmail: 'useroauth@localhost.test' })
    expect(identities[0]).not.toHaveProperty('providerAccessToken')
    expect(identities[0]).not.toHaveProperty('providerRefreshToken')

    await world.call('deleteIdentity', { accountId: oauthUser.id, identityId: identities[0]?.$id ?? '' })
    expect(await world.call('listIdentities', { accountId: oauthUser.id })).toEqual({ total: 0, identities: [] })
    expect(statusOf(oauthUser.id)).toBe('signedIn')
    expect(await world.admin.session(oauthUser.userId, oauthUser.sessionId)).toBeDefined()
  })

  it('lists no identity for a password user', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.call('listIdentities', { accountId: ada.id })).toEqual({ total: 0, identities: [] })
  })

  it('answers user_identity_not_found for an identity that does not exist, and keeps the account signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('deleteIdentity', { accountId: ada.id, identityId: 'nope' })).toMatchObject({ type: 'user_identity_not_found', code: 404 })
    expect(statusOf(ada.id)).toBe('signedIn')
  })

  // Appwrite answers 401 `user_unauthorized` for another user's identity, which a live session also
  // gets: the worker must not take it for an ended session (account-session.ts checks again).
  it('refuses to delete another user’s identity without signing the account out', async () => {
    const oauthUser = await oauthAccount()
    const [identity] = (await world.call('listIdentities', { accountId: oauthUser.id })).identities
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('deleteIdentity', { accountId: ada.id, identityId: identity?.$id ?? '' })).code).toBe(401)
    expect(await world.admin.session('ada', ada.sessionId)).toBeDefined()
    expect(statusOf(ada.id)).toBe('signedIn')
    expect(hasSealedSecret(ada.id)).toBe(true)
  })
})

describe('two-factor: requests that cannot be served', () => {
  const everyRequest: [MessageName, Record<string, unknown>][] = [
    ['getMfaFactors', {}],
    ['createMfaChallenge', { factor: 'email' }],
    ['completeMfaChallenge', { challengeId: 'c1', otp: '123456' }],
    ['completeMfaWithCode', { factor: 'totp', otp: '123456' }],
    ['updateMfa', { enabled: true }],
    ['createTotpAuthenticator', {}],
    ['verifyTotpAuthenticator', { otp: '123456' }],
    ['deleteTotpAuthenticator', {}],
    ['createRecoveryCodes', {}],
    ['getRecoveryCodes', {}],
    ['regenerateRecoveryCodes', {}],
    ['listIdentities', {}],
    ['deleteIdentity', { identityId: 'i1' }],
  ]

  it('answers lanyard_unknown_account for an account Lanyard does not hold, for every MFA request', async () => {
    for (const [name, input] of everyRequest) {
      const error = await world.failure(name, { accountId: 'gone', ...input } as never)
      expect(error, name).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
    }
  })

  it('answers lanyard_signed_out for every MFA request of a signed-out account', async () => {
    const { held } = await mfaAccount('signed-out')
    await world.call('signOut', { accountId: held.id })
    for (const [name, input] of everyRequest) {
      const error = await world.failure(name, { accountId: held.id, ...input } as never)
      expect(error, name).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    }
    expect(statusOf(held.id)).toBe('signedOut')
  })

  it('marks the account signed out when the server no longer knows its session', async () => {
    const { held } = await mfaAccount('revoked')
    await world.admin.revoke(held)
    expect(await world.failure('getMfaFactors', { accountId: held.id })).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(statusOf(held.id)).toBe('signedOut')
    expect(hasSealedSecret(held.id)).toBe(false)
  })

  it('says the host is unreachable when the server is down, and keeps the status', async () => {
    const { held } = await mfaAccount('down')
    await world.server.close()
    expect((await world.failure('getMfaFactors', { accountId: held.id })).type).toBe('lanyard_network')
    expect((await world.failure('completeMfaWithCode', { accountId: held.id, factor: 'totp', otp: '123456' })).type).toBe('lanyard_network')
    expect(statusOf(held.id)).toBe('needsSecondFactor')
    expect(hasSealedSecret(held.id)).toBe(true)
    world = await workerWorld()
  })

  it('refuses input outside the contract with lanyard_invalid_input', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const invalid = [
      await world.failure('createMfaChallenge', { accountId: ada.id, factor: 'sms' } as never),
      await world.failure('completeMfaWithCode', { accountId: ada.id, factor: 'email', otp: '123456' } as never),
      await world.failure('completeMfaChallenge', { accountId: ada.id, challengeId: '', otp: '123456' }),
      await world.failure('updateMfa', { accountId: ada.id, enabled: 'true' } as never),
      await world.failure('deleteIdentity', { accountId: ada.id } as never),
      await world.failure('getMfaFactors', {} as never),
    ]
    for (const error of invalid) expect(error).toMatchObject({ type: 'lanyard_invalid_input', code: 400 })
    expect(await world.admin.user('ada')).toMatchObject({ mfa: false })
  })
})
