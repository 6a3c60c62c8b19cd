// Puts the toolbar look (toolbar-state.ts) on the button (issue 16). A keyboard switch flashes the
// new account's initials for a moment even while the badge counts alerts, so the switch is seen.
import { initials } from '../shared/initials.ts'
import { items, readItems } from '../shared/storage.ts'
import type { WorkerContext } from './context.ts'
import { toolbarLook, type ToolbarLook } from './toolbar-state.ts'

/** The stored items the toolbar shows. */
export const SHOWN_KEYS = new Set([items.accounts.key, items.activeAccountId.key, items.projects.key, items.vaultLocked.key, items.signInAlerts.key])
/** Long enough to be noticed after a key press, short enough not to hide an alert count. */
export const SWITCH_FLASH_MS = 2_000

/** One update at a time, in order: the last one reads the latest state, so the last write wins. */
const queues = new WeakMap<WorkerContext, Promise<void>>()
/** The account a keyboard switch flashes, until its timer ends the flash. */
const flashes = new WeakMap<WorkerContext, Pick<ToolbarLook, 'text' | 'color'>>()

function enqueue(ctx: WorkerContext, task: () => Promise<void>): Promise<void> {
  const next = (queues.get(ctx) ?? Promise.resolve()).then(task, task)
  queues.set(ctx, next)
  return next
}

async function show(ctx: WorkerContext, look: ToolbarLook): Promise<void> {
  const { action } = ctx.browser
  await action.setTitle({ title: look.title })
  await action.setBadgeBackgroundColor({ color: look.color })
  await action.setBadgeText({ text: look.text })
}

async function currentLook(ctx: WorkerContext): Promise<ToolbarLook> {
  const state = await readItems(ctx.areas, {
    accounts: items.accounts,
    activeAccountId: items.activeAccountId,
    projects: items.projects,
    locked: items.vaultLocked,
    alerts: items.signInAlerts,
  })
  const look = toolbarLook(state, (key, substitutions) => ctx.browser.i18n.getMessage(key, substitutions))
  const flash = flashes.get(ctx)
  return flash && !state.locked ? { ...look, ...flash } : look
}

/** Shows the stored state on the toolbar button. */
export function syncToolbar(ctx: WorkerContext): Promise<void> {
  return enqueue(ctx, async () => show(ctx, await currentLook(ctx)))
}

/** After a keyboard switch: the new account's initials in its colour, then the usual look again. */
export async function flashActiveAccount(ctx: WorkerContext): Promise<void> {
  const state = await readItems(ctx.areas, { accounts: items.accounts, activeAccountId: items.activeAccountId, locked: items.vaultLocked })
  const active = state.accounts.find((a) => a.id === state.activeAccountId)
  if (!active || state.locked) return
  const flash = { text: initials(active.name, active.email), color: active.color }
  flashes.set(ctx, flash)
  await syncToolbar(ctx)
  // A cosmetic timer, not state: if the worker stops first, its next start shows the usual look.
  setTimeout(() => {
    if (flashes.get(ctx) === flash) flashes.delete(ctx)
    void syncToolbar(ctx)
  }, SWITCH_FLASH_MS)
}

