// What the lock and the sign-in alerts use from the browser (issue 5), as one part of the worker
// context: index.ts builds it from the extension APIs, unit tests from fakes.
import type { SignInAlert } from '../shared/lock-and-alerts.ts'
import type { KeySource } from './vault.ts'

export interface AlarmScheduler {
  create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void>
  clear(name: string): Promise<boolean>
}

/** Browser notifications and the toolbar badge. */
export interface AlertSurface {
  show(alert: SignInAlert): Promise<void>
  clear(alertId: string): Promise<void>
  setBadgeText(text: string): Promise<void>
}

export interface SecurityParts {
  /** The non-extractable device key: seals secrets without a passphrase, and the passphrase key in storage.session. */
  deviceKey: KeySource
  alarms: AlarmScheduler
  alerts: AlertSurface
}
