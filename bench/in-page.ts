// Timings taken inside extension pages, so Playwright's own round trips never enter a figure.
import type { Page } from 'playwright-core'
import type { AnyInput, AnyName } from '../e2e/harness/contract.ts'

/** Milliseconds from sending one request through the real contract to its reply, seen by the page. */
export function timedRequest<K extends AnyName>(page: Page, name: K, input?: AnyInput<K>): Promise<{ ms: number; reply: unknown }> {
  return page.evaluate(async (message) => {
    const start = performance.now()
    const reply: unknown = await chrome.runtime.sendMessage(message)
    return { ms: performance.now() - start, reply }
  }, { lanyard: 1 as const, name, input })
}

/**
 * Reads a value from the page once it exists, polling gently: the first look is after `settleMs`,
 * so the bench runs no script in the page while the figure being measured is still forming.
 */
async function readWhenPresent<T>(page: Page, read: () => Promise<T | undefined>, what: string, settleMs = 250, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  await page.waitForTimeout(settleMs)
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${page.url()}: ${what} did not happen within ${timeoutMs} ms`)
    await page.waitForTimeout(50)
  }
}

/** The `startTime` (ms after navigation start) of the n-th performance mark of that name. */
export function markTime(page: Page, name: string, index = 0, settleMs?: number): Promise<number> {
  const read = () => page.evaluate(({ name, index }) => performance.getEntriesByName(name, 'mark')[index]?.startTime, { name, index })
  return readWhenPresent(page, read, `performance mark "${name}" #${index + 1}`, settleMs)
}

/** When the page's first contentful paint happened (ms after navigation start). */
export function firstContentfulPaint(page: Page, settleMs?: number): Promise<number> {
  const read = () => page.evaluate(() => performance.getEntriesByName('first-contentful-paint', 'paint')[0]?.startTime)
  return readWhenPresent(page, read, 'first contentful paint', settleMs)
}
