// Settings and records of the lock and the sign-in alerts (issue 5) that pages read as well as the worker.

export interface LockStatus {
  passphraseSet: boolean
  locked: boolean
}

export interface LockSettings {
  /** Minutes without Lanyard use before it locks; `null`: never by idleness. */
  idleMinutes: number | null
  /** Lock when the operating system locks the screen (`idle.onStateChanged` "locked"). */
  onSystemLock: boolean
}

export const DEFAULT_LOCK_SETTINGS: LockSettings = { idleMinutes: 15, onSystemLock: true }

/** What the options page offers. The worker accepts any positive number up to the largest, so an end-to-end test can use seconds. */
export const IDLE_MINUTE_CHOICES = [1, 5, 15, 30, 60, 240] as const
export const MAX_IDLE_MINUTES = 240

export interface AlertSettings {
  /** How often the worker lists every account's sessions: `GET /account/sessions` has `rate-limit: 0` in the spec (docs/appwrite/wire.md section 6). */
  intervalMinutes: number
  /** Alerts are on by default: the accounts that turned them off. */
  disabledAccountIds: string[]
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { intervalMinutes: 15, disabledAccountIds: [] }

/** What the options page offers; the worker accepts any positive number up to a day (tests use seconds). */
export const ALERT_INTERVAL_CHOICES = [5, 15, 30, 60, 240] as const
export const MAX_ALERT_INTERVAL_MINUTES = 1440

export function alertsEnabled(settings: AlertSettings, accountId: string): boolean {
  return !settings.disabledAccountIds.includes(accountId)
}

/** A session Lanyard never saw before, not yet acknowledged: counted on the toolbar badge. */
export interface SignInAlert {
  /** Also the notification's id. */
  id: string
  accountId: string
  sessionId: string
  /** How the account is named to the user. */
  account: string
  device: string
  location: string
  ip: string
  /** Epoch milliseconds when Lanyard noticed it. */
  at: number
}

/** What an import of a configuration file changed, and each part it skipped with the reason. */
export interface ImportReport {
  projectsAdded: number
  projectsUpdated: number
  accountsUpdated: number
  settingsApplied: string[]
  skipped: { item: string; reason: string }[]
}
