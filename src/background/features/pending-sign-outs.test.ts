// @vitest-environment node
// Removing never leaves a session valid silently (issue 17 item 7): a failed sign-out stays pending
// with its session sealed, an alarm retries it, and only the person's "Forget without signing out"
// or the server's word that the session is over ends it. Each effect is checked on the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { PENDING_SIGN_OUT_ALARM } from '../pending-sign-outs.ts'
import { appwriteError, DEMO_PASSWORD, demoWorld, TEST_PASSPHRASE, type WorkerWorld } from '../testing/worker-world.ts'

const SIGN_OUT = { method: 'DELETE', path: '/v1/account/sessions/current' }

let world: WorkerWorld
let project: Project
let ada: AccountSummary
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
  ada = await world.signIn(project, 'ada@example.com')
})
afterEach(() => world.close())

const pending = () => world.stored.item(items.pendingSignOuts) ?? []
const alarmSet = () => world.fake.state.alarms.has(PENDING_SIGN_OUT_ALARM)
const clearFaults = async () => void (await world.server.dev('DELETE', '/__dev/faults'))

async function fireRetryAlarm(): Promise<void> {
  world.fake.fire.alarm(PENDING_SIGN_OUT_ALARM)
  await world.spine.idle()
}

describe('a sign-out that fails on removal stays pending', () => {
  it('a server error: the account goes, its session stays sealed and valid, the alarm retries until the server ends it', async () => {
    const { secret } = JSON.parse(atob(await world.heldSession(ada.id))) as { secret: string }
    await world.fault({ ...SIGN_OUT, status: 503 })
    await world.call('removeAccount', { accountId: ada.id })

    expect(world.stored.accounts()).toEqual([])
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    expect(pending()).toEqual([
      expect.objectContaining({ accountId: ada.id, label: 'ada@example.com', projectLabel: 'Demo', attempts: 1, lastError: expect.objectContaining({ code: 503 }) as unknown }),
    ])
    // Sealed, not plain: the session's secret appears nowhere in storage.
    expect(JSON.stringify(world.stored.local())).not.toContain(secret)
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    expect(alarmSet()).toBe(true)

    // Still failing: one more attempt is counted.
    await fireRetryAlarm()
    expect(pending()[0]?.attempts).toBe(2)
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)

    await clearFaults()
    await fireRetryAlarm()
    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
    expect(pending()).toEqual([])
    expect(alarmSet()).toBe(false)
  })

  it('a 403 general_unknown_origin is no proof of an end: it stays pending; a 404 user_session_not_found is', async () => {
    await world.fault({ ...SIGN_OUT, status: 403, body: appwriteError(403, 'general_unknown_origin', 'Invalid Origin. Register your new client (x) as a new Web platform on your project console dashboard'), times: 1 })
    await world.call('removeAccount', { accountId: ada.id })
    expect(pending().map((p) => p.lastError?.type)).toEqual(['general_unknown_origin'])

    await world.fault({ ...SIGN_OUT, status: 404, body: appwriteError(404, 'user_session_not_found', 'The current user session could not be found.'), times: 1 })
    expect(await world.call('retryPendingSignOuts')).toEqual({ ended: 1, pending: 0 })
    expect(pending()).toEqual([])
  })

  it('a session the server already ended (a guest 401) ends the pending sign-out', async () => {
    await world.fault({ ...SIGN_OUT, status: 500, times: 1 })
    await world.call('removeAccount', { accountId: ada.id })
    await world.admin.revoke(ada)
    expect(await world.call('retryPendingSignOuts')).toEqual({ ended: 1, pending: 0 })
  })

  it('while locked it waits, sealed under the passphrase; the unlock ends it on the server, also after a passphrase change', async () => {
    await world.lockBehindPassphrase()
    await world.call('removeAccount', { accountId: ada.id })
    expect(pending().map((p) => p.secret.keySource)).toEqual(['passphrase'])
    await fireRetryAlarm()
    expect(pending()).toHaveLength(1)
    expect(pending()[0]?.attempts).toBe(1)

    await world.fault({ ...SIGN_OUT, status: 503, times: 1 })
    await world.call('unlock', { passphrase: TEST_PASSPHRASE })
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    await world.call('changePassphrase', { current: TEST_PASSPHRASE, next: `${TEST_PASSPHRASE}!` })
    expect(await world.call('retryPendingSignOuts')).toEqual({ ended: 1, pending: 0 })
    expect(await world.admin.sessionIds('ada')).not.toContain(ada.sessionId)
  })

  it('removing a project keeps each failed sign-out of its accounts', async () => {
    const grace = await world.signIn(project, 'grace@example.com')
    await world.fault({ ...SIGN_OUT, status: 502 })
    await world.call('removeProject', { id: project.id })
    expect(world.stored.projects()).toEqual([])
    expect(pending().map((p) => p.accountId).sort()).toEqual([ada.id, grace.id].sort())
    expect(await world.admin.sessionIds('grace')).toContain(grace.sessionId)
  })

  it('"Forget without signing out" drops it and leaves the session as it is on the server', async () => {
    await world.fault({ ...SIGN_OUT, status: 503 })
    await world.call('removeAccount', { accountId: ada.id })
    await world.call('forgetPendingSignOut', { accountId: ada.id })
    expect(pending()).toEqual([])
    expect(alarmSet()).toBe(false)
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    expect(await world.failure('forgetPendingSignOut', { accountId: ada.id })).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
  })
})

describe('a sign-in never leaves a session it does not hold', () => {
  it('while locked it is refused before any session is created', async () => {
    await world.lockBehindPassphrase()
    const before = await world.admin.sessionIds('grace')
    const error = await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'grace@example.com', password: DEMO_PASSWORD })
    expect(error).toMatchObject({ type: 'lanyard_locked', code: 423 })
    expect(await world.admin.sessionIds('grace')).toEqual(before)
  })

  it('an account answer Lanyard refuses ends the new session at once', async () => {
    const before = await world.admin.sessionIds('grace')
    await world.fault({ method: 'GET', path: '/v1/account', status: 200, body: '{"not":"an account"}', times: 1 })
    const error = await world.failure('signIn', { method: 'email-password', projectId: project.id, email: 'grace@example.com', password: DEMO_PASSWORD })
    expect(error.type).toBe('lanyard_malformed_response')
    expect(await world.admin.sessionIds('grace')).toEqual(before)
    expect(pending()).toEqual([])
  })
})

