// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutboxMessage } from '../../../e2e/appwrite/outbox.ts'
import { demoConfigWith } from '../../../e2e/appwrite/testing.ts'
import type { Project } from '../../shared/protocol.ts'
import { DEMO_PASSWORD, demoWorld, type WorkerWorld } from '../testing/worker-world.ts'

const NEW_PASSWORD = 'a-new-password-42'
/** A registered web platform of the demo project: verification links may point there. */
const VERIFY_URL = 'http://localhost/verify'
/** The demo project's mock number: fixed code, no SMS (e2e/appwrite/default-config.ts). */
const MOCK_PHONE = '+15555550100'
const MOCK_CODE = '123456'

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
})
afterEach(() => world.close())

async function outbox(to: string): Promise<OutboxMessage[]> {
  return (await world.server.dev('GET', `/__dev/outbox?to=${encodeURIComponent(to)}`)).json as OutboxMessage[]
}

async function lastMessage(to: string): Promise<OutboxMessage> {
  const message = (await outbox(to)).at(-1)
  expect(message).toBeDefined()
  return message as OutboxMessage
}

/** Whether the server accepts this password for the user now. */
async function passwordWorks(email: string, password: string): Promise<boolean> {
  const answer = await world.server.request('POST', '/account/sessions/email', { body: { email, password } })
  return answer.status === 201
}

describe('profile: updatePrefs and getPrefs', () => {
  it('replaces the prefs on the server, answers them, and puts them in the snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const prefs = { theme: 'light', sidebar: { collapsed: true, width: 240 }, recent: ['a', 'b'] }

    expect(await world.call('updatePrefs', { accountId: ada.id, prefs })).toEqual(prefs)

    expect((await world.admin.user('ada')).prefs).toEqual(prefs)
    expect(world.stored.snapshot(ada.id)?.prefs).toEqual(prefs)
    expect(world.stored.snapshot(ada.id)?.account?.prefs).toEqual(prefs)
    expect(await world.call('getPrefs', { accountId: ada.id })).toEqual(prefs)
  })

  it('getPrefs answers the prefs the server holds', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.call('getPrefs', { accountId: ada.id })).toEqual({ theme: 'dark', language: 'en' })
  })

  it('clears the prefs with an empty object', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.call('updatePrefs', { accountId: ada.id, prefs: {} })).toEqual({})
    expect((await world.admin.user('ada')).prefs).toEqual({})
  })

  it('accepts prefs of exactly 65,535 encoded bytes', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    // {"a":"…"} is 8 bytes around the value.
    const prefs = { a: 'x'.repeat(65_535 - 8) }
    expect(await world.call('updatePrefs', { accountId: ada.id, prefs })).toEqual(prefs)
    expect((await world.admin.user('ada')).prefs).toEqual(prefs)
  })

  it('refuses prefs over 65,535 encoded bytes with lanyard_prefs_too_large, before sending them', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('updatePrefs', { accountId: ada.id, prefs: { a: 'x'.repeat(65_535 - 7) } })
    expect(error.type).toBe('lanyard_prefs_too_large')
    expect(error.message).toContain('65,536 bytes')
    expect((await world.admin.user('ada')).prefs).toEqual({ theme: 'dark', language: 'en' })
    expect(world.stored.snapshot(ada.id)?.prefs).toEqual({ theme: 'dark', language: 'en' })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('counts non-ASCII characters as PHP encodes them (six bytes each)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    // 11,000 characters, but 66,000 bytes once each becomes \uXXXX.
    const error = await world.failure('updatePrefs', { accountId: ada.id, prefs: { a: 'é'.repeat(11_000) } })
    expect(error.type).toBe('lanyard_prefs_too_large')
  })

  it('refuses prefs that are not an object with lanyard_invalid_input', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('updatePrefs', { accountId: ada.id, prefs: ['theme'] as never })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('updatePrefs', { accountId: ada.id, prefs: 'dark' as never })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('updatePrefs', { accountId: ada.id } as never)).type).toBe('lanyard_invalid_input')
    expect((await world.admin.user('ada')).prefs).toEqual({ theme: 'dark', language: 'en' })
  })

  it('names an unknown account', async () => {
    expect(await world.failure('updatePrefs', { accountId: 'gone', prefs: {} })).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
    expect(await world.failure('getPrefs', { accountId: 'gone' })).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
  })

  it('marks the account signed out when the server ended the held session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke(ada)
    expect((await world.failure('updatePrefs', { accountId: ada.id, prefs: { theme: 'light' } })).type).toBe('lanyard_signed_out')
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect((await world.admin.user('ada')).prefs).toEqual({ theme: 'dark', language: 'en' })
  })

  it('answers lanyard_locked 423 while locked, and changes nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    expect(await world.failure('updatePrefs', { accountId: ada.id, prefs: { theme: 'light' } })).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(await world.failure('getPrefs', { accountId: ada.id })).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect((await world.admin.user('ada')).prefs).toEqual({ theme: 'dark', language: 'en' })
  })

  it('passes a 500 on through and keeps the stored prefs', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'PATCH', path: '/v1/account/prefs', status: 500, times: 1 })
    expect((await world.failure('updatePrefs', { accountId: ada.id, prefs: { theme: 'light' } })).code).toBe(500)
    expect(world.stored.snapshot(ada.id)?.prefs).toEqual({ theme: 'dark', language: 'en' })
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('refuses a malformed answer and stores nothing from it', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'PATCH', path: '/v1/account/prefs', malformedBody: true, times: 1 })
    expect((await world.failure('updatePrefs', { accountId: ada.id, prefs: { theme: 'light' } })).type).toBe('lanyard_malformed_response')
    expect(world.stored.snapshot(ada.id)?.prefs).toEqual({ theme: 'dark', language: 'en' })
  })
})

describe('profile: updateName', () => {
  it('renames the user on the server, in the account summary and in the snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const account = await world.call('updateName', { accountId: ada.id, name: 'Countess Lovelace' })
    expect(account).toMatchObject({ $id: 'ada', name: 'Countess Lovelace', email: 'ada@example.com' })
    expect((await world.admin.user('ada')).name).toBe('Countess Lovelace')
    expect(world.stored.account(ada.id)).toEqual({ ...ada, name: 'Countess Lovelace' })
    expect(world.stored.snapshot(ada.id)?.account?.name).toBe('Countess Lovelace')
  })

  it('passes on the server’s refusal of a name over 128 characters, changing nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('updateName', { accountId: ada.id, name: 'n'.repeat(129) })).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect((await world.admin.user('ada')).name).toBe('Ada Lovelace')
    expect(world.stored.account(ada.id)?.name).toBe('Ada Lovelace')
  })

  it('refuses a name over 256 characters, or one that is not a string, before any request', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('updateName', { accountId: ada.id, name: 'n'.repeat(257) })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('updateName', { accountId: ada.id, name: 42 as never })).type).toBe('lanyard_invalid_input')
  })

  it('answers lanyard_locked while locked', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    expect((await world.failure('updateName', { accountId: ada.id, name: 'Countess' })).type).toBe('lanyard_locked')
    expect((await world.admin.user('ada')).name).toBe('Ada Lovelace')
  })
})

describe('profile: updateEmail', () => {
  it('changes the email on the server, unverified, and in the summary and snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const account = await world.call('updateEmail', { accountId: ada.id, email: 'countess@example.com', password: DEMO_PASSWORD })
    expect(account).toMatchObject({ email: 'countess@example.com', emailVerification: false })
    expect(await world.admin.user('ada')).toMatchObject({ email: 'countess@example.com', emailVerification: false })
    expect(world.stored.account(ada.id)?.email).toBe('countess@example.com')
    expect(world.stored.snapshot(ada.id)?.account).toMatchObject({ email: 'countess@example.com', emailVerification: false })
    expect(await passwordWorks('countess@example.com', DEMO_PASSWORD)).toBe(true)
  })

  it('answers a wrong password with user_invalid_credentials and keeps the account signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('updateEmail', { accountId: ada.id, email: 'countess@example.com', password: 'wrong-password-1' })
    expect(error).toMatchObject({ type: 'user_invalid_credentials', code: 401 })
    expect(error.message).not.toContain('wrong-password-1')
    expect((await world.admin.user('ada')).email).toBe('ada@example.com')
    expect(world.stored.account(ada.id)).toEqual(ada)
    expect(await world.ctx.vault.readSecret(ada.id)).not.toBeNull()
  })

  it('passes on the server’s refusal of an invalid email address', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('updateEmail', { accountId: ada.id, email: 'not-an-email', password: DEMO_PASSWORD })).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect((await world.admin.user('ada')).email).toBe('ada@example.com')
    expect(world.stored.account(ada.id)?.email).toBe('ada@example.com')
  })

  it('refuses an email another user has', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('updateEmail', { accountId: ada.id, email: 'grace@example.com', password: DEMO_PASSWORD })).toMatchObject({ type: 'user_target_already_exists', code: 409 })
    expect((await world.admin.user('ada')).email).toBe('ada@example.com')
  })

  it('refuses input without the password', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('updateEmail', { accountId: ada.id, email: 'countess@example.com' } as never)
    expect(error.type).toBe('lanyard_invalid_input')
    expect(error.message).toContain('password')
  })
})

describe('profile: updatePassword', () => {
  it('changes the password, ends the user’s other sessions and keeps Lanyard’s', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.admin.sessionIds('ada')).length).toBeGreaterThan(1)

    const account = await world.call('updatePassword', { accountId: ada.id, password: NEW_PASSWORD, oldPassword: DEMO_PASSWORD })

    expect(account.$id).toBe('ada')
    expect(await world.admin.sessionIds('ada')).toEqual([ada.sessionId])
    expect(await passwordWorks('ada@example.com', NEW_PASSWORD)).toBe(true)
    expect(await passwordWorks('ada@example.com', DEMO_PASSWORD)).toBe(false)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect((await world.call('refresh', { accountId: ada.id })).account?.$id).toBe('ada')
  })

  it('answers a wrong current password with user_invalid_credentials, keeps the password and the account signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const error = await world.failure('updatePassword', { accountId: ada.id, password: NEW_PASSWORD, oldPassword: 'wrong-password-1' })
    expect(error).toMatchObject({ type: 'user_invalid_credentials', code: 401 })
    expect(error.message).not.toContain(NEW_PASSWORD)
    expect(await passwordWorks('ada@example.com', DEMO_PASSWORD)).toBe(true)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect(await world.ctx.vault.readSecret(ada.id)).not.toBeNull()
  })

  it('requires the current password of a user who has one', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('updatePassword', { accountId: ada.id, password: NEW_PASSWORD })).type).toBe('user_invalid_credentials')
    expect(await passwordWorks('ada@example.com', DEMO_PASSWORD)).toBe(true)
  })

  it('passes on the server’s refusal of a password under 8 characters', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('updatePassword', { accountId: ada.id, password: 'short', oldPassword: DEMO_PASSWORD })).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect(await passwordWorks('ada@example.com', DEMO_PASSWORD)).toBe(true)
  })
})

describe('profile: updatePhone', () => {
  it('changes the phone number on the server, unverified, and in the summary and snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const account = await world.call('updatePhone', { accountId: ada.id, phone: MOCK_PHONE, password: DEMO_PASSWORD })
    expect(account).toMatchObject({ phone: MOCK_PHONE, phoneVerification: false })
    expect((await world.admin.user('ada')).phone).toBe(MOCK_PHONE)
    expect(world.stored.account(ada.id)?.phone).toBe(MOCK_PHONE)
    expect(world.stored.snapshot(ada.id)?.account?.phone).toBe(MOCK_PHONE)
  })

  it('passes on the server’s refusal of a number without a leading +', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('updatePhone', { accountId: ada.id, phone: '015112345678', password: DEMO_PASSWORD })).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect((await world.admin.user('ada')).phone).toBe('+4915112345678')
  })

  it('answers a wrong password with user_invalid_credentials and keeps the account signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.failure('updatePhone', { accountId: ada.id, phone: MOCK_PHONE, password: 'wrong-password-1' })).type).toBe('user_invalid_credentials')
    expect((await world.admin.user('ada')).phone).toBe('+4915112345678')
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })
})

describe('profile: email verification', () => {
  it('sends the verification link to the user’s address, and the pasted link verifies the email', async () => {
    const alan = await world.signIn(project, 'alan@example.com')
    expect((await world.admin.user('alan')).emailVerification).toBe(false)

    await world.call('sendEmailVerification', { accountId: alan.id, url: VERIFY_URL })
    const message = await lastMessage('alan@example.com')
    expect(message).toMatchObject({ channel: 'email', kind: 'verification', userId: 'alan' })
    expect(message.url.startsWith(`${VERIFY_URL}?`)).toBe(true)

    await world.call('confirmEmailVerification', { accountId: alan.id, link: message.url })

    expect((await world.admin.user('alan')).emailVerification).toBe(true)
    expect(world.stored.snapshot(alan.id)?.account?.emailVerification).toBe(true)
    expect(world.stored.account(alan.id)?.status).toBe('signedIn')
  })

  it('answers user_email_already_verified 409 for a verified address, and sends nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('sendEmailVerification', { accountId: ada.id, url: VERIFY_URL })).toMatchObject({ type: 'user_email_already_verified', code: 409 })
    expect(await outbox('ada@example.com')).toEqual([])
  })

  it('passes on the server’s refusal of a link target that is not a registered platform', async () => {
    const alan = await world.signIn(project, 'alan@example.com')
    expect(await world.failure('sendEmailVerification', { accountId: alan.id, url: 'https://evil.example.net/verify' })).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect(await outbox('alan@example.com')).toEqual([])
  })

  it('names a link without its secret with lanyard_invalid_link, and keeps the account signed in', async () => {
    const alan = await world.signIn(project, 'alan@example.com')
    const error = await world.failure('confirmEmailVerification', { accountId: alan.id, link: `${VERIFY_URL}?userId=alan` })
    expect(error.type).toBe('lanyard_invalid_link')
    expect(error.message).toContain('secret')
    expect(world.stored.account(alan.id)?.status).toBe('signedIn')
  })

  it('answers a wrong or spent secret with user_invalid_token 401 without signing the account out', async () => {
    const alan = await world.signIn(project, 'alan@example.com')
    const wrong = await world.failure('confirmEmailVerification', { accountId: alan.id, link: `${VERIFY_URL}?userId=alan&secret=${'0'.repeat(64)}` })
    expect(wrong).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect(world.stored.account(alan.id)?.status).toBe('signedIn')
    expect((await world.admin.user('alan')).emailVerification).toBe(false)

    await world.call('sendEmailVerification', { accountId: alan.id, url: VERIFY_URL })
    const { url } = await lastMessage('alan@example.com')
    await world.call('confirmEmailVerification', { accountId: alan.id, link: url })
    expect((await world.failure('confirmEmailVerification', { accountId: alan.id, link: url })).type).toBe('user_invalid_token')
    expect(world.stored.account(alan.id)?.status).toBe('signedIn')
  })

  it('answers general_smtp_disabled 503 when the server cannot send email', async () => {
    await world.close()
    ;({ world, project } = await demoWorld({ config: demoConfigWith({ smtp: false }) }))
    const alan = await world.signIn(project, 'alan@example.com')
    expect(await world.failure('sendEmailVerification', { accountId: alan.id, url: VERIFY_URL })).toMatchObject({ type: 'general_smtp_disabled', code: 503 })
  })
})

describe('profile: phone verification', () => {
  it('texts a code to the user’s number, and the code verifies the phone', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect((await world.admin.user('ada')).phoneVerification).toBe(false)

    await world.call('sendPhoneVerification', { accountId: ada.id })
    const message = await lastMessage('+4915112345678')
    expect(message).toMatchObject({ channel: 'sms', kind: 'phone-verification', userId: 'ada' })
    expect(message.secret).toMatch(/^\d{6}$/)

    await world.call('confirmPhoneVerification', { accountId: ada.id, code: message.secret })

    expect((await world.admin.user('ada')).phoneVerification).toBe(true)
    expect(world.stored.snapshot(ada.id)?.account?.phoneVerification).toBe(true)
  })

  it('verifies the project’s mock number with its fixed code, with no SMS sent', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('updatePhone', { accountId: ada.id, phone: MOCK_PHONE, password: DEMO_PASSWORD })
    await world.call('sendPhoneVerification', { accountId: ada.id })
    expect(await outbox(MOCK_PHONE)).toEqual([])
    await world.call('confirmPhoneVerification', { accountId: ada.id, code: MOCK_CODE })
    expect(await world.admin.user('ada')).toMatchObject({ phone: MOCK_PHONE, phoneVerification: true })
    expect(world.stored.snapshot(ada.id)?.account).toMatchObject({ phone: MOCK_PHONE, phoneVerification: true })
  })

  it('answers a wrong code with user_invalid_token, leaving the phone unverified and the account signed in', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('updatePhone', { accountId: ada.id, phone: MOCK_PHONE, password: DEMO_PASSWORD })
    await world.call('sendPhoneVerification', { accountId: ada.id })
    expect(await world.failure('confirmPhoneVerification', { accountId: ada.id, code: '000000' })).toMatchObject({ type: 'user_invalid_token', code: 401 })
    expect((await world.admin.user('ada')).phoneVerification).toBe(false)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('answers user_phone_not_found for a user without a phone number', async () => {
    const alan = await world.signIn(project, 'alan@example.com')
    expect(await world.failure('sendPhoneVerification', { accountId: alan.id })).toMatchObject({ type: 'user_phone_not_found', code: 400 })
  })

  it('answers general_phone_disabled 503 when the server cannot send SMS', async () => {
    await world.close()
    ;({ world, project } = await demoWorld({ config: demoConfigWith({ sms: false }) }))
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.failure('sendPhoneVerification', { accountId: ada.id })).toMatchObject({ type: 'general_phone_disabled', code: 503 })
  })
})

describe('profile: blockAccount', () => {
  it('blocks the user on the server and marks the account blocked in the summary and the snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('blockAccount', { accountId: ada.id })
    expect((await world.admin.user('ada')).status).toBe(false)
    expect(world.stored.account(ada.id)?.status).toBe('blocked')
    expect(world.stored.snapshot(ada.id)?.account?.status).toBe(false)
  })

  it('makes later requests fail with user_blocked 403, keeping the account blocked and flagging the snapshot', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('blockAccount', { accountId: ada.id })

    expect(await world.failure('refresh', { accountId: ada.id })).toMatchObject({ type: 'user_blocked', code: 403 })
    expect(await world.failure('updateName', { accountId: ada.id, name: 'Countess' })).toMatchObject({ type: 'user_blocked', code: 403 })

    expect(world.stored.account(ada.id)?.status).toBe('blocked')
    expect(world.stored.snapshot(ada.id)?.error).toMatchObject({ type: 'user_blocked', code: 403 })
    expect((await world.admin.user('ada')).name).toBe('Ada Lovelace')
  })

  it('is signed in again once an admin unblocks the user', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('blockAccount', { accountId: ada.id })
    expect((await world.admin.request('PATCH', '/users/ada/status', { status: true })).status).toBe(200)
    const snapshot = await world.call('refresh', { accountId: ada.id })
    expect(snapshot.account?.status).toBe(true)
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })

  it('lets a blocked account be signed out locally (the server refuses every call of a blocked user)', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('blockAccount', { accountId: ada.id })
    await world.call('signOut', { accountId: ada.id })
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(await world.ctx.vault.readSecret(ada.id)).toBeNull()
  })

  it('leaves the account as it was when the server cannot be reached', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'PATCH', path: '/v1/account/status', dropConnection: true, times: 1 })
    expect((await world.failure('blockAccount', { accountId: ada.id })).type).toBe('lanyard_network')
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
    expect((await world.admin.user('ada')).status).toBe(true)
  })

  it('names an unknown account', async () => {
    expect((await world.failure('blockAccount', { accountId: 'gone' })).type).toBe('lanyard_unknown_account')
  })
})
