// The popup's Activity tab in Chromium against the local server: on 2.7.1 (no log route, as on Cloud)
// it shows Lanyard's own timeline, on 1.9.6 that timeline merged with the server's log, newest first.
// The revoke is made through the popup and checked on the server; the tab is checked with axe, for
// type under 12 px and for fitting the 600 px popup, light and dark, and captured for docs/screenshots.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ActivityEvent } from '../../src/shared/activity.ts'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { expectAccessible } from '../harness/axe.ts'
import type { Admin } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { captureLightAndDark, eventually, FIREFOX_ON_WINDOWS, openPopup, POPUP_VIEWPORT, signInElsewhere } from './ui-pages.ts'

const GERMAN_ADDRESS = '192.0.2.10'

async function openActivity(world: World): Promise<Page> {
  const page = await openPopup(world.ext)
  await page.getByRole('tab', { name: 'Activity' }).click()
  await page.getByRole('list', { name: 'Recent security events' }).waitFor()
  return page
}

const rows = (page: Page) => page.getByRole('list', { name: 'Recent security events' }).getByRole('listitem')

/** The rows as drawn: raw event (data-event), the first line, and the time each names. */
const drawnRows = (page: Page) =>
  rows(page).evaluateAll((items) =>
    items.map((item) => ({
      event: item.getAttribute('data-event') ?? '',
      name: [...(item.querySelector('.log-event')?.children ?? [])].map((part) => part.textContent).join(' '),
      at: Date.parse(item.querySelector('time')?.getAttribute('datetime') ?? ''),
    })),
  )

/** Nothing reaches past the popup's 600 px, and the Activity panel needs no scrolling. */
const fitsThePopup = (page: Page) =>
  page.evaluate((height) => {
    const panel = document.querySelector('.tab-body') as HTMLElement
    return document.documentElement.scrollHeight <= height && panel.scrollHeight <= panel.clientHeight
  }, POPUP_VIEWPORT.height)

async function checkLooks(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await expectAccessible(page, `${what} (${colorScheme})`)
  }
  expect(await fitsThePopup(page), `${what} fits 400×600 without scrolling`).toBe(true)
}

describe("the popup's Activity tab on Appwrite 2.7.1 (no server log)", () => {
  let world: World
  let project: Project
  let admin: Admin
  let alice: AccountSummary
  const pages: Page[] = []

  beforeAll(async () => {
    world = await startWorld({ ...alphaConfig([seedUser('alice', { name: 'Alice Liddell' })], { version: '2.7.1' }), trustProxy: true })
    project = await world.addProject('alpha')
    admin = world.server.admin('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()))
  })
  afterAll(() => world?.close())

  it('shows the session revoked in the popup as the newest event, after the new sign-in Lanyard saw, with no "no security log" sentence', async () => {
    expect(project.serverVersion).toBe('2.7.1')
    const elsewhere = await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: GERMAN_ADDRESS })
    await world.ext.call('refresh', { accountId: alice.id })

    const page = await openPopup(world.ext)
    pages.push(page)
    await page.getByRole('listitem', { name: 'Firefox 120.0 on Windows 10' }).getByRole('button', { name: 'Revoke' }).click()
    await eventually(async () => !(await admin.listSessions('alice')).some((s) => s.$id === elsewhere), 'the session is gone on the server')
    const timeline: ActivityEvent[] = await world.ext.call('getActivity', { accountId: alice.id })
    expect(timeline.filter((e) => e.sessionId === elsewhere).map((e) => e.kind)).toEqual(['sessionFirstSeen', 'revoked'])

    await page.getByRole('tab', { name: 'Activity' }).click()
    const newest = rows(page).first()
    await newest.getByText('Revoked by you in Lanyard').waitFor()
    await newest.getByText('You, in Lanyard').waitFor()
    await newest.getByText('Firefox 120.0 on Windows 10').waitFor()
    await newest.getByText(`${GERMAN_ADDRESS} · Germany`).waitFor()
    const drawn = await drawnRows(page)
    expect(drawn.map((row) => row.name)).toEqual(['Revoked by you in Lanyard', 'New sign-in seen by Lanyard Unfamiliar', 'Signed in with Lanyard'])
    expect(drawn.every((row) => row.event.startsWith('lanyard.'))).toBe(true)
    await page.getByText('Recorded by Lanyard: this server keeps no account log.').waitFor()
    await expect(page.getByText(/keeps no security log/).count()).resolves.toBe(0)
    expect(await page.getByRole('link', { name: 'Full security log' }).getAttribute('href')).toBe(`../options/options.html#/account/${alice.id}/logs`)

    await checkLooks(page, "the popup's Activity on 2.7.1")
    pages.splice(pages.indexOf(page), 1)
    await captureLightAndDark(page, 'popup-activity-2x')
  })
})

describe("the popup's Activity tab on Appwrite 1.9.6 (server log)", () => {
  let world: World
  let alice: AccountSummary

  beforeAll(async () => {
    world = await startWorld({ ...alphaConfig([seedUser('alice', { name: 'Alice Liddell' })], { version: '1.9.6' }), trustProxy: true })
    const project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(() => world?.close())

  it("merges the server's log with Lanyard's timeline, newest first", async () => {
    const elsewhere = await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: GERMAN_ADDRESS })
    await world.ext.call('refresh', { accountId: alice.id })
    await world.ext.call('revokeSession', { accountId: alice.id, sessionId: elsewhere })
    await world.ext.call('refresh', { accountId: alice.id })

    const page = await openActivity(world)
    await rows(page).getByText('Revoked by you in Lanyard').waitFor()
    const drawn = await drawnRows(page)
    expect(drawn).toHaveLength(3)
    expect(drawn.some((row) => row.event.startsWith('lanyard.'))).toBe(true)
    expect(drawn.some((row) => row.event === 'session.delete')).toBe(true)
    const times = drawn.map((row) => row.at)
    expect(times.every((at) => Number.isFinite(at))).toBe(true)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    await expect(page.getByText(/keeps no (security|account) log/).count()).resolves.toBe(0)

    await checkLooks(page, "the popup's Activity on 1.9.6")
    await captureLightAndDark(page, 'popup-activity-19')
  })
})
