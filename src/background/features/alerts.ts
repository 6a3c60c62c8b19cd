// Sign-in alerts and Lanyard's activity timeline (issue 5).
import type { Feature, Handlers } from '../spine.ts'
import type { AlertSettings } from '../../shared/lock-and-alerts.ts'
import { items, readItem, write, writeItems } from '../../shared/storage.ts'
import { requireAccount } from '../accounts.ts'
import type { WorkerContext } from '../context.ts'
import { revokeSession } from './sessions.ts'
import { acknowledgeAlerts, checkSignInAlerts, scheduleSignInCheck, SIGN_IN_CHECK_ALARM } from '../session-alerts.ts'
import { parseAlertId, REVOKE_BUTTON_INDEX } from '../sign-in-alerts.ts'

/** What a notification's button does (index 0 is Revoke); tests press it through the test contract. */
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

export function alertsFeature(ctx: WorkerContext): Feature {
  const requests = {
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
    acknowledgeAlerts: (input) => acknowledgeAlerts(ctx, input.ids),
    checkSignInAlerts: () => checkSignInAlerts(ctx),
  } satisfies Partial<Handlers>
  return {
    requests,
    alarms: { [SIGN_IN_CHECK_ALARM]: async () => void (await checkSignInAlerts(ctx)) },
    prepare: () => scheduleSignInCheck(ctx),
    notificationButton: (notificationId, buttonIndex) => handleNotificationButton(ctx, notificationId, buttonIndex),
    async notificationClosed(notificationId, byUser) {
      if (byUser && parseAlertId(notificationId) !== null) await acknowledgeAlerts(ctx, [notificationId])
    },
  }
}
