// Page objects and helpers shared by the ui-*.test.ts files: open the popup and the options page
// the way a person sees them, and make sessions "from other devices" straight against the server.
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { Extension } from '../harness/extension.ts'
import { TEST_PASSWORD, type TestServer } from '../harness/server.ts'

export const POPUP_PATH = 'src/popup/popup.html'
export const OPTIONS_PATH = 'src/options/options.html'
/** The popup's width limit (issue 4). */
export const POPUP_VIEWPORT = { width: 400, height: 600 }

export async function openPopup(ext: Extension): Promise<Page> {
  const page = await ext.context.newPage()
  await page.setViewportSize(POPUP_VIEWPORT)
  await page.goto(`${ext.origin}/${POPUP_PATH}`)
  await page.locator('main.popup').waitFor()
  return page
}

export async function openOptions(ext: Extension, route = '/'): Promise<Page> {
  const page = await ext.context.newPage()
  await page.setViewportSize({ width: 1000, height: 800 })
  await page.goto(`${ext.origin}/${OPTIONS_PATH}#${route}`)
  await page.locator('main.options-main').waitFor()
  return page
}

/** Polls until `check` returns a truthy value (server effects land after the UI's request). */
export async function eventually<T>(check: () => Promise<T>, what: string, deadlineMs = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + deadlineMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > end) throw new Error(`Still not true after ${deadlineMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0'

/**
 * Signs the user in from "another device": a plain HTTP request with its own User-Agent and, on a
 * server that trusts X-Forwarded-For, its own IP (and so country). Returns the new session id.
 */
export async function signInElsewhere(server: TestServer, projectId: string, email: string, device: { userAgent: string; ip?: string }): Promise<string> {
  const response = await fetch(`${server.endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Appwrite-Project': projectId,
      'User-Agent': device.userAgent,
      ...(device.ip ? { 'X-Forwarded-For': device.ip } : {}),
    },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  })
  if (response.status !== 201) throw new Error(`sign-in elsewhere failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { $id: string }).$id
}

/** The HTTP status of an email and password sign-in straight against the server: 201 when the password is right. */
export async function passwordSignInStatus(server: TestServer, projectId: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${server.endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Appwrite-Project': projectId },
    body: JSON.stringify({ email, password }),
  })
  return response.status
}

/** Options pages a test opens, each closed by `closeAll` (afterEach), so none keeps refreshing into the next test. */
export function optionsPages(ext: () => Extension) {
  const pages: Page[] = []
  return {
    async open(route = '/'): Promise<Page> {
      const page = await openOptions(ext(), route)
      pages.push(page)
      return page
    },
    /** Pages opened otherwise (the popup), closed with the rest. */
    track(page: Page): void {
      pages.push(page)
    },
    closeAll: () => Promise.all(pages.splice(0).map((page) => page.close())),
  }
}

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
const SCHEMES = ['light', 'dark'] as const

/** Visible text set below 12 px, as `font-size: text` pairs: each should be readable without zoom. */
export const smallText = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()))
      .filter((el) => el.getClientRects().length > 0 && Number.parseFloat(getComputedStyle(el).fontSize) < 12)
      .map((el) => `${getComputedStyle(el).fontSize}: ${el.textContent?.trim().slice(0, 40)}`),
  )

/**
 * Writes `docs/screenshots/<name>-light.png` and `-dark.png` for the README, after checking that no
 * text is under 12 px and that each scheme is really painted; closes the page.
 */
export async function captureLightAndDark(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true })
  expect(await smallText(page)).toEqual([])
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme })
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)')
    await page.screenshot({ path: `${SCREENSHOTS}${name}-${colorScheme}.png`, fullPage })
  }
  await page.close()
}
