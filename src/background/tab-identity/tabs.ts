// The tab side: which origin a tab shows, the badge that marks a borrowed identity, and a tab of
// the app's origin to reach its localStorage when the borrowing tab is gone (closed, or a browser
// restart): the page's storage can only be written from inside a page of that origin.
import type { AccountSummary, ActingTarget } from '../../shared/protocol.ts'
import { userLabel } from '../../shared/user-label.ts'
import { accountLabel } from '../accounts.ts'
import { WorkerError } from '../errors.ts'
import type { WorkerBrowser } from '../browser.ts'

/** `scheme://host[:port]` of an http(s) tab; `null` when it is another scheme or hidden from Lanyard. */
export function originOfUrl(url: string | undefined): string | null {
  if (url === undefined) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null
  } catch {
    return null
  }
}

/** `null` when the tab is gone. */
export async function tabOrigin(browser: WorkerBrowser, tabId: number): Promise<{ origin: string | null } | null> {
  try {
    return { origin: originOfUrl((await browser.tabs.get(tabId)).url) }
  } catch {
    return null
  }
}

export function tabUnavailable(): WorkerError {
  return WorkerError.of(
    'lanyard_tab_unavailable',
    404,
    'Lanyard cannot see this tab: it is closed, shows no web page, or Lanyard may not access its site. Allow access and try again.',
  )
}

/** The account's initial; acting as someone, "as" and the target's initial (issue 15). */
export async function showBadge(browser: WorkerBrowser, tabId: number, account: AccountSummary, actingAs?: ActingTarget): Promise<void> {
  const initial = (label: string) => label.slice(0, 1).toUpperCase()
  const text = actingAs === undefined ? initial(accountLabel(account)) : `as${initial(userLabel(actingAs))}`
  await browser.action.setBadgeBackgroundColor({ tabId, color: account.color })
  await browser.action.setBadgeText({ tabId, text })
}

/** Clears the tab's own badge (the tab may already be gone). */
export async function clearBadge(browser: WorkerBrowser, tabId: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined)
}

const LOAD_CHECKS = 100
const LOAD_CHECK_MS = 100

async function loadedTab(browser: WorkerBrowser, tabId: number, origin: string): Promise<void> {
  for (let i = 0; i < LOAD_CHECKS; i++) {
    const tab = await browser.tabs.get(tabId)
    if (tab.status === 'complete' && originOfUrl(tab.url) === origin) return
    await new Promise((resolve) => setTimeout(resolve, LOAD_CHECK_MS))
  }
  throw WorkerError.of('lanyard_tab_unavailable', 504, `${origin} did not load, so its stored session could not be put back.`)
}

/**
 * Runs `task` in a tab of `origin`: `preferred` if it still shows it, another open tab of it, or a
 * background tab opened for the purpose and closed after.
 */
export async function inTabOfOrigin<T>(browser: WorkerBrowser, origin: string, preferred: number | null, task: (tabId: number) => Promise<T>): Promise<T> {
  const tabs = await browser.tabs.query({})
  const showing = tabs.filter((tab) => tab.id !== undefined && originOfUrl(tab.url) === origin)
  const existing = showing.find((tab) => tab.id === preferred) ?? showing[0]
  if (existing?.id !== undefined) return task(existing.id)
  const opened = await browser.tabs.create({ url: `${origin}/`, active: false })
  if (opened.id === undefined) throw tabUnavailable()
  try {
    await loadedTab(browser, opened.id, origin)
    return await task(opened.id)
  } finally {
    await browser.tabs.remove(opened.id).catch(() => undefined)
  }
}
