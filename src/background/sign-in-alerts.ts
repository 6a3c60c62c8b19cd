// Sign-in alerts (issue 5): a session Lanyard never saw before on an account with alerts on becomes
// an unseen alert, a browser notification with a Revoke button, and one more on the toolbar badge.
// The notification id names the account and the session, so the button handler needs nothing else,
// even in a worker woken just for the click.
import type { SessionFacts } from '../shared/activity.ts'
import type { SignInAlert } from '../shared/lock-and-alerts.ts'

const ID_PREFIX = 'lanyard-alert'

export function alertId(accountId: string, sessionId: string): string {
  return `${ID_PREFIX}:${accountId}:${sessionId}`
}

export function parseAlertId(id: string): { accountId: string; sessionId: string } | null {
  const [prefix, accountId, sessionId, ...rest] = id.split(':')
  if (prefix !== ID_PREFIX || !accountId || !sessionId || rest.length > 0) return null
  return { accountId, sessionId }
}

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ')

export function describeDevice(facts: SessionFacts): string {
  const client = joined(facts.clientName, facts.clientVersion)
  const os = joined(facts.osName, facts.osVersion)
  const hardware = joined(facts.deviceBrand, facts.deviceModel) || facts.deviceName
  return [client, os, hardware].filter(Boolean).join(', ')
}

export function describeLocation(facts: SessionFacts): string {
  return facts.countryName || facts.countryCode?.toUpperCase() || ''
}

export function alertsFor(accountId: string, accountName: string, firstSeen: readonly SessionFacts[], now: number): SignInAlert[] {
  return firstSeen.map((facts) => ({
    id: alertId(accountId, facts.sessionId),
    accountId,
    sessionId: facts.sessionId,
    account: accountName,
    device: describeDevice(facts),
    location: describeLocation(facts),
    ip: facts.ip ?? '',
    at: now,
  }))
}

/**
 * The most unseen alerts kept, the newest: a server that invents 100 sessions at every check would
 * otherwise grow the list without end in storage every project shares (issue 17 item 4).
 */
export const MAX_UNSEEN_ALERTS = 300

/** Adds new alerts to the unseen list, once each, keeping the newest MAX_UNSEEN_ALERTS. */
export function addUnseen(unseen: readonly SignInAlert[], fresh: readonly SignInAlert[]): SignInAlert[] {
  const ids = new Set(unseen.map((a) => a.id))
  return [...unseen, ...fresh.filter((a) => !ids.has(a.id))].slice(-MAX_UNSEEN_ALERTS)
}

export function badgeText(unseenCount: number): string {
  if (unseenCount <= 0) return ''
  return unseenCount > 99 ? '99+' : String(unseenCount)
}

/** Message lookup with substitutions (`browser.i18n.getMessage` in the worker). */
export type Translate = (key: string, substitutions?: string[]) => string

export const REVOKE_BUTTON_INDEX = 0

export function notificationOptions(alert: SignInAlert, t: Translate, iconUrl: string) {
  const unknown = t('alertUnknown')
  return {
    type: 'basic' as const,
    iconUrl,
    title: t('alertTitle', [alert.account]),
    message: t('alertMessage', [alert.device || unknown, alert.location || unknown, alert.ip || unknown]),
    buttons: [{ title: t('alertRevoke') }],
    requireInteraction: true,
  }
}

/** More new sessions at once than this become one summarising notification (issue 17 item 4). */
export const MAX_SEPARATE_NOTIFICATIONS = 3

/** Not an alert id (`parseAlertId` refuses it): its buttons and closing act on no session. */
export function summaryNotificationId(accountId: string): string {
  return `${ID_PREFIX}-summary:${accountId}`
}

export function summaryNotificationOptions(accountName: string, count: number, t: Translate, iconUrl: string) {
  return {
    type: 'basic' as const,
    iconUrl,
    title: t('alertSummaryTitle', [String(count), accountName]),
    message: t('alertSummaryMessage'),
    requireInteraction: true,
  }
}
