// Popup figures: paint from cache on open (against a script-free copy of the same page) and
// switching accounts by click, both read from the mark the popup sets when the active account's
// card is in the DOM (src/popup/popup-app.tsx, CARD_PAINTED_MARK).
//
// The popup is being redesigned, so the bench leans only on that mark, the `main.popup` landmark
// and the switcher's buttons as SWITCH_TARGETS names them (a data hook and ARIA state, no styling class).
import type { Page } from 'playwright-core'
import type { Extension } from '../e2e/harness/extension.ts'
import { firstContentfulPaint, markTime } from './in-page.ts'
import { writeStaticCopy } from './static-page.ts'

/** The mark named by src/popup/popup-app.tsx; the bench fails plainly if the popup stops setting it. */
export const CARD_PAINTED_MARK = 'lanyard:active-card-painted'
/** Chromium's popups are at most 800x600; Lanyard's is at most 400 px wide (issue 4). */
export const POPUP_VIEWPORT = { width: 400, height: 600 }
/** Buttons that switch to another account than the active one. */
export const SWITCH_TARGETS = 'main.popup button[data-switch-item]:not([aria-current="true"])'
/** Where the script-free reference is written, inside the bench's copy of the built extension. */
export const STATIC_PAGE_PATH = 'bench/static-popup.html'

/** Renders the popup once and writes its painted markup, with no script, into the extension copy. */
export async function writeStaticReference(ext: Extension, extensionDir: string, popupPath: string): Promise<void> {
  const page = await ext.openPage(popupPath)
  try {
    await markTime(page, CARD_PAINTED_MARK)
    await writeStaticCopy(extensionDir, STATIC_PAGE_PATH, await page.evaluate(() => document.documentElement.outerHTML))
  } finally {
    await page.close()
  }
}

async function withPage<T>(ext: Extension, path: string, read: (page: Page) => Promise<T>): Promise<T> {
  const page = await ext.openPage(path)
  try {
    return await read(page)
  } finally {
    await page.close()
  }
}

export interface OpenSamples {
  /** Navigation start to the card mark. */
  popup: number[]
  /** Navigation start to the popup's first contentful paint (a cross-check of the mark). */
  popupFcp: number[]
  /** Navigation start to the static reference's first contentful paint. */
  reference: number[]
}

/**
 * Opens the popup and the reference alternately, each in a new page as a toolbar click does, after
 * `warmups` unrecorded opens of each (the first opens also fill Chromium's code cache).
 */
export async function measureOpens(ext: Extension, popupPath: string, opens: number, warmups = 2): Promise<OpenSamples> {
  const samples: OpenSamples = { popup: [], popupFcp: [], reference: [] }
  for (let i = 0; i < warmups + opens; i++) {
    const popupFirst = i % 2 === 0
    const openPopup = () =>
      withPage(ext, popupPath, async (page) => ({ mark: await markTime(page, CARD_PAINTED_MARK), fcp: await firstContentfulPaint(page, 0) }))
    const openReference = () => withPage(ext, STATIC_PAGE_PATH, (page) => firstContentfulPaint(page))
    const popup = popupFirst ? await openPopup() : undefined
    const reference = await openReference()
    const popupLate = popup ?? (await openPopup())
    if (i < warmups) continue
    samples.popup.push(popupLate.mark)
    samples.popupFcp.push(popupLate.fcp)
    samples.reference.push(reference)
  }
  return samples
}

/**
 * Clicks another account in the switcher `switches` times; each sample is the click event's time to
 * the next card mark. Between clicks the popup settles (the worker's switch and refresh replies).
 */
export async function measureSwitching(ext: Extension, popupPath: string, switches: number, settleMs = 400): Promise<number[]> {
  return withPage(ext, popupPath, async (page) => {
    await markTime(page, CARD_PAINTED_MARK)
    const samples: number[] = []
    for (let i = 0; i < switches; i++) {
      const marksBefore = await page.evaluate((name) => performance.getEntriesByName(name, 'mark').length, CARD_PAINTED_MARK)
      await page.evaluate(() => {
        const w = window as unknown as { benchClickAt?: Promise<number> }
        w.benchClickAt = new Promise((resolve) => document.addEventListener('click', (event) => resolve(event.timeStamp), { capture: true, once: true }))
      })
      const others = page.locator(SWITCH_TARGETS)
      await others.nth(i % (await others.count())).click()
      const clickAt = await page.evaluate(() => (window as unknown as { benchClickAt: Promise<number> }).benchClickAt)
      samples.push((await markTime(page, CARD_PAINTED_MARK, marksBefore, 0)) - clickAt)
      await page.waitForTimeout(settleMs)
    }
    return samples
  })
}
