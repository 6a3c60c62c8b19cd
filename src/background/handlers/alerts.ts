// Sign-in alerts and Lanyard's activity timeline (issue 5).
import type { Handlers } from '../../shared/messaging.ts'
import type { AlertSettings } from '../../shared/lock-and-alerts.ts'
import { items, readItem, write, writeItems } from '../../shared/storage.ts'
import { requireAccount } from '../accounts.ts'
import type { WorkerContext } from '../context.ts'
import { revokeSession } from './sessions.ts'
import { lockedError } from '../vault-lock.ts'
import { acknowledgeAlerts, checkSignInAlerts, scheduleSignInCheck } from '../session-alerts.ts'
import { parseAlertId, REVOKE_BUTTON_INDEX } from '../sign-in-alerts.ts'

/** The one handler of a notification button, from the browser's event or from `pressNotificationButton`. */
export async function handleNotificationButton(ctx: WorkerContext, notificationId: string, buttonIndex: number): Promise<void> {
  const target = parseAlertId(notificationId)
  if (target === null) return
  if (buttonIndex === REVOKE_BUTTON_INDEX) await revokeSession(ctx, target.accountId, target.sessionId)
  await acknowledgeAlerts(ctx, [notificationId])
}

export async function saveAlertSettings(ctx: WorkerContext, change: (settings: AlertSettings) => AlertSettings): Promise<AlertSettings> {
  const next = await ctx.serialize(async () => {
    const settings = change(await readItem(ctx.areas, items.alertSettings))
    await writeItems(ctx.areas, [write(items.alertSettings, settings)])
    return settings
  })
  await scheduleSignInCheck(ctx)
  return next
}

export function alertHandlers(ctx: WorkerContext) {
  return {
    setAlertSettings: async (input) => {
      if (input.accountId !== undefined) await requireAccount(ctx, input.accountId)
      return saveAlertSettings(ctx, (settings) => {
        const { accountId, enabled } = input
        const others = settings.disabledAccountIds.filter((id) => id !== accountId)
        return {
          intervalMinutes: input.intervalMinutes ?? settings.intervalMinutes,
          disabledAccountIds: accountId === undefined || enabled === undefined ? settings.disabledAccountIds : enabled ? others : [...others, accountId],
        }
      })
    },
    async getActivity(input) {
      // The timeline names IPs and places: hidden while locked, like the snapshots.
      if (await readItem(ctx.areas, items.vaultLocked)) throw lockedError()
      await requireAccount(ctx, input.accountId)
      return readItem(ctx.areas, items.activity(input.accountId))
    },
    acknowledgeAlerts: (input) => acknowledgeAlerts(ctx, input.ids),
    checkSignInAlerts: () => checkSignInAlerts(ctx),
    pressNotificationButton: (input) => handleNotificationButton(ctx, input.notificationId, input.buttonIndex),
  } satisfies Partial<Handlers>
}
