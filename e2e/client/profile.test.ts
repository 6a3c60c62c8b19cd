// Profile, prefs, verification, recovery, logs and blocking, checked through the server's key API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PREFS_BYTES } from '../../src/appwrite/index.ts'
import { APP_URL, expectEveryRequestSafe, type Harness, MOCK_OTP, MOCK_PHONE, PASSWORD, startHarness, rejection, uniqueEmail } from './harness.ts'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

interface AdminUser {
  name: string
  email: string
  phone: string
  prefs: Record<string, unknown>
  status: boolean
  emailVerification: boolean
  phoneVerification: boolean
}

async function signedInUser(label: string, extra: Record<string, unknown> = {}) {
  const email = uniqueEmail(label)
  const userId = await h.createUser(email, extra)
  const { session } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
  return { userId, email, session, user: () => h.admin<AdminUser>(`/users/${userId}`) }
}

describe('prefs', () => {
  it('reads and replaces prefs', async () => {
    const u = await signedInUser('prefs')
    expect(await h.client.getPrefs(u.session)).toEqual({})
    const account = await h.client.updatePrefs(u.session, { theme: 'dark', nested: { list: [1, 2] } })
    expect(account.prefs).toEqual({ theme: 'dark', nested: { list: [1, 2] } })
    expect(await h.client.getPrefs(u.session)).toEqual({ theme: 'dark', nested: { list: [1, 2] } })
    expect((await u.user()).prefs).toEqual({ theme: 'dark', nested: { list: [1, 2] } })
  })

  it('refuses prefs over 65,535 encoded bytes without sending them, and keeps the old prefs', async () => {
    const u = await signedInUser('big-prefs')
    await h.client.updatePrefs(u.session, { keep: true })
    const before = h.requests.length
    const error = await rejection(h.client.updatePrefs(u.session, { blob: 'x'.repeat(MAX_PREFS_BYTES) }))
    expect(error.type).toBe('lanyard_prefs_too_large')
    expect(error.message).toMatch(/65,535/)
    expect(h.requests.length).toBe(before)
    expect((await u.user()).prefs).toEqual({ keep: true })
  })

  it('sends prefs just under the limit, and the server takes them', async () => {
    const u = await signedInUser('edge-prefs')
    const overhead = '{"blob":""}'.length
    await h.client.updatePrefs(u.session, { blob: 'x'.repeat(MAX_PREFS_BYTES - overhead) })
    expect(((await u.user()).prefs['blob'] as string).length).toBe(MAX_PREFS_BYTES - overhead)
  })
})

describe('profile', () => {
  it('updates the name', async () => {
    const u = await signedInUser('name')
    expect((await h.client.updateName(u.session, 'Grace Hopper')).name).toBe('Grace Hopper')
    expect((await u.user()).name).toBe('Grace Hopper')
  })

  it('updates the email with the password, and refuses a wrong password', async () => {
    const u = await signedInUser('email')
    const next = uniqueEmail('email-next')
    expect((await rejection(h.client.updateEmail(u.session, { email: next, password: 'wrong-password' }))).type).toBe('user_invalid_credentials')
    expect((await u.user()).email).toBe(u.email)
    const account = await h.client.updateEmail(u.session, { email: next, password: PASSWORD })
    expect(account).toEqual(expect.objectContaining({ email: next, emailVerification: false }))
    expect((await u.user()).email).toBe(next)
  })

  it('updates the password; the old one no longer signs in', async () => {
    const u = await signedInUser('password')
    await h.client.updatePassword(u.session, { password: 'a-new-password-2', oldPassword: PASSWORD })
    expect((await rejection(h.client.signInWithEmailPassword({ email: u.email, password: PASSWORD }))).type).toBe('user_invalid_credentials')
    const { sessionInfo } = await h.client.signInWithEmailPassword({ email: u.email, password: 'a-new-password-2' })
    expect(sessionInfo.userId).toBe(u.userId)
  })

  it('updates the phone, then verifies it with the SMS code', async () => {
    const u = await signedInUser('phone')
    expect((await h.client.updatePhone(u.session, { phone: MOCK_PHONE, password: PASSWORD })).phone).toBe(MOCK_PHONE)
    expect((await u.user()).phone).toBe(MOCK_PHONE)
    await h.client.sendPhoneVerification(u.session)
    expect((await rejection(h.client.confirmPhoneVerification(u.session, '000000'))).type).toBe('user_invalid_token')
    await h.client.confirmPhoneVerification(u.session, MOCK_OTP)
    expect((await u.user()).phoneVerification).toBe(true)
  })

  it('sends an email verification and confirms it from the pasted link', async () => {
    const u = await signedInUser('verify')
    const token = await h.client.sendEmailVerification(u.session, APP_URL)
    expect(token.userId).toBe(u.userId)
    const { url } = await h.lastMessage(u.email, 'verification')
    expect((await u.user()).emailVerification).toBe(false)
    await h.client.confirmEmailVerification(url)
    expect((await u.user()).emailVerification).toBe(true)
  })

  it('names a verification link that lacks its secret', async () => {
    const error = await rejection(h.client.confirmEmailVerification(`${APP_URL}?userId=x`))
    expect(error.toData()).toEqual({ type: 'lanyard_invalid_link', code: 0, message: expect.stringMatching(/verification link has no secret/) })
  })

  it('recovers a password from the pasted recovery link', async () => {
    const u = await signedInUser('recover')
    await h.client.sendRecovery({ email: u.email, url: APP_URL })
    const { url } = await h.lastMessage(u.email, 'recovery')
    await h.client.confirmRecovery(url, 'recovered-password-3')
    const { sessionInfo } = await h.client.signInWithEmailPassword({ email: u.email, password: 'recovered-password-3' })
    expect(sessionInfo.userId).toBe(u.userId)
    // The link is used up.
    expect((await rejection(h.client.confirmRecovery(url, 'another-password-4'))).type).toBe('user_invalid_token')
  })
})

describe('security logs', () => {
  it('pages with limit and offset, newest first', async () => {
    const u = await signedInUser('logs')
    for (const name of ['One', 'Two', 'Three']) await h.client.updateName(u.session, name)
    const all = await h.client.listLogs(u.session, { limit: 100 })
    expect(all.supported).toBe(true)
    expect(all.total).toBe(all.logs.length)
    expect(all.total).toBeGreaterThanOrEqual(4)
    const page = await h.client.listLogs(u.session, { limit: 2, offset: 1 })
    expect(page).toEqual({ supported: true, total: all.total, logs: all.logs.slice(1, 3), limit: 2, offset: 1 })
    const times = all.logs.map((log) => Date.parse(log.time))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })

  it('reports a server without the logs route as unsupported, not as an error', async () => {
    const u = await signedInUser('no-logs')
    // What Appwrite after 1.9.6 answers for the removed route: an HTML 404 (docs/appwrite/wire.md section 4).
    await h.server.dev('POST', '/__dev/faults', { method: 'GET', path: '/v1/account/logs', status: 404, body: '<html><body>Not Found</body></html>', times: 1 })
    expect(await h.client.listLogs(u.session, { limit: 10, offset: 0 })).toEqual({ supported: false, total: 0, logs: [], limit: 10, offset: 0 })
  })
})

describe('blocking', () => {
  it('blocks the account: the server marks it, and the session stops working', async () => {
    const u = await signedInUser('block')
    expect((await h.client.blockAccount(u.session)).status).toBe(false)
    expect((await u.user()).status).toBe(false)
    expect((await rejection(h.client.getAccount(u.session))).toData()).toEqual(expect.objectContaining({ type: 'user_blocked', code: 403 }))
    expect((await rejection(h.client.signInWithEmailPassword({ email: u.email, password: PASSWORD }))).type).toBe('user_blocked')
    expectEveryRequestSafe(h.requests)
  })
})
