// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { followOAuth, lastMessage } from '../../../e2e/appwrite/mfa-testing.ts'
import { demoConfigWith, newEmail } from '../../../e2e/appwrite/testing.ts'
import { decodeSession } from '../../appwrite/index.ts'
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { FAKE_EXTENSION_ID } from '../testing/fake-browser.ts'
import { appwriteError, DEMO_PASSWORD, demoWorld, workerWorld, type WorkerWorld, type WorldOptions } from '../testing/worker-world.ts'

const REDIRECT = `https://${FAKE_EXTENSION_ID}.chromiumapp.org/oauth2`
const NEW_PASSWORD = 'a-new-password-42'
const HOUR_MS = 3_600_000
/** The demo project with the extension's redirect host registered as a Web platform, as the OAuth2 success URL must be. */
const OAUTH_PLATFORMS = [
  { type: 'web', hostname: 'localhost' },
  { type: 'web', hostname: '*.chromiumapp.org' },
]

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
})
afterEach(() => world.close())

async function restartWith(options?: WorldOptions): Promise<void> {
  await world.close()
  ;({ world, project } = await demoWorld(options))
}

function vaultKeys(): string[] {
  return Object.keys(world.stored.secrets())
}

/**
 * Checks everything a sign-in must leave behind: the summary in the accounts list and active, a
 * sealed `vault:` record holding a session the server issued to that user (and that works), and
 * the plain session nowhere in storage or in the reply.
 */
async function expectHeld(account: AccountSummary, userId: string): Promise<string> {
  expect(account).toMatchObject({ projectId: project.id, userId, status: 'signedIn' })
  expect(world.stored.account(account.id)).toEqual(account)
  expect(world.stored.activeAccountId()).toBe(account.id)
  const sealedKey = world.stored.secretKey(account.id)
  expect(sealedKey).toBeDefined()
  expect(world.stored.secrets()[sealedKey ?? '']).toMatchObject({ v: 1, keySource: 'device', iv: expect.any(String), ciphertext: expect.any(String) })

  const held = await world.ctx.vault.readSecret(account.id)
  const decoded = decodeSession(held?.session ?? '')
  expect(decoded?.userId).toBe(userId)
  const everything = JSON.stringify(world.fake.state.storage)
  expect(everything).not.toContain(held?.session)
  expect(everything).not.toContain(decoded?.secret)
  expect(JSON.stringify(account)).not.toContain(decoded?.secret)

  expect(await world.admin.sessionIds(userId)).toContain(account.sessionId)
  const current = await world.server.request('GET', '/account/sessions/current', { session: held?.session })
  expect(current.status).toBe(200)
  expect(current.json).toMatchObject({ $id: account.sessionId, userId })
  return held?.session ?? ''
}

function expectNothingStored(): void {
  expect(world.stored.accounts()).toBeUndefined()
  expect(world.stored.activeAccountId()).toBeUndefined()
  expect(vaultKeys()).toEqual([])
}

/** Answers launchWebAuthFlow the way the browser window does: the provider's redirects up to the chromiumapp.org URL. */
function answerWithMockProvider(): void {
  world.fake.answerAuthFlow(async (url) => (await followOAuth(world.server, url)).location)
}

describe('signIn with email and password', () => {
  it('stores the account as active with a sealed vault record, and holds a session the server issued to that user', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(ada).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', phone: '+4915112345678', addedAt: expect.any(Number), color: expect.any(String) })
    await expectHeld(ada, 'ada')
    expect(world.stored.accounts()).toEqual([ada])
    expect(vaultKeys()).toEqual([`vault:initial:${ada.id}`])
    expect(world.stored.snapshot(ada.id)).toMatchObject({ accountId: ada.id, account: { $id: 'ada', email: 'ada@example.com' } })
  })

  it('answers a wrong password with user_invalid_credentials 401 and stores nothing', async () => {
    const error = await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'ada@example.com', password: 'wrong-password-1' })
    expect(error).toMatchObject({ type: 'user_invalid_credentials', code: 401 })
    expect(error.message).not.toContain('wrong-password-1')
    expectNothingStored()
  })

  it('replaces the session of the same user instead of adding a twin account', async () => {
    const first = await world.signIn(project, 'ada@example.com')
    const again = await world.signIn(project, 'ada@example.com')
    expect(again).toEqual({ ...first, sessionId: again.sessionId })
    expect(again.sessionId).not.toBe(first.sessionId)
    expect(world.stored.accounts()).toEqual([again])
    expect(vaultKeys()).toEqual([`vault:initial:${first.id}`])
    await expectHeld(again, 'ada')
  })

  it('keeps the first account when a second user signs in, and makes the second one active', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    expect(grace.id).not.toBe(ada.id)
    expect(grace.color).not.toBe(ada.color)
    expect(world.stored.accounts()?.map((a) => a.userId)).toEqual(['ada', 'grace'])
    await expectHeld(grace, 'grace')
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    expect(vaultKeys().sort()).toEqual([`vault:initial:${ada.id}`, `vault:initial:${grace.id}`].sort())
  })
})

describe('signIn anonymously', () => {
  it('creates a new user on the server and holds its session with an empty profile', async () => {
    const anonymous = await world.call('signIn', { method: 'anonymous', projectId: project.id })
    expect(anonymous).toMatchObject({ email: '', name: '', phone: '' })
    expect(await world.admin.user(anonymous.userId)).toMatchObject({ $id: anonymous.userId, email: '', phone: '' })
    await expectHeld(anonymous, anonymous.userId)
  })

  it('creates a distinct user, and account, for each anonymous sign-in', async () => {
    const first = await world.call('signIn', { method: 'anonymous', projectId: project.id })
    const second = await world.call('signIn', { method: 'anonymous', projectId: project.id })
    expect(second.userId).not.toBe(first.userId)
    expect(world.stored.accounts()).toHaveLength(2)
  })
})

describe('signIn with a token: email OTP and phone OTP', () => {
  it('sends an email code to the user, and the code from the email signs that user in', async () => {
    const sent = await world.call('sendEmailOtp', { projectId: project.id, email: 'grace@example.com' })
    expect(sent).toEqual({ userId: 'grace', phrase: '' })
    const message = await lastMessage(world.server, 'grace@example.com')
    expect(message).toMatchObject({ kind: 'email-otp', userId: 'grace' })
    const grace = await world.call('signIn', { method: 'token', projectId: project.id, userId: sent.userId, secret: message.secret })
    expect(grace).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper' })
    await expectHeld(grace, 'grace')
  })

  it('answers a security phrase when asked for one', async () => {
    const sent = await world.call('sendEmailOtp', { projectId: project.id, email: 'grace@example.com', phrase: true })
    expect(sent.phrase).toMatch(/\S+ \S+/)
    expect((await lastMessage(world.server, 'grace@example.com')).text).toContain(sent.phrase)
  })

  it('refuses a wrong code with user_invalid_token and a used code the second time', async () => {
    const { userId } = await world.call('sendEmailOtp', { projectId: project.id, email: 'alan@example.com' })
    const wrong = await world.failure('signIn', { method: 'token', projectId: project.id, userId, secret: '000000' })
    expect(wrong).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expectNothingStored()
    const { secret } = await lastMessage(world.server, 'alan@example.com')
    await world.call('signIn', { method: 'token', projectId: project.id, userId, secret })
    expect((await world.failure('signIn', { method: 'token', projectId: project.id, userId, secret })).type).toBe('user_invalid_token')
  })

  it('signs in a new phone user with the fixed code of the project’s mock number', async () => {
    const { userId } = await world.call('sendPhoneOtp', { projectId: project.id, phone: '+15555550100' })
    expect(userId).not.toBe('')
    const phoneUser = await world.call('signIn', { method: 'token', projectId: project.id, userId, secret: '123456' })
    expect(phoneUser).toMatchObject({ userId, phone: '+15555550100', email: '' })
    await expectHeld(phoneUser, userId)
  })

  it('texts a code to a number that is not a mock number, and that code signs in', async () => {
    const phone = '+15555550177'
    const { userId } = await world.call('sendPhoneOtp', { projectId: project.id, phone })
    const message = await lastMessage(world.server, phone)
    expect(message).toMatchObject({ channel: 'sms', kind: 'phone-otp', userId })
    const phoneUser = await world.call('signIn', { method: 'token', projectId: project.id, userId, secret: message.secret })
    await expectHeld(phoneUser, userId)
  })
})

describe('signIn with a magic URL', () => {
  it('emails a link to the given page, and the pasted link signs the user in', async () => {
    const sent = await world.call('sendMagicUrl', { projectId: project.id, email: 'alan@example.com', url: 'http://localhost/magic' })
    expect(sent).toEqual({ userId: 'alan' })
    const message = await lastMessage(world.server, 'alan@example.com')
    expect(message.kind).toBe('magic-url')
    expect(message.url.startsWith('http://localhost/magic?')).toBe(true)
    const alan = await world.call('signIn', { method: 'magic-url', projectId: project.id, link: message.url })
    expect(alan).toMatchObject({ email: 'alan@example.com', name: 'Alan Turing' })
    await expectHeld(alan, 'alan')
  })

  it('refuses a link without its secret before any request, naming what is missing', async () => {
    const error = await world.failure('signIn', { method: 'magic-url', projectId: project.id, link: 'http://localhost/magic?userId=alan' })
    expect(error).toMatchObject({ type: 'lanyard_invalid_link', code: 0 })
    expect(error.message).toContain('no secret')
    expectNothingStored()
  })
})

describe('signIn with OAuth2', () => {
  beforeEach(() => restartWith({ config: demoConfigWith({ platforms: OAUTH_PLATFORMS }) }))

  it('opens the provider with the chromiumapp.org redirect and turns the returned token into a session', async () => {
    answerWithMockProvider()
    const oauthUser = await world.call('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    const [opened] = world.fake.state.authFlows
    const url = new URL(opened ?? '')
    expect(`${url.origin}${url.pathname}`).toBe(`${world.server.endpoint}/account/tokens/oauth2/mock`)
    // The flow's own nonce rides in both URLs and, on this 2.x server, as `state`.
    const nonce = url.searchParams.get('state') ?? ''
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(Object.fromEntries(url.searchParams)).toEqual({ project: 'demo', success: `${REDIRECT}?lanyard_flow=${nonce}`, failure: `${REDIRECT}?lanyard_flow=${nonce}`, state: nonce })
    expect(oauthUser).toMatchObject({ email: 'useroauth@localhost.test', name: 'User Name' })
    await expectHeld(oauthUser, oauthUser.userId)
    expect((await world.admin.session(oauthUser.userId, oauthUser.sessionId))?.provider).toBe('mock')
  })

  it('on 1.9.6, which has no OAuth2 state, the nonce rides in the URLs alone and the sign-in completes', async () => {
    await restartWith({ config: demoConfigWith({ platforms: OAUTH_PLATFORMS }), version: '1.9.6' })
    answerWithMockProvider()
    const oauthUser = await world.call('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    const opened = new URL(world.fake.state.authFlows[0] ?? '').searchParams
    expect(opened.has('state')).toBe(false)
    expect(opened.get('success')).toMatch(/\?lanyard_flow=[\w-]{22}$/)
    await expectHeld(oauthUser, oauthUser.userId)
  })

  it('refuses a callback that is not this flow’s (login CSRF): someone else’s valid token without the nonce, or the nonce on another path', async () => {
    // Mallory's own token, from a flow she started with the bare redirect URL.
    const planted = (await followOAuth(world.server, `${world.server.endpoint}/account/tokens/oauth2/mock?project=demo&success=${encodeURIComponent(REDIRECT)}&failure=${encodeURIComponent(REDIRECT)}`)).location
    expect(new URL(planted).searchParams.get('secret')).toBeTruthy()
    world.fake.answerAuthFlow(async () => planted)
    const error = await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    expect(error).toMatchObject({ type: 'lanyard_auth_flow_failed', code: 0 })
    expect(error.message).toBe('Signing in with mock was refused: the answer did not come from the sign-in Lanyard started. Nothing was signed in; try again.')
    expectNothingStored()

    // The real flow's answer, moved to another path of the redirect host: refused as well.
    world.fake.answerAuthFlow(async (url) => (await followOAuth(world.server, url)).location.replace('/oauth2?', '/elsewhere?'))
    expect(await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })).toMatchObject({ type: 'lanyard_auth_flow_failed' })
    // Its nonce without the matching `state`: refused.
    world.fake.answerAuthFlow(async (url) => (await followOAuth(world.server, url)).location.replace(/([?&])state=[^&]*/, '$1state=other'))
    expect(await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })).toMatchObject({ type: 'lanyard_auth_flow_failed' })
    expectNothingStored()
  })

  it('answers lanyard_auth_flow_failed naming the provider when the window is closed, and stores nothing', async () => {
    const error = await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    expect(error).toMatchObject({ type: 'lanyard_auth_flow_failed', code: 0 })
    expect(error.message).toBe('Signing in with mock did not finish: The user did not approve access.')
    expect(world.fake.state.authFlows).toHaveLength(1)
    expectNothingStored()
  })

  it('answers lanyard_auth_flow_failed when the flow ends without a URL', async () => {
    world.fake.answerAuthFlow(async () => undefined)
    const error = await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    expect(error).toMatchObject({ type: 'lanyard_auth_flow_failed', message: 'Signing in with mock did not finish: the window closed' })
    expectNothingStored()
  })

  it('refuses a final URL without a secret as lanyard_invalid_link', async () => {
    world.fake.answerAuthFlow(async (url) => {
      const opened = new URL(url).searchParams
      return `${opened.get('success') ?? ''}&userId=someone&state=${opened.get('state') ?? ''}`
    })
    const error = await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    expect(error).toMatchObject({ type: 'lanyard_invalid_link', code: 0 })
    expect(error.message).toContain('no secret')
    expectNothingStored()
  })

  it('passes on the error the server put in the failure redirect (a blocked user)', async () => {
    const mallory = { email: 'mallory@example.com', name: 'Mallory', id: 'mallory-oauth' }
    await restartWith({ config: demoConfigWith({ platforms: OAUTH_PLATFORMS, oauth2: { mock: mallory } }) })
    answerWithMockProvider()
    const error = await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'mock' })
    expect(error).toMatchObject({ type: 'user_blocked', code: 403 })
    expect(new URL(world.fake.state.authFlows[0] ?? '').searchParams.get('failure')).toMatch(new RegExp(`^${REDIRECT}\\?lanyard_flow=[\\w-]{22}$`))
    expectNothingStored()
  })
})

describe('createAccount', () => {
  it('creates the user on the server with its name and holds a session of it', async () => {
    const email = newEmail('newbie')
    const created = await world.call('createAccount', { projectId: project.id, email, password: NEW_PASSWORD, name: 'New Bie' })
    expect(created).toMatchObject({ email, name: 'New Bie', phone: '' })
    expect(await world.admin.user(created.userId)).toMatchObject({ email, name: 'New Bie' })
    await expectHeld(created, created.userId)
  })

  it('answers user_already_exists 409 for an email that is taken, and stores nothing', async () => {
    const error = await world.failure('createAccount', { projectId: project.id, email: 'ada@example.com', password: NEW_PASSWORD })
    expect(error).toMatchObject({ type: 'user_already_exists', code: 409 })
    expectNothingStored()
  })
})

describe('password recovery', () => {
  it('emails a recovery link; the pasted link sets the new password, which then signs in while the old one does not', async () => {
    await world.call('sendRecovery', { projectId: project.id, email: 'grace@example.com', url: 'http://localhost/reset' })
    const message = await lastMessage(world.server, 'grace@example.com')
    expect(message.kind).toBe('recovery')
    expect(message.url.startsWith('http://localhost/reset?')).toBe(true)
    await world.call('confirmRecovery', { projectId: project.id, link: message.url, password: NEW_PASSWORD })

    const withNew = await world.server.request('POST', '/account/sessions/email', { body: { email: 'grace@example.com', password: NEW_PASSWORD } })
    expect(withNew.status).toBe(201)
    const withOld = await world.server.request('POST', '/account/sessions/email', { body: { email: 'grace@example.com', password: DEMO_PASSWORD } })
    expect(withOld.status).toBe(401)
    const grace = await world.call('signIn', { method: 'email-password', projectId: project.id, email: 'grace@example.com', password: NEW_PASSWORD })
    await expectHeld(grace, 'grace')
  })

  it('stores nothing and holds no session: recovery is done without signing in', async () => {
    await world.call('sendRecovery', { projectId: project.id, email: 'grace@example.com', url: 'http://localhost/reset' })
    const { url } = await lastMessage(world.server, 'grace@example.com')
    await world.call('confirmRecovery', { projectId: project.id, link: url, password: NEW_PASSWORD })
    expectNothingStored()
  })

  it('answers user_not_found for an email with no user', async () => {
    const error = await world.failure('sendRecovery', { projectId: project.id, email: 'nobody@example.com', url: 'http://localhost/reset' })
    expect(error).toMatchObject({ type: 'user_not_found', code: 404 })
  })

  it('refuses a link used once, and a link without its secret', async () => {
    await world.call('sendRecovery', { projectId: project.id, email: 'grace@example.com', url: 'http://localhost/reset' })
    const { url } = await lastMessage(world.server, 'grace@example.com')
    await world.call('confirmRecovery', { projectId: project.id, link: url, password: NEW_PASSWORD })
    expect((await world.failure('confirmRecovery', { projectId: project.id, link: url, password: 'yet-another-pass-1' })).type).toBe('user_invalid_token')
    const noSecret = await world.failure('confirmRecovery', { projectId: project.id, link: 'http://localhost/reset?userId=grace', password: NEW_PASSWORD })
    expect(noSecret.type).toBe('lanyard_invalid_link')
  })
})

describe('sign-in requests: errors every one of them shares', () => {
  it('refuses a project Lanyard does not know with lanyard_unknown_project, before any request', async () => {
    const projectId = 'no-such-project'
    const failures = [
      await world.failure('signIn', { method: 'email-password', projectId, email: 'ada@example.com', password: DEMO_PASSWORD }),
      await world.failure('signIn', { method: 'anonymous', projectId }),
      await world.failure('signIn', { method: 'oauth2', projectId, provider: 'mock' }),
      await world.failure('createAccount', { projectId, email: newEmail('x'), password: NEW_PASSWORD }),
      await world.failure('sendEmailOtp', { projectId, email: 'ada@example.com' }),
      await world.failure('sendMagicUrl', { projectId, email: 'ada@example.com' }),
      await world.failure('sendPhoneOtp', { projectId, phone: '+15555550100' }),
      await world.failure('sendRecovery', { projectId, email: 'ada@example.com', url: 'http://localhost/reset' }),
      await world.failure('confirmRecovery', { projectId, link: 'http://localhost/reset?userId=ada&secret=abc', password: NEW_PASSWORD }),
    ]
    for (const error of failures) expect(error).toMatchObject({ type: 'lanyard_unknown_project', code: 404 })
    expect(world.fake.state.authFlows).toEqual([])
    expect((await world.server.dev('GET', '/__dev/outbox')).json).toEqual([])
    expectNothingStored()
  })

  it('passes on the server’s rate limit as 429 with retryAfterMs until the window resets', async () => {
    // Abuse limits are off in the test server; this one test turns them on. Keep clear of the end of
    // the server's fixed one-hour window, so all eleven attempts count in one window.
    world.server.state.config.rateLimits = true
    if (Date.now() % HOUR_MS > HOUR_MS - 10_000) await world.server.dev('POST', '/__dev/clock', { offsetMs: 20_000 })
    const attempt = () => world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'alan@example.com', password: 'wrong-password-1' })
    for (let i = 0; i < 10; i++) expect((await attempt()).type).toBe('user_invalid_credentials')
    const limited = await attempt()
    expect(limited).toMatchObject({ type: 'general_rate_limit_exceeded', code: 429 })
    const clock = (await world.server.dev('GET', '/__dev/clock')).json as { offsetMs: number; now: string }
    const serverNow = Date.parse(clock.now)
    const windowEnd = (Math.floor(serverNow / HOUR_MS) + 1) * HOUR_MS
    // X-RateLimit-Reset is a time on the server's clock; the worker counts down from its own.
    expect(Math.abs((limited.retryAfterMs ?? -1) - (windowEnd - (serverNow - clock.offsetMs)))).toBeLessThan(2_000)
    expectNothingStored()
  })

  it('passes on a 429 that names no reset time without retryAfterMs', async () => {
    await world.fault({ path: '/v1/account/sessions/email', status: 429, body: appwriteError(429, 'general_rate_limit_exceeded', 'Slow down'), times: 1 })
    const error = await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'ada@example.com', password: DEMO_PASSWORD })
    expect(error).toEqual({ type: 'general_rate_limit_exceeded', code: 429, message: 'Slow down' })
    expectNothingStored()
  })

  it('names a server failure that is not an Appwrite answer as lanyard_server_error', async () => {
    await world.fault({ path: '/v1/account/sessions/anonymous', status: 502, body: 'Bad gateway', times: 1 })
    const error = await world.failure('signIn', { method: 'anonymous', projectId: project.id })
    expect(error).toMatchObject({ type: 'lanyard_server_error', code: 502 })
    expectNothingStored()
  })

  it('says the host is unreachable when the server is down, and stores nothing', async () => {
    await world.server.close()
    const error = await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'ada@example.com', password: DEMO_PASSWORD })
    expect(error.type).toBe('lanyard_network')
    expect((await world.failure('sendEmailOtp', { projectId: project.id, email: 'ada@example.com' })).type).toBe('lanyard_network')
    expectNothingStored()
    world = await workerWorld()
  })

  it('keeps the sign-in when the first refresh fails, and names the failure in the snapshot', async () => {
    await world.fault({ method: 'GET', path: '/v1/account/logs', status: 503, body: 'Down for maintenance' })
    const ada = await world.signIn(project, 'ada@example.com')
    await expectHeld(ada, 'ada')
    expect(world.stored.snapshot(ada.id)).toMatchObject({ account: { $id: 'ada' }, error: { type: 'lanyard_server_error', code: 503 } })
  })

  it('refuses input outside the contract with lanyard_invalid_input, without a request or a window', async () => {
    const invalid = [
      await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'ada@example.com' } as never),
      await world.failure('signIn', { method: 'password', projectId: project.id } as never),
      await world.failure('signIn', { method: 'oauth2', projectId: project.id, provider: 'Mock/../x' }),
      await world.failure('signIn', { method: 'token', projectId: project.id, userId: '', secret: '123456' }),
      await world.failure('createAccount', { projectId: project.id, email: 'x'.repeat(257), password: NEW_PASSWORD }),
      // `url` may be left out (the project's link target), but not empty.
      await world.failure('sendRecovery', { projectId: project.id, email: 'ada@example.com', url: '' }),
      await world.failure('confirmRecovery', { projectId: project.id, link: '', password: NEW_PASSWORD }),
    ]
    for (const error of invalid) expect(error).toMatchObject({ type: 'lanyard_invalid_input', code: 400 })
    expect(invalid[0]?.message).toBe('Missing password in "signIn".')
    expect(JSON.stringify(invalid)).not.toContain(NEW_PASSWORD)
    expect(world.fake.state.authFlows).toEqual([])
    expectNothingStored()
  })
})
