// "Use in this tab" needs optional permissions. The page asks for them inside the person's click;
// the worker only checks that they are there.
import type { PermissionSet } from '../../shared/tab-permissions.ts'
import type { WorkerBrowser } from '../browser.ts'
import { WorkerError } from '../errors.ts'

export function hasPermissions(browser: WorkerBrowser, wanted: PermissionSet): Promise<boolean> {
  return browser.permissions.contains({ permissions: wanted.permissions, origins: wanted.origins })
}

export async function requirePermissions(browser: WorkerBrowser, wanted: PermissionSet): Promise<void> {
  if (await hasPermissions(browser, wanted)) return
  const what = [...wanted.permissions, ...wanted.origins].join(', ')
  throw WorkerError.of('lanyard_permission_required', 403, `Using an account in this tab needs these permissions: ${what}. Allow them and try again.`)
}
