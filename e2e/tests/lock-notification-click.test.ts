// The sign-in alert's Revoke button, clicked through Chromium's real notification path: Chromium
// sends the notification to a fake freedesktop daemon on a private D-Bus, and the daemon's
// ActionInvoked signal is the click. lock-alerts.test.ts covers the handler through the test
// message; this proves the browser's own event reaches it, waking a stopped worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { startFakeNotifications, type FakeNotifications } from '../harness/fake-notifications.ts'
import type { Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'

describe('sign-in alert notification, clicked through D-Bus', () => {
  let fake: FakeNotifications
  let world: World
  let admin: Admin
  let project: Project
  let alice: AccountSummary

  beforeAll(async () => {
    fake = await startFakeNotifications()
    world = await startWorld(alphaConfig([seedUser('alice')]), { env: { DBUS_SESSION_BUS_ADDRESS: fake.address } })
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(async () => {
    await world?.close()
    await fake?.close()
  })

  it('clicking Revoke revokes the session on the server, in a worker woken by the click', async () => {
    const intruder = await admin.createSession('alice')
    await world.ext.call('checkSignInAlerts')

    // Chromium sends buttons as flat key/label pairs: the key before "Revoke" is its button index.
    const revokeKey = () => {
      const sent = fake.notifications.find((n) => n.actions.some((a, i) => i % 2 === 1 && a === 'Revoke'))
      return sent && { id: sent.id, key: sent.actions[sent.actions.indexOf('Revoke') - 1] }
    }
    await expect.poll(revokeKey, { timeout: 10_000, interval: 100 }).toBeDefined()
    const { id, key } = revokeKey()!
    expect(key).toBe('0')

    await world.ext.stopWorker()
    fake.invokeAction(id, key!)

    const sessionIds = async () => (await admin.listSessions('alice')).map((s) => s.$id)
    await expect.poll(sessionIds, { timeout: 10_000, interval: 200 }).not.toContain(intruder.$id)
    // Lanyard's own session is still there, and still works.
    expect(await sessionIds()).toContain(alice.sessionId)
    expect((await world.ext.call('refresh', { accountId: alice.id })).account?.$id).toBe('alice')
  })
})
