// The official Web SDK 28.0.0 (`appwrite-28`, "Appwrite 2.3.x as shipped on Appwrite Cloud", response format
// 2.3.0) against the 2.7.1 server: sign-in, the account, sessions, the OTP flows and connected apps.
import { Account, AppwriteException, Client, ID, Query } from 'appwrite-28'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountSchema, SessionListSchema, SessionSchema, TokenSchema } from '../../src/appwrite/models.ts'
import { defaultConfig } from './default-config.ts'
import { lastMessage } from './mfa-testing.ts'
import { demoConfigWith, newEmail, startTestServer, type TestServer } from './testing.ts'

const demoUsers = defaultConfig.projects?.[0]?.users ?? []
const KAI = {
  $id: 'kai',
  email: 'kai@example.com',
  password: 'lanyard-demo',
  name: 'Kai',
  consents: [{ $id: 'c-photos', appId: 'photos', scopes: ['openid', 'profile'], tokens: [{ $id: 't-1', scopes: ['openid'] }] }],
}

let api: TestServer

beforeAll(async () => {
  api = await startTestServer({ version: '2.7.1', config: demoConfigWith({ users: [...demoUsers, KAI] }) })
})
afterAll(() => api.close())

function account(session?: string): Account {
  const client = new Client().setEndpoint(api.endpoint).setProject('demo')
  if (session) client.setSession(session)
  return new Account(client)
}

describe('web SDK 28.0.0 against 2.7.1', () => {
  it('signs up, signs in, reads the account and manages sessions', async () => {
    const email = newEmail('sdk28')
    const created = await account().create({ userId: ID.unique(), email, password: 'correct horse', name: 'SDK 28' })
    expect(v.parse(AccountSchema, created)).toMatchObject({ email, name: 'SDK 28', impersonator: false, impersonatorUserId: null })
    const signIn = await account().createEmailPasswordSession({ email, password: 'correct horse' })
    expect(v.parse(SessionSchema, signIn)).toMatchObject({ provider: 'email', current: true })
    expect(signIn.secret).toBe('')

    const session = await api.signIn(email, 'correct horse')
    const mine = account(session)
    expect((await mine.get()).$id).toBe(created.$id)
    const sessions = v.parse(SessionListSchema, await mine.listSessions())
    expect(sessions.total).toBe(2)
    expect(sessions.sessions.filter((item) => item.current)).toHaveLength(1)
    await mine.deleteSession({ sessionId: 'current' })
    await expect(mine.get()).rejects.toMatchObject({ code: 401, type: 'general_unauthorized_scope' })
  })

  it('verifies the email address with a code', async () => {
    const email = newEmail('sdk28-verify')
    await account().create({ userId: ID.unique(), email, password: 'correct horse' })
    const mine = account(await api.signIn(email, 'correct horse'))
    const token = await mine.createEmailVerificationOTP({ phrase: true })
    expect(v.parse(TokenSchema, token).phrase).not.toBe('')
    expect(token.secret).toBe('')
    const code = await lastMessage(api, email)
    expect(code).toMatchObject({ kind: 'verification-otp', userId: token.userId })
    await account().updateEmailVerificationOTP({ userId: token.userId, secret: code.secret })
    expect((await mine.get()).emailVerification).toBe(true)
  })

  it('recovers the password with a code', async () => {
    const email = newEmail('sdk28-recover')
    await account().create({ userId: ID.unique(), email, password: 'correct horse' })
    const token = await account().createRecoveryOTP({ email })
    const code = await lastMessage(api, email)
    expect(code).toMatchObject({ kind: 'recovery-otp', userId: token.userId })
    await account().updateRecoveryOTP({ userId: token.userId, secret: code.secret, password: 'battery staple' })
    const error = await account()
      .updateRecoveryOTP({ userId: token.userId, secret: code.secret, password: 'other password' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AppwriteException)
    expect(error).toMatchObject({ code: 401, type: 'user_invalid_token' })
    await api.signIn(email, 'battery staple')
  })

  it('lists, reads and deletes connected apps and their tokens', async () => {
    const mine = account(await api.signIn('kai@example.com'))
    const consents = await mine.listConsents({ queries: [Query.limit(10)] })
    expect(consents.total).toBe(1)
    expect(consents.consents[0]).toMatchObject({ $id: 'c-photos', appId: 'photos', userId: 'kai', scopes: ['openid', 'profile'], resources: [] })
    expect(await mine.getConsent({ consentId: 'c-photos' })).toMatchObject({ appId: 'photos' })
    const tokens = await mine.listConsentTokens({ consentId: 'c-photos' })
    expect(tokens.tokens.map((token) => token.$id)).toEqual(['t-1'])
    expect(await mine.getConsentToken({ consentId: 'c-photos', tokenId: 't-1' })).toMatchObject({ consentId: 'c-photos', scopes: ['openid'] })
    await mine.deleteConsent({ consentId: 'c-photos' })
    expect((await mine.listConsents()).total).toBe(0)
    await expect(mine.listConsentTokens({ consentId: 'c-photos' })).rejects.toMatchObject({ code: 404, type: 'consent_not_found' })
  })
})
