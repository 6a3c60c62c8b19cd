// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { demoWorld, TEST_PASSPHRASE, type WorkerWorld } from '../testing/worker-world.ts'
import { ALERT_BADGE_COLOR, LOCK_BADGE, LOCK_BADGE_COLOR } from '../toolbar-state.ts'
import { SWITCH_FLASH_MS } from '../toolbar.ts'

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
})
afterEach(async () => {
  vi.useRealTimers()
  await world.close()
})

/** The toolbar as the person sees it, once the worker finished what the last change started. */
async function toolbar() {
  await world.spine.idle()
  const { badges, toolbar: look } = world.fake.state
  return { title: look.title, text: badges.get('global'), color: look.color }
}

const alertFor = (accountId: string, n: number) => ({
  id: `lanyard-alert:${accountId}:s${n}`, accountId, sessionId: `s${n}`, account: 'x', device: 'Firefox', location: 'Germany', ip: '192.0.2.1', at: 1,
})

describe('toolbar', () => {
  it('names the current account and its project, and shows its initials in its colour', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await toolbar()).toEqual({ title: `toolbarTitle|ada@example.com|Demo`, text: 'AL', color: ada.color })

    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('switchAccount', { accountId: grace.id })
    expect(await toolbar()).toEqual({ title: `toolbarTitle|grace@example.com|Demo`, text: 'GH', color: grace.color })

    await world.call('updateProject', { id: project.id, label: 'Acme' })
    expect((await toolbar()).title).toBe('toolbarTitle|grace@example.com|Acme')
  })

  it('counts unseen sign-ins in red, and goes back to the initials once they are acknowledged', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fake.browser.storage.local.set({ [items.signInAlerts.key]: [alertFor(ada.id, 1), alertFor(ada.id, 2)] })
    expect(await toolbar()).toEqual({ title: 'toolbarTitle|ada@example.com|Demo — toolbarAlerts|2', text: '2', color: ALERT_BADGE_COLOR })
    await world.call('acknowledgeAlerts', {})
    expect(await toolbar()).toMatchObject({ text: 'AL', color: ada.color })
  })

  it('shows a lock while locked, and the account again after unlocking', async () => {
    await world.signIn(project, 'ada@example.com')
    await world.lockBehindPassphrase()
    expect(await toolbar()).toEqual({ title: 'toolbarTitleLocked', text: LOCK_BADGE, color: LOCK_BADGE_COLOR })
    await world.call('unlock', { passphrase: TEST_PASSPHRASE })
    expect(await toolbar()).toMatchObject({ title: 'toolbarTitle|ada@example.com|Demo', text: 'AL' })
  })

  it('is set again when the browser starts, before anything changes', async () => {
    await world.signIn(project, 'ada@example.com')
    world.fake.restartBrowser()
    world.fake.state.toolbar.title = ''
    world.fake.fire.startup()
    expect(await toolbar()).toMatchObject({ title: 'toolbarTitle|ada@example.com|Demo', text: 'AL' })
  })

  it('a keyboard switch flashes the new account on the badge even while it counts alerts, then counts again', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('switchAccount', { accountId: ada.id })
    await world.fake.browser.storage.local.set({ [items.signInAlerts.key]: [alertFor(ada.id, 1)] })
    expect((await toolbar()).text).toBe('1')

    vi.useFakeTimers({ toFake: ['setTimeout'] })
    world.fake.fire.command('switch-next-account')
    await vi.waitFor(async () => expect(await toolbar()).toMatchObject({ text: 'GH', color: grace.color }))
    vi.advanceTimersByTime(SWITCH_FLASH_MS - 1)
    expect(await toolbar()).toMatchObject({ text: 'GH' })
    vi.advanceTimersByTime(1)
    await vi.waitFor(async () => expect(await toolbar()).toMatchObject({ text: '1', color: ALERT_BADGE_COLOR }))
  })
})
