// What the popup loads at open (issue 18): within its size budget, one stylesheet, and the chunk
// both pages share kept out of the worker; and the parts it draws later bring their own styles, in
// place the moment they are drawn, so nothing shifts when they arrive.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BUDGETS } from '../../bench/budgets.ts'
import { measureBundles } from '../../bench/bundle.ts'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { chromeDist } from '../harness/paths.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { FIREFOX_ON_WINDOWS, OPTIONS_PATH, POPUP_PATH, POPUP_VIEWPORT, signInElsewhere } from './ui-pages.ts'

describe('the files the popup loads at open (product build)', () => {
  it('stay within the bundlePopup budget, with one stylesheet', async () => {
    const { popup } = await measureBundles(chromeDist)
    expect(popup.gzipBytes).toBeLessThanOrEqual(BUDGETS.bundlePopup?.limit ?? 0)
    expect(Object.keys(popup.files).filter((file) => file.endsWith('.css'))).toHaveLength(1)
  })

  it('share one chunk with the options page, which the worker never loads', async () => {
    const { popup, options, worker } = await measureBundles(chromeDist)
    const pagesOnly = Object.keys(popup.files).filter((file) => file.endsWith('.js') && file in options.files && !(file in worker.files))
    expect(pagesOnly).toHaveLength(1)
    // The worker shares only what it uses itself: the storage registry's chunk, not the pages' one.
    const shared = pagesOnly[0] as string
    expect(await readFile(join(chromeDist, shared), 'utf8')).toContain('preact')
  })
})

/** `[selector, property]` pairs whose computed value is recorded when the first match is inserted. */
const DRAWN_LATER: [string, string][] = [
  ['.alert-card', 'border-left-width'],
  ['.recent-events', 'display'],
  ['.log-line', 'display'],
  ['.tab-panel', 'display'],
  ['.unlock form', 'display'],
  ['.account-card', 'display'],
  ['time[title]', 'text-decoration-style'],
]

/** Opens an extension page that records, for each pair, the style its element had on insertion. */
async function openRecording(world: World, path: string): Promise<Page> {
  const page = await world.ext.context.newPage()
  await page.setViewportSize(POPUP_VIEWPORT)
  await page.addInitScript((pairs: [string, string][]) => {
    const seen: Record<string, string> = {}
    ;(window as unknown as { firstStyles: Record<string, string> }).firstStyles = seen
    new MutationObserver(() => {
      for (const [selector, property] of pairs) {
        const element = seen[selector] === undefined ? document.querySelector(selector) : null
        if (element) seen[selector] = getComputedStyle(element).getPropertyValue(property)
      }
    }).observe(document, { childList: true, subtree: true })
  }, DRAWN_LATER)
  await page.goto(`${world.ext.origin}/${path}`)
  return page
}

const firstStyles = (page: Page) => page.evaluate(() => (window as unknown as { firstStyles: Record<string, string> }).firstStyles)

describe('parts drawn after the first paint', () => {
  let world: World
  let project: Project
  let alice: AccountSummary

  beforeAll(async () => {
    world = await startWorld({ ...alphaConfig([seedUser('alice', { name: 'Alice Liddell' })]), trustProxy: true })
    project = await world.addProject('alpha')
    alice = await world.signInWithPassword(project, 'alice@example.test')
    await signInElsewhere(world.server, 'alpha', 'alice@example.test', { userAgent: FIREFOX_ON_WINDOWS, ip: '192.0.2.10' })
    await world.ext.call('refresh', { accountId: alice.id })
    await world.ext.call('checkSignInAlerts')
  })
  afterAll(() => world?.close())

  it('in the popup, the alert cards, Activity and This tab are styled the moment they are drawn', async () => {
    const page = await openRecording(world, POPUP_PATH)
    await page.getByRole('button', { name: '1 new sign-in to review' }).click()
    await page.locator('.alert-card').first().waitFor()
    await page.getByRole('tab', { name: 'Activity' }).click()
    await page.locator('.log-line').first().waitFor()
    await page.getByRole('tab', { name: 'This tab' }).click()
    await page.locator('.tab-panel').waitFor()
    expect(await firstStyles(page)).toMatchObject({
      '.alert-card': '4px',
      '.recent-events': 'grid',
      '.log-line': 'grid',
      '.tab-panel': 'grid',
      'time[title]': 'dotted',
    })
    await page.close()
  })

  it('on the options page, the account card is styled the moment it is drawn', async () => {
    const page = await openRecording(world, `${OPTIONS_PATH}#/account/${alice.id}`)
    await page.locator('.account-card').waitFor()
    expect(await firstStyles(page)).toMatchObject({ '.account-card': 'flex' })
    await page.close()
  })

  it('locked, the popup draws the unlock form styled', async () => {
    await world.ext.call('setPassphrase', { passphrase: 'a long passphrase 7' })
    await world.ext.call('lock')
    const page = await openRecording(world, POPUP_PATH)
    await page.locator('.unlock form').waitFor()
    expect(await firstStyles(page)).toMatchObject({ '.unlock form': 'grid' })
    await page.close()
  })
})
