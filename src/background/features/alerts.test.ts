// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { SIGN_IN_CHECK_ALARM } from '../session-alerts.ts'
import { demoWorld, TEST_PASSPHRASE, type WorkerWorld } from '../testing/worker-world.ts'

const NOW = 1_700_000_000_000
/** Another device: the server names its client and system from the User-Agent. */
const MAC_FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:130.0) Gecko/20100101 Firefox/130.0'

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld({ now: () => NOW }))
})
afterEach(() => world.close())

const alerts = () => world.stored.item(items.signInAlerts) ?? []
/** The toolbar badge once the worker settled: a count of unseen alerts, else the active account's initials (toolbar.test.ts). */
const badge = () => world.fake.state.badges.get('global')
const alertIdOf = (account: AccountSummary, sessionId: string) => `lanyard-alert:${account.id}:${sessionId}`

/** Signs the user in on the server as another device would; answers the new session's id. */
async function signInElsewhere(userId: string, email: string): Promise<string> {
  const before = await world.admin.sessionIds(userId)
  await world.server.signIn(email, undefined, { headers: { 'User-Agent': MAC_FIREFOX } })
  const fresh = (await world.admin.sessionIds(userId)).filter((id) => !before.includes(id))
  expect(fresh).toHaveLength(1)
  return fresh[0] as string
}

describe('alerts: checkSignInAlerts', () => {
  it('a session created elsewhere after Lanyard’s first listing raises one alert: stored, notified with a Revoke button, on the badge', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    // The sign-in listed the sessions already: that listing is the baseline.
    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 1, failed: 0 })
    expect(world.stored.item(items.signInCheckedAt)).toBe(NOW)
    expect(alerts()).toEqual([])

    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 1, failed: 0 })

    const id = alertIdOf(ada, sessionId)
    expect(alerts()).toEqual([
      { id, accountId: ada.id, sessionId, account: 'ada@example.com', device: expect.stringContaining('Firefox') as string, location: 'Unknown', ip: '127.0.0.1', at: NOW },
    ])
    const notification = world.fake.state.notifications.get(id)
    expect(notification).toMatchObject({
      type: 'basic',
      title: 'alertTitle|ada@example.com',
      buttons: [{ title: 'alertRevoke' }],
      requireInteraction: true,
      iconUrl: world.fake.browser.runtime.getURL('icons/icon-128.png'),
    })
    expect(notification?.message).toMatch(/^alertMessage\|.*Firefox.*\|Unknown\|127\.0\.0\.1$/)
    expect(badge()).toBe('1')

    // The next check knows the session: no second alert, no second notification.
    await world.call('checkSignInAlerts')
    expect(alerts()).toHaveLength(1)
    expect([...world.fake.state.notifications.keys()]).toEqual([id])
  })

  it('many new sessions at once raise one summarising notification, while each stays an alert; acknowledging closes it', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('checkSignInAlerts')
    for (let i = 0; i < 5; i++) await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')

    expect(alerts()).toHaveLength(5)
    expect(badge()).toBe('5')
    const summaryId = `lanyard-alert-summary:${ada.id}`
    expect([...world.fake.state.notifications.keys()]).toEqual([summaryId])
    expect(world.fake.state.notifications.get(summaryId)).toMatchObject({ title: 'alertSummaryTitle|5|ada@example.com', message: 'alertSummaryMessage' })

    await world.call('acknowledgeAlerts', {})
    expect(world.fake.state.notifications.size).toBe(0)
  })

  it('the sessions that existed when the account was added raise no alert', async () => {
    await world.signIn(project, 'ada@example.com')
    expect((await world.admin.sessionIds('ada')).length).toBeGreaterThan(1)
    await world.call('checkSignInAlerts')
    expect(alerts()).toEqual([])
    expect(world.fake.state.notifications.size).toBe(0)
    expect(badge()).toBe('AL')
  })

  it('a session Lanyard created itself never alerts, even when it first appears after the baseline', async () => {
    const first = await world.signIn(project, 'ada@example.com')
    await world.call('checkSignInAlerts')
    const again = await world.signIn(project, 'ada@example.com')
    expect(again.sessionId).not.toBe(first.sessionId)
    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 1, failed: 0 })
    expect(alerts()).toEqual([])
    expect(world.fake.state.notifications.size).toBe(0)
  })

  it('an account with alerts turned off is neither checked nor alerted; the others still are', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    expect(await world.call('setAlertSettings', { accountId: ada.id, enabled: false })).toEqual({ intervalMinutes: 15, disabledAccountIds: [ada.id] })
    await signInElsewhere('ada', 'ada@example.com')
    const graceSession = await signInElsewhere('grace', 'grace@example.com')

    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 1, failed: 0 })
    expect(alerts().map((a) => a.id)).toEqual([alertIdOf(grace, graceSession)])
    expect([...world.fake.state.notifications.keys()]).toEqual([alertIdOf(grace, graceSession)])

    expect(await world.call('setAlertSettings', { accountId: ada.id, enabled: true })).toEqual({ intervalMinutes: 15, disabledAccountIds: [] })
    expect(world.stored.item(items.alertSettings)).toEqual({ intervalMinutes: 15, disabledAccountIds: [] })
  })

  it('setAlertSettings names an account that is not in Lanyard and changes nothing', async () => {
    expect(await world.failure('setAlertSettings', { accountId: 'gone', enabled: false })).toMatchObject({ type: 'lanyard_unknown_account', code: 404 })
    expect(world.stored.item(items.alertSettings)).toBeUndefined()
  })

  it('setAlertSettings with an interval stores it and reschedules the sign-in-check alarm', async () => {
    expect(await world.call('setAlertSettings', { intervalMinutes: 60 })).toEqual({ intervalMinutes: 60, disabledAccountIds: [] })
    expect(world.fake.state.alarms.get(SIGN_IN_CHECK_ALARM)).toEqual({ periodInMinutes: 60 })
    expect((await world.call('getLockAndAlertSettings')).alerts).toEqual({ intervalMinutes: 60, disabledAccountIds: [] })
    expect((await world.failure('setAlertSettings', { intervalMinutes: 0 })).type).toBe('lanyard_invalid_input')
    expect((await world.failure('setAlertSettings', { intervalMinutes: 1441 })).type).toBe('lanyard_invalid_input')
    expect(world.fake.state.alarms.get(SIGN_IN_CHECK_ALARM)).toEqual({ periodInMinutes: 60 })
  })

  it('the sign-in-check alarm runs the check', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    world.fake.fire.alarm(SIGN_IN_CHECK_ALARM)
    await world.spine.idle()
    expect(alerts().map((a) => a.id)).toEqual([alertIdOf(ada, sessionId)])
    expect(badge()).toBe('1')
  })
})

describe('alerts: acknowledging and the notification', () => {
  it('acknowledging some alerts closes only their notifications and the badge counts the rest; without ids, all go', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const one = alertIdOf(ada, await signInElsewhere('ada', 'ada@example.com'))
    const two = alertIdOf(ada, await signInElsewhere('ada', 'ada@example.com'))
    await world.call('checkSignInAlerts')
    expect(alerts().map((a) => a.id).sort()).toEqual([one, two].sort())
    expect(badge()).toBe('2')

    await world.call('acknowledgeAlerts', { ids: [one] })
    expect(alerts().map((a) => a.id)).toEqual([two])
    expect([...world.fake.state.notifications.keys()]).toEqual([two])
    expect(badge()).toBe('1')

    await world.call('acknowledgeAlerts', {})
    expect(alerts()).toEqual([])
    expect(world.fake.state.notifications.size).toBe(0)
    expect(badge()).toBe('AL') // no count: the account's initials
  })

  it('the notification’s Revoke button ends that session on the server, keeps Lanyard’s own, and acknowledges the alert', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')
    const id = alertIdOf(ada, sessionId)

    world.fake.fire.notificationButton(id, 0)
    await world.spine.idle()

    const left = await world.admin.sessionIds('ada')
    expect(left).not.toContain(sessionId)
    expect(left).toContain(ada.sessionId)
    expect(alerts()).toEqual([])
    expect(world.fake.state.notifications.has(id)).toBe(false)
    expect(badge()).toBe('AL') // no count: the account's initials
    expect(world.stored.accounts()?.[0]?.status).toBe('signedIn')
    expect((await world.call('getActivity', { accountId: ada.id })).filter((e) => e.kind === 'revoked').map((e) => e.sessionId)).toEqual([sessionId])
  })

  it('a notification the person closes is acknowledged; one the system closes stays unseen', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')
    const id = alertIdOf(ada, sessionId)

    world.fake.fire.notificationClosed(id, false)
    await world.spine.idle()
    expect(alerts().map((a) => a.id)).toEqual([id])
    expect(badge()).toBe('1')

    world.fake.fire.notificationClosed(id, true)
    await world.spine.idle()
    expect(alerts()).toEqual([])
    expect(badge()).toBe('AL') // no count: the account's initials
    // The session itself is untouched.
    expect(await world.admin.sessionIds('ada')).toContain(sessionId)
  })

  it('notification events for ids that are not Lanyard alerts change nothing', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')
    world.fake.fire.notificationButton(`other:${ada.id}:${sessionId}`, 0)
    world.fake.fire.notificationClosed('lanyard-alert:only-two-parts', true)
    await world.spine.idle()
    expect(alerts()).toHaveLength(1)
    expect(await world.admin.sessionIds('ada')).toContain(sessionId)
  })
})

describe('alerts: the test contract', () => {
  it('getActivity answers the timeline: Lanyard’s sign-in, a session first seen, and the same session gone once ended elsewhere', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.call('getActivity', { accountId: ada.id })).toEqual([expect.objectContaining({ kind: 'signedIn', sessionId: ada.sessionId, at: NOW })])

    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')
    expect((await world.call('getActivity', { accountId: ada.id })).at(-1)).toMatchObject({ kind: 'sessionFirstSeen', sessionId, ip: '127.0.0.1', at: NOW })

    await world.admin.revoke({ userId: 'ada', sessionId })
    await world.call('checkSignInAlerts')
    const timeline = await world.call('getActivity', { accountId: ada.id })
    expect(timeline.map((e) => [e.kind, e.sessionId])).toEqual([
      ['signedIn', ada.sessionId],
      ['sessionFirstSeen', sessionId],
      ['sessionGone', sessionId],
    ])
    expect(await world.failure('getActivity', { accountId: 'gone' })).toMatchObject({ type: 'lanyard_unknown_account' })
  })

  it('pressNotificationButton runs the buttons’ handler: index 0 revokes, another index only acknowledges', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const kept = await signInElsewhere('ada', 'ada@example.com')
    const revoked = await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')

    await world.call('pressNotificationButton', { notificationId: alertIdOf(ada, kept), buttonIndex: 1 })
    await world.call('pressNotificationButton', { notificationId: alertIdOf(ada, revoked), buttonIndex: 0 })

    const left = await world.admin.sessionIds('ada')
    expect(left).toContain(kept)
    expect(left).not.toContain(revoked)
    expect(alerts()).toEqual([])
    expect(world.fake.state.notifications.size).toBe(0)
  })
})

describe('alerts: prepare', () => {
  it('install schedules the sign-in check at the stored interval and clears the badge', async () => {
    await world.call('setAlertSettings', { intervalMinutes: 30 })
    world.fake.state.alarms.clear()
    world.fake.fire.installed()
    await world.spine.idle()
    expect(world.fake.state.alarms.get(SIGN_IN_CHECK_ALARM)).toEqual({ periodInMinutes: 30 })
    expect(badge()).toBe('') // no count, and no account to show
  })

  it('a browser start shows the unseen alerts on the badge again', async () => {
    await world.signIn(project, 'ada@example.com')
    await signInElsewhere('ada', 'ada@example.com')
    await world.call('checkSignInAlerts')
    world.fake.restartBrowser()
    world.fake.state.alarms.clear()
    expect(badge()).toBeUndefined()
    world.fake.fire.startup()
    await world.spine.idle()
    expect(badge()).toBe('1')
    expect(world.fake.state.alarms.get(SIGN_IN_CHECK_ALARM)).toEqual({ periodInMinutes: 15 })
  })
})

describe('alerts: when the check cannot run', () => {
  it('while locked the check lists nothing and raises nothing, getActivity answers lanyard_locked, and the session alerts after unlocking', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    const watch = world.stored.item(items.sessionWatch(ada.id))
    const sessionId = await signInElsewhere('ada', 'ada@example.com')

    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 0, failed: 0 })
    expect(alerts()).toEqual([])
    expect(world.stored.item(items.sessionWatch(ada.id))).toEqual(watch)
    expect(await world.failure('getActivity', { accountId: ada.id })).toMatchObject({ type: 'lanyard_locked', code: 423 })

    await world.call('unlock', { passphrase: TEST_PASSPHRASE })
    await world.call('checkSignInAlerts')
    await vi.waitFor(() => expect(alerts().map((a) => a.id)).toEqual([alertIdOf(ada, sessionId)]))
  })

  it('a server that does not answer counts the account as failed, keeps it signed in, and loses no new session', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const watch = world.stored.item(items.sessionWatch(ada.id))
    const sessionId = await signInElsewhere('ada', 'ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account/sessions', dropConnection: true })

    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 1, failed: 1 })
    expect(alerts()).toEqual([])
    expect(world.stored.item(items.sessionWatch(ada.id))).toEqual(watch)
    expect(world.stored.accounts()?.[0]?.status).toBe('signedIn')

    await world.server.dev('DELETE', '/__dev/faults')
    expect(await world.call('checkSignInAlerts')).toEqual({ checked: 1, failed: 0 })
    expect(alerts().map((a) => a.id)).toEqual([alertIdOf(ada, sessionId)])
  })
})
