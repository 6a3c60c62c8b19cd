// @vitest-environment node
// Email verification and password recovery by code on 2.3+, refused before any request on older
// servers, which keep the link flow (docs/appwrite/wire-2x.md section 3.1). Effects checked on the server.
import { afterEach, describe, expect, it } from 'vitest'
import { lastMessage } from '../../../e2e/appwrite/mfa-testing.ts'
import type { Project } from '../../shared/protocol.ts'
import { APPWRITE_VERSIONS, DEMO_PASSWORD, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

const NEW_PASSWORD = 'a-new-password-2026'

let world: WorkerWorld | undefined
afterEach(() => world?.close())

async function start(version: (typeof APPWRITE_VERSIONS)[number]): Promise<{ world: WorkerWorld; project: Project }> {
  world = await workerWorld({ version })
  return { world, project: await world.addDemoProject() }
}

describe('on Appwrite 2.7.1', () => {
  it('verifies an email with the emailed code', async () => {
    const { world, project } = await start('2.7.1')
    const alan = await world.signIn(project, 'alan@example.com')
    expect((await world.admin.user('alan')).emailVerification).toBe(false)

    await world.call('sendEmailVerificationCode', { accountId: alan.id })
    const message = await lastMessage(world.server, 'alan@example.com')
    expect(message.kind).toBe('verification-otp')
    expect(message.secret).toMatch(/^\d{6}$/)
    const wrong = await world.failure('confirmEmailVerificationCode', { accountId: alan.id, code: '000000' === message.secret ? '111111' : '000000' })
    expect(wrong.code).toBeGreaterThanOrEqual(400)
    await world.call('confirmEmailVerificationCode', { accountId: alan.id, code: message.secret })

    expect((await world.admin.user('alan')).emailVerification).toBe(true)
    expect(world.stored.snapshot(alan.id)?.account?.emailVerification).toBe(true)
  })

  it('recovers a password with the emailed code, without signing in', async () => {
    const { world, project } = await start('2.7.1')
    const { userId } = await world.call('sendRecoveryCode', { projectId: project.id, email: 'grace@example.com' })
    expect(userId).toBe('grace')
    const message = await lastMessage(world.server, 'grace@example.com')
    expect(message.kind).toBe('recovery-otp')

    await world.call('confirmRecoveryCode', { projectId: project.id, userId, code: message.secret, password: NEW_PASSWORD })

    const withNew = await world.server.request('POST', '/account/sessions/email', { body: { email: 'grace@example.com', password: NEW_PASSWORD } })
    expect(withNew.status).toBe(201)
    const withOld = await world.server.request('POST', '/account/sessions/email', { body: { email: 'grace@example.com', password: DEMO_PASSWORD } })
    expect(withOld.status).toBe(401)
    expect(world.stored.accounts() ?? []).toEqual([])
    // The code is used up.
    const again = await world.failure('confirmRecoveryCode', { projectId: project.id, userId, code: message.secret, password: 'yet-another-password-1' })
    expect(again.code).toBeGreaterThanOrEqual(400)
  })
})

describe('on Appwrite 1.9.6', () => {
  it('refuses codes with lanyard_not_supported and sends nothing; the link flow still works', async () => {
    const { world, project } = await start('1.9.6')
    const alan = await world.signIn(project, 'alan@example.com')
    await world.server.dev('DELETE', '/__dev/outbox')

    for (const [name, input] of [
      ['sendEmailVerificationCode', { accountId: alan.id }],
      ['confirmEmailVerificationCode', { accountId: alan.id, code: '123456' }],
      ['sendRecoveryCode', { projectId: project.id, email: 'alan@example.com' }],
      ['confirmRecoveryCode', { projectId: project.id, userId: 'alan', code: '123456', password: NEW_PASSWORD }],
    ] as const) {
      const error = await world.failure(name, input as never)
      expect(error).toMatchObject({ type: 'lanyard_not_supported', code: 501 })
      expect(error.message).toContain('Appwrite 1.9.6')
    }
    expect((await world.server.dev('GET', '/__dev/outbox')).json).toEqual([])
    expect(world.stored.account(alan.id)?.status).toBe('signedIn')

    await world.call('sendEmailVerification', { accountId: alan.id, url: 'http://localhost/verify' })
    expect((await lastMessage(world.server, 'alan@example.com')).kind).toBe('verification')
  })
})

it.each(APPWRITE_VERSIONS)('validates the code requests\u2019 input on %s', async (version) => {
  const { world, project } = await start(version)
  const error = await world.failure('confirmRecoveryCode', { projectId: project.id, userId: '', code: '1', password: 'x' })
  expect(error.type).toBe('lanyard_invalid_input')
})
