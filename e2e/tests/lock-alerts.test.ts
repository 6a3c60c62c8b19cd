// Sign-in alerts (issue 5) in the built extension against the local server: a session created by
// another client raises a notification and a badge count from the periodic alarm; the
// notification's Revoke handler revokes it on the server; Lanyard's own sign-ins never alert; an
// account with alerts off gets none, while its timeline still records what was seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initials } from '../../src/shared/initials.ts'
import type { ActivityEvent } from '../../src/shared/activity.ts'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import type { Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { FIREFOX_ON_WINDOWS, signInElsewhere } from './ui-pages.ts'

const alertIdOf = (accountId: string, sessionId: string) => `lanyard-alert:${accountId}:${sessionId}`

describe('sign-in alerts', () => {
  let world: World
  let admin: Admin
  let project: Project
  let alice: AccountSummary

  const notificationIds = () => world.ext.page.evaluate(async () => Object.keys(await chrome.notifications.getAll()))
  const badge = () => world.ext.page.evaluate(() => chrome.action.getBadgeText({}))
  /** Without unseen alerts the badge shows the active account's initials (issue 16), no count. */
  const noCount = async () => {
    const { accounts, activeAccountId } = await world.ext.call('getState')
    const active = accounts.find((a) => a.id === activeAccountId)
    return active ? initials(active.name, active.email) : ''
  }
  const activity = (accountId: string): Promise<ActivityEvent[]> => world.ext.call('getActivity', { accountId })

  beforeAll(async () => {
    // trustProxy: a sign-in from "another device" can give its IP (and so a country) in X-Forwarded-For.
    world = await startWorld({ ...alphaConfig([seedUser('alice'), seedUser('bob')]), trustProxy: true })
    admin = world.server.admin('alpha')
    project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(() => world?.close())

  it('a session another client creates raises a notification naming it, and a badge count, from the periodic alarm', async () => {
    expect(await world.ext.call('getLockAndAlertSettings')).toMatchObject({ alerts: { intervalMinutes: 15, disabledAccountIds: [] } })
    // Every three seconds instead of fifteen minutes, through the real message.
    await world.ext.call('setAlertSettings', { intervalMinutes: 0.05 })
    const intruder = await admin.createSession('alice')
    const id = alertIdOf(alice.id, intruder.$id)

    await expect.poll(notificationIds, { timeout: 30_000, interval: 250 }).toContain(id)
    expect(await badge()).toBe('1')
    // The alert names the session as the server lists it (a key-API session has no client or device strings).
    const listed = (await admin.listSessions('alice')).find((s) => s.$id === intruder.$id) as unknown as Record<string, string>
    const [alert] = (await world.ext.readStorage()).signInAlerts as { id: string; account: string; ip: string; location: string }[]
    expect(alert).toMatchObject({ id, account: 'alice@example.test', ip: listed.ip, location: listed.countryName })
    expect(alert?.ip).not.toBe('')
    expect((await activity(alice.id)).filter((e) => e.kind === 'sessionFirstSeen').map((e) => e.sessionId)).toEqual([intruder.$id])
  })

  it("Lanyard's own new sign-in never alerts", async () => {
    const again = await world.signInWithPassword(project, 'alice@example.test')
    expect(again.id).toBe(alice.id)
    await world.ext.call('checkSignInAlerts')
    expect(await notificationIds()).not.toContain(alertIdOf(alice.id, again.sessionId))
    expect(await badge()).toBe('1')
    const events = await activity(alice.id)
    expect(events.filter((e) => e.kind === 'signedIn').map((e) => e.sessionId)).toContain(again.sessionId)
    expect(events.filter((e) => e.kind === 'sessionFirstSeen').map((e) => e.sessionId)).not.toContain(again.sessionId)
    alice = again
  })

  it("the notification's Revoke handler revokes the session on the server, in a worker woken for it", async () => {
    const [unseen] = (await world.ext.readStorage()).signInAlerts as { id: string; sessionId: string }[]
    expect(unseen).toBeDefined()
    await world.ext.stopWorker()
    // The test-message path runs the same handler the browser's onButtonClicked calls (index 0 = Revoke).
    await world.ext.call('pressNotificationButton', { notificationId: unseen!.id, buttonIndex: 0 })
    expect((await admin.listSessions('alice')).map((s) => s.$id)).not.toContain(unseen!.sessionId)
    expect(await notificationIds()).not.toContain(unseen!.id)
    expect(await badge()).toBe(await noCount())
    expect((await world.ext.readStorage()).signInAlerts).toEqual([])
    const revoked = (await activity(alice.id)).filter((e) => e.kind === 'revoked')
    expect(revoked.map((e) => e.sessionId)).toEqual([unseen!.sessionId])
    // Lanyard's own session was not touched.
    expect((await world.ext.call('refresh', { accountId: alice.id })).account?.$id).toBe('alice')
  })

  it('a browser sign-in elsewhere is named by its client, system, country and IP', async () => {
    const elsewhere = await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: '192.0.2.10' })
    await world.ext.call('checkSignInAlerts')
    const alerts = (await world.ext.readStorage()).signInAlerts as { sessionId: string; device: string; location: string; ip: string }[]
    const alert = alerts.find((a) => a.sessionId === elsewhere)
    expect(alert).toMatchObject({ device: expect.stringContaining('Firefox'), location: 'Germany', ip: '192.0.2.10' })
    expect(alert?.device).toContain('Windows')
    expect(await notificationIds()).toContain(alertIdOf(alice.id, elsewhere))
    expect(await badge()).toBe('1')
    await world.ext.call('acknowledgeAlerts', {})
    expect(await badge()).toBe(await noCount())
    expect(await notificationIds()).not.toContain(alertIdOf(alice.id, elsewhere))
  })

  it('an account with alerts turned off gets no notification, but its timeline still records the new session', async () => {
    const bob = await world.signInWithPassword(project, 'bob@example.test')
    await world.ext.call('setAlertSettings', { accountId: bob.id, enabled: false })
    const other = await admin.createSession('bob')
    await world.ext.call('refresh', { accountId: bob.id })
    await world.ext.call('checkSignInAlerts')
    expect(await notificationIds()).not.toContain(alertIdOf(bob.id, other.$id))
    expect(await badge()).toBe(await noCount())
    expect((await activity(bob.id)).filter((e) => e.kind === 'sessionFirstSeen').map((e) => e.sessionId)).toEqual([other.$id])
    await world.ext.call('setAlertSettings', { intervalMinutes: 15, accountId: bob.id, enabled: true })
  })
})
