// What the "Use in this tab" feature works with: the worker context, the tab-side browser APIs,
// and the key that seals what it replaces.
import type { PermissionSet } from '../../shared/tab-permissions.ts'
import type { WorkerContext } from '../context.ts'
import { WorkerError } from '../errors.ts'
import type { KeySource } from '../vault.ts'
import type { TabBrowser } from './browser.ts'

/** `browser.alarms`, for the check that notices an app's sign-out. */
export interface Alarms {
  create(name: string, info: { periodInMinutes: number }): Promise<void>
  clear(name: string): Promise<boolean>
}

export interface TabIdentityDeps {
  ctx: WorkerContext
  browser: TabBrowser
  keys: KeySource
  alarms: Alarms
}

export function hasPermissions(browser: TabBrowser, wanted: PermissionSet): Promise<boolean> {
  return browser.permissions.contains({ permissions: wanted.permissions, origins: wanted.origins })
}

/** Optional permissions are asked for by the page in the person's click; the worker only checks. */
export async function requirePermissions(browser: TabBrowser, wanted: PermissionSet): Promise<void> {
  if (await hasPermissions(browser, wanted)) return
  const what = [...wanted.permissions, ...wanted.origins].join(', ')
  throw WorkerError.of('lanyard_permission_required', 403, `Using an account in this tab needs these permissions: ${what}. Allow them and try again.`)
}
