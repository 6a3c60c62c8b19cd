// The browser side of the lock and the sign-in alerts (issue 5): the parts they use, and their
// listeners, registered synchronously at top level by index.ts so an alarm, a system lock, a
// command or a notification click wakes a stopped worker and is handled (TOOLCHAIN.md section 2-3).
import browser from 'webextension-polyfill'
import { AUTO_LOCK_ALARM, autoLock, onSystemIdleState, touchAutoLock } from './auto-lock.ts'
import type { WorkerContext } from './context.ts'
import { handleNotificationButton } from './handlers/alerts.ts'
import { acknowledgeAlerts, checkSignInAlerts, SIGN_IN_CHECK_ALARM } from './session-alerts.ts'
import { platformFor } from './browser-kind.ts'
import type { SecurityParts } from './security-parts.ts'
import { notificationOptions, parseAlertId } from './sign-in-alerts.ts'
import type { KeySource } from './vault.ts'

export const LOCK_COMMAND = 'lock-now'

export function browserSecurityParts(deviceKey: KeySource): SecurityParts {
  const translate = (key: string, substitutions?: string[]) => browser.i18n.getMessage(key, substitutions)
  const platform = platformFor(browser.runtime.getURL(''))
  return {
    deviceKey,
    alarms: {
      create: (name, info) => browser.alarms.create(name, info),
      clear: (name) => browser.alarms.clear(name),
    },
    alerts: {
      async show(alert) {
        const options = notificationOptions(alert, translate, browser.runtime.getURL('icons/icon-128.png'))
        await browser.notifications.create(alert.id, platform.notificationOptions(options))
      },
      async clear(alertId) {
        await browser.notifications.clear(alertId)
      },
      setBadgeText: (text) => browser.action.setBadgeText({ text }),
    },
  }
}

/** `isTrustedRequest` is the message dispatcher's own check: only Lanyard's pages count as use. */
export function listenForSecurity(
  ctx: WorkerContext,
  inBackground: (task: () => Promise<unknown>) => Promise<void>,
  isTrustedRequest: (message: unknown, sender: browser.Runtime.MessageSender) => boolean,
): void {
  browser.alarms.onAlarm.addListener((alarm) =>
    inBackground(async () => {
      if (alarm.name === AUTO_LOCK_ALARM) await autoLock(ctx)
      else if (alarm.name === SIGN_IN_CHECK_ALARM) await checkSignInAlerts(ctx)
    }),
  )
  browser.idle.onStateChanged.addListener((state) => inBackground(() => onSystemIdleState(ctx, state)))
  browser.commands.onCommand.addListener((command) =>
    inBackground(async () => {
      if (command === LOCK_COMMAND) await autoLock(ctx)
    }),
  )
  browser.notifications.onButtonClicked.addListener((notificationId, buttonIndex) =>
    inBackground(() => handleNotificationButton(ctx, notificationId, buttonIndex)),
  )
  browser.notifications.onClosed.addListener((notificationId, byUser) =>
    inBackground(async () => {
      if (byUser && parseAlertId(notificationId) !== null) await acknowledgeAlerts(ctx, [notificationId])
    }),
  )
  // Never replies (returns undefined): the dispatcher answers; this only notes the use.
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (isTrustedRequest(message, sender)) void inBackground(() => touchAutoLock(ctx))
    return undefined
  })
}
