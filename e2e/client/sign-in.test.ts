// Every sign-in flow of the client against the local server, checking the effect through the key API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeSession, type Session } from '../../src/appwrite/index.ts'
import { APP_URL, expectEveryRequestSafe, followOAuth2, type Harness, MOCK_OTP, MOCK_PHONE, PASSWORD, REDIRECT_HOST, startHarness, rejection, uniqueEmail } from './harness.ts'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function serverSessionIds(userId: string): Promise<string[]> {
  return (await h.admin<{ sessions: Session[] }>(`/users/${userId}/sessions`)).sessions.map((s) => s.$id)
}

describe('sign-in against the local server', () => {
  it('creates an account, signs in by email and password, and the session works', async () => {
    const email = uniqueEmail('create')
    const account = await h.client.createAccount({ email, password: PASSWORD, name: 'New Person' })
    expect(account).toEqual(expect.objectContaining({ email, name: 'New Person', status: true }))
    const { session, sessionInfo } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
    expect(decodeSession(session)?.userId).toBe(account.$id)
    expect(sessionInfo).toEqual(expect.objectContaining({ userId: account.$id, provider: 'email', current: true }))
    expect(sessionInfo).not.toHaveProperty('secret')
    expect(await serverSessionIds(account.$id)).toEqual([sessionInfo.$id])
    expect((await h.client.getAccount(session)).$id).toBe(account.$id)
    expectEveryRequestSafe(h.requests)
  })

  it('rejects a wrong password with Appwrite\'s user_invalid_credentials and creates no session', async () => {
    const email = uniqueEmail('wrong')
    const userId = await h.createUser(email)
    const error = await rejection(h.client.signInWithEmailPassword({ email, password: 'not-the-password' }))
    expect(error.toData()).toEqual(expect.objectContaining({ type: 'user_invalid_credentials', code: 401 }))
    expect(error.message).not.toContain('not-the-password')
    expect(await serverSessionIds(userId)).toEqual([])
  })

  it('signs in anonymously as a new user without email', async () => {
    const { session, sessionInfo } = await h.client.signInAnonymously()
    expect(sessionInfo.provider).toBe('anonymous')
    const account = await h.client.getAccount(session)
    expect(account).toEqual(expect.objectContaining({ $id: sessionInfo.userId, email: '' }))
  })

  it('signs in with an email OTP read from the outbox, verifying the email', async () => {
    const email = uniqueEmail('otp')
    const token = await h.client.sendEmailOtp({ email, phrase: true })
    expect(token.phrase).not.toBe('')
    expect(token).not.toHaveProperty('secret')
    const message = await h.lastMessage(email, 'email-otp')
    expect(message.userId).toBe(token.userId)
    const { session, sessionInfo } = await h.client.signInWithToken({ userId: token.userId, secret: message.secret })
    expect(sessionInfo.userId).toBe(token.userId)
    expect((await h.client.getAccount(session)).emailVerification).toBe(true)
    // The code is used up (docs/appwrite/wire.md section 2.3).
    expect((await rejection(h.client.signInWithToken({ userId: token.userId, secret: message.secret }))).type).toBe('user_invalid_token')
  })

  it('signs in from a pasted magic link', async () => {
    const email = uniqueEmail('magic')
    const userId = await h.createUser(email)
    const token = await h.client.sendMagicUrl({ email, url: APP_URL })
    expect(token.userId).toBe(userId)
    const { url } = await h.lastMessage(email, 'magic-url')
    expect(url.startsWith(APP_URL)).toBe(true)
    const { sessionInfo } = await h.client.signInWithMagicLink(`  ${url}\n`)
    expect(sessionInfo.userId).toBe(userId)
    expect(await serverSessionIds(userId)).toContain(sessionInfo.$id)
  })

  it('refuses a magic link without a secret before asking the server', async () => {
    const before = h.requests.length
    const error = await rejection(h.client.signInWithMagicLink(`${APP_URL}?userId=someone`))
    expect(error.type).toBe('lanyard_invalid_link')
    expect(h.requests.length).toBe(before)
  })

  it('signs in with a phone OTP (mock number)', async () => {
    const token = await h.client.sendPhoneOtp({ phone: MOCK_PHONE })
    const { session, sessionInfo } = await h.client.signInWithToken({ userId: token.userId, secret: MOCK_OTP })
    expect(sessionInfo.userId).toBe(token.userId)
    expect(await h.client.getAccount(session)).toEqual(expect.objectContaining({ phone: MOCK_PHONE, phoneVerification: true }))
  })

  it('completes the OAuth2 token flow from the final redirect', async () => {
    const success = `https://${REDIRECT_HOST}/success`
    const start = h.client.oauth2TokenUrl({ provider: 'mock', success, failure: `https://${REDIRECT_HOST}/failure` })
    const redirect = await followOAuth2(start, h.server.base)
    expect(redirect.startsWith(success)).toBe(true)
    const { session, sessionInfo } = await h.client.completeOAuth2(redirect)
    expect(sessionInfo.provider).toBe('mock')
    expect(sessionInfo).not.toHaveProperty('providerAccessToken')
    expect((await h.client.getAccount(session)).email).toBe('oauth@example.com')
  })

  it("turns an OAuth2 failure redirect into Appwrite's error", async () => {
    const failure = `https://${REDIRECT_HOST}/failure`
    const start = h.client.oauth2TokenUrl({ provider: 'mock', success: `https://${REDIRECT_HOST}/success`, failure })
    // The provider hands back a code it does not honour, as when a person cancels there.
    const redirect = await followOAuth2(start, h.server.base, (url) => url.replace('code=abcdef', 'code=cancelled'))
    expect(redirect.startsWith(failure)).toBe(true)
    expect((await rejection(h.client.completeOAuth2(redirect))).type).toBe('user_invalid_token')
  })
})
