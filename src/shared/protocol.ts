// The one message contract between extension pages and the background worker: every request a
// page can make, its input and its reply. It is all a page imports to talk to the worker, so it
// re-exports the wire model types that pages display (types only: no client code reaches a page).
// Nothing secret is ever part of an output type.
import type { Consent, ConsentList, ConsentToken, ConsentTokenList, Passkey, PasskeyList } from '../appwrite/access-models.ts'
import type { ErrorData } from '../appwrite/errors.ts'
import type { LogsPage } from '../appwrite/client.ts'
import type { Identity, IdentityList, MfaFactors, MfaRecoveryCodes, MfaType } from '../appwrite/mfa-models.ts'
import type { Account, Log, Preferences, Session } from '../appwrite/models.ts'
import type { UserSummary, UserSummaryList } from '../appwrite/users.ts'
import type { AlertSettings, ImportReport, LockSettings, LockStatus } from './lock-and-alerts.ts'

export type { Consent, ConsentList, ConsentToken, ConsentTokenList, Passkey, PasskeyList }
export type { UserSummary, UserSummaryList }
export type { Account, ErrorData, Identity, IdentityList, Log, LogsPage, MfaFactors, MfaRecoveryCodes, MfaType, Preferences, Session }
// The one value pages need from the client: the options page measures edited prefs exactly as the
// client does before sending (docs/appwrite/wire.md section 3.2), so the limit and the count have one source.
export { encodedPrefsBytes, MAX_PREFS_BYTES } from '../appwrite/prefs-size.ts'

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

/** A project as the user configured it. `id` is Lanyard's local id; `projectId` is Appwrite's. */
export interface Project {
  id: string
  endpoint: string
  projectId: string
  label: string
  color: string
  /**
   * The server's version as it last said (GET /health/version, or an error body's `version`), e.g.
   * "2.7.1"; absent while not yet known. src/shared/server-features.ts turns it into what to offer.
   */
  serverVersion?: string
  /**
   * The user's own web app (src/shared/app-url.ts): emailed links point there. Absent: the endpoint's origin.
   */
  appUrl?: string
}

export type AccountStatus = 'signedIn' | 'signedOut' | 'blocked' | 'needsSecondFactor'

/** What pages may know of a held account: never its session. */
export interface AccountSummary {
  id: string
  projectId: string
  userId: string
  email: string
  name: string
  phone: string
  color: string
  status: AccountStatus
  /** Appwrite's `$id` of the session Lanyard holds, to mark "this device". */
  sessionId: string
  addedAt: number
  /**
   * With status `signedOut`: the held session stopped working and Lanyard did not end it (revoked
   * elsewhere, or pushed out by the project's session limit, docs/appwrite/wire-2x.md section 6.1).
   * Lanyard never signs in again by itself; a new sign-in clears it.
   */
  endedOnServer?: boolean
}

/** Non-secret cached view of one account, kept in storage.local under `snapshot:<accountId>`. */
export interface Snapshot {
  accountId: string
  account: Account | null
  sessions: Session[] | null
  logsFirstPage: LogsPage | null
  prefs: Preferences | null
  fetchedAt: number
  error?: ErrorData
}

export type SignInInput =
  | { method: 'email-password'; projectId: string; email: string; password: string }
  | { method: 'anonymous'; projectId: string }
  /** Finishes email OTP and phone OTP: `userId` from the send step, `secret` is the code. */
  | { method: 'token'; projectId: string; userId: string; secret: string }
  /** The whole magic link as pasted by the user; userId and secret are read from it. */
  | { method: 'magic-url'; projectId: string; link: string }
  | { method: 'oauth2'; projectId: string; provider: string }

export interface PerAccountResult {
  accountId: string
  ok: boolean
  revoked: number
  error?: ErrorData
}

/**
 * How a held account is used in a tab (docs/tab-identity.md): `fallback` writes the SDK's
 * `cookieFallback` in the app's origin and clears the project's session cookies on the endpoint;
 * `cookie` sets the endpoint's session cookie (apps on the same site as their endpoint); `tab`
 * rewrites only this tab's requests with a session header rule.
 */
export type TabIdentityMode = 'fallback' | 'cookie' | 'tab'

/** A held account in effect in a tab. */
export interface TabIdentity {
  tabId: number
  accountId: string
  mode: TabIdentityMode
  appOrigin: string
  since: number
  /** "Use in this tab as": the operator account's requests name this user as the target (mode `tab` only). */
  actingAs?: ActingTarget
}

/** The user an operator acts as (docs/appwrite/wire-2x.md section 5): names only, never a secret. */
export interface ActingTarget {
  userId: string
  email: string
  phone: string
  name: string
}

/**
 * An operator account acting as another user in Lanyard's pages, kept in storage.local by operator
 * account id. `profile` is what GET /account answered as the target. `scope` is which Account routes
 * the server runs as the target (section 5.3): `account` on 2.x (only GET and DELETE /account),
 * `allAccountRoutes` on 1.9.x. Lanyard only reads; it never deletes or blocks while acting.
 */
export interface ActingState {
  accountId: string
  target: ActingTarget
  profile: Account
  scope: 'account' | 'allAccountRoutes'
  since: number
}

/** What Lanyard can tell about a tab's app (without any secret). */
export interface TabIdentityView {
  tabId: number
  /** `null` when Lanyard may not see the tab's address. */
  appOrigin: string | null
  inEffect: TabIdentity | null
  /** Held accounts whose project the page uses: `cookieFallback` keys in its storage, or session cookies on the endpoint. */
  fittingAccountIds: string[]
  /** The users the page is signed in as now, per Lanyard project id, where the page's storage or cookies tell. */
  pageUsers: { projectId: string; userId: string }[]
}

export type MfaChallengeFactor = 'totp' | 'email' | 'phone' | 'recoveryCode'

/** Every request a page can make: name -> [input, output]. */
export interface ProtocolMap {
  addProject: [{ endpoint: string; projectId: string; label?: string; color?: string; appUrl?: string }, Project]
  /** `appUrl: ''` removes the App URL. */
  updateProject: [{ id: string; label?: string; color?: string; appUrl?: string }, Project]
  removeProject: [{ id: string }, void]
  /** The redirect host to register as a Web platform for OAuth2 (`<id>.chromiumapp.org`). */
  getOAuthRedirectHost: [void, { host: string; redirectUrl: string }]

  createAccount: [{ projectId: string; email: string; password: string; name?: string }, AccountSummary]
  sendEmailOtp: [{ projectId: string; email: string; phrase?: boolean }, { userId: string; phrase: string }]
  /** Link requests: `url` defaults to the project's link target (its App URL, else the endpoint's origin). */
  sendMagicUrl: [{ projectId: string; email: string; url?: string }, { userId: string }]
  sendPhoneOtp: [{ projectId: string; phone: string }, { userId: string }]
  signIn: [SignInInput, AccountSummary]
  signOut: [{ accountId: string }, void]
  /**
   * Signs the account out and forgets it. A sign-out that fails (offline, locked, a server error)
   * becomes a pending sign-out: its session stays sealed and is retried (storage item `pendingSignOuts`).
   */
  removeAccount: [{ accountId: string }, void]
  /** One more try of every pending sign-out now (an alarm also retries them). */
  retryPendingSignOuts: [void, { ended: number; pending: number }]
  /** "Forget without signing out": drops a pending sign-out; its session may stay valid on the server. */
  forgetPendingSignOut: [{ accountId: string }, void]
  switchAccount: [{ accountId: string }, void]

  refresh: [{ accountId: string }, Snapshot]
  updateSession: [{ accountId: string; sessionId: string }, Session]
  revokeSession: [{ accountId: string; sessionId: string }, void]
  revokeOtherSessions: [{ accountId: string }, PerAccountResult]
  /** Deletes every session of the account, this one included: the account ends signed out. */
  revokeAllSessions: [{ accountId: string }, void]
  revokeOtherSessionsEverywhere: [void, PerAccountResult[]]
  listLogs: [{ accountId: string; offset: number; limit: number }, LogsPage]

  updatePrefs: [{ accountId: string; prefs: Preferences }, Preferences]
  updateName: [{ accountId: string; name: string }, Account]
  updateEmail: [{ accountId: string; email: string; password: string }, Account]
  updatePassword: [{ accountId: string; password: string; oldPassword?: string }, Account]
  updatePhone: [{ accountId: string; phone: string; password: string }, Account]
  sendEmailVerification: [{ accountId: string; url?: string }, void]
  /** `link` is the pasted verification link; userId and secret are read from it. */
  confirmEmailVerification: [{ accountId: string; link: string }, void]
  /**
   * Verification and recovery by code (Appwrite 2.3+, docs/appwrite/wire-2x.md section 3.1): the email
   * carries a 6-digit code, valid 15 minutes. Older servers answer 501 `lanyard_not_supported`; use the link flow.
   */
  sendEmailVerificationCode: [{ accountId: string }, void]
  confirmEmailVerificationCode: [{ accountId: string; code: string }, void]
  sendPhoneVerification: [{ accountId: string }, void]
  confirmPhoneVerification: [{ accountId: string; code: string }, void]
  sendRecovery: [{ projectId: string; email: string; url?: string }, void]
  /** `link` is the pasted recovery link. */
  confirmRecovery: [{ projectId: string; link: string; password: string }, void]
  /** 2.3+ (see sendEmailVerificationCode): `userId` names whom the code was sent to, for confirmRecoveryCode. */
  sendRecoveryCode: [{ projectId: string; email: string }, { userId: string }]
  confirmRecoveryCode: [{ projectId: string; userId: string; code: string; password: string }, void]
  blockAccount: [{ accountId: string }, void]

  /** Needs `scripting` and the app's origin to look into the page, `cookies` and the endpoint for cookies. */
  getTabIdentity: [{ tabId: number }, TabIdentityView]
  /** `appOrigin` is the origin the person confirmed: the worker refuses if the tab is elsewhere now. */
  useInTab: [{ tabId: number; accountId: string; mode: TabIdentityMode; appOrigin: string }, TabIdentity]
  /** Puts back exactly what `useInTab` replaced, then reloads the tab. */
  restoreTab: [{ tabId: number }, void]

  /**
   * "Act as a user" (issue 15, docs/appwrite/wire-2x.md section 5), for an operator account whose GET
   * /account says `impersonator: true`; any other answers 403 `lanyard_not_impersonator`. Searches
   * the project's users (never their password hashes), then acts as one: in Lanyard's pages
   * (`startActingAs`), or in a tab through a per-tab rule like `useInTab`'s mode `tab`
   * (`useInTabAs`, ended by `restoreTab`). Locking ends every act-as.
   */
  searchUsers: [{ accountId: string; search: string; offset: number; limit: number }, UserSummaryList]
  startActingAs: [{ accountId: string; userId: string }, ActingState]
  stopActingAs: [{ accountId: string }, void]
  useInTabAs: [{ tabId: number; accountId: string; userId: string; appOrigin: string }, TabIdentity]

  /**
   * MFA (docs/appwrite/mfa.md). An account in `needsSecondFactor` may use only the first four, then signOut.
   * Completing a challenge upgrades the held session and answers the summary with its new status.
   * TOTP secrets and recovery codes are meant for the person's eyes; session secrets never travel.
   */
  getMfaFactors: [{ accountId: string }, MfaFactors]
  /** Email and SMS send the code now; the person enters it for `completeMfaChallenge`. */
  createMfaChallenge: [{ accountId: string; factor: MfaChallengeFactor }, { challengeId: string }]
  completeMfaChallenge: [{ accountId: string; challengeId: string; otp: string }, AccountSummary]
  /** For a code the person already has: challenge and answer in one go. */
  completeMfaWithCode: [{ accountId: string; factor: 'totp' | 'recoveryCode'; otp: string }, AccountSummary]
  updateMfa: [{ accountId: string; enabled: boolean }, Account]
  createTotpAuthenticator: [{ accountId: string }, MfaType]
  verifyTotpAuthenticator: [{ accountId: string; otp: string }, Account]
  /** 401 `user_challenge_required` when the last challenge is older than 30 minutes. */
  deleteTotpAuthenticator: [{ accountId: string }, void]
  createRecoveryCodes: [{ accountId: string }, MfaRecoveryCodes]
  /** 401 `user_challenge_required` when the last challenge is older than 30 minutes. */
  getRecoveryCodes: [{ accountId: string }, MfaRecoveryCodes]
  /** 401 `user_challenge_required` when the last challenge is older than 30 minutes. */
  regenerateRecoveryCodes: [{ accountId: string }, MfaRecoveryCodes]
  /** Without the provider tokens. */
  listIdentities: [{ accountId: string }, IdentityList]
  deleteIdentity: [{ accountId: string; identityId: string }, void]

  /**
   * Connected apps (Appwrite 2.0+) and passkeys (2.4+), docs/appwrite/wire-2x.md sections 3.1 and 6.8.
   * Older servers answer 501 `lanyard_not_supported` before any request. Revoking a consent deletes
   * it on the server, which ends its tokens. Deleting a passkey needs a recent sign-in or second
   * factor: otherwise 401 `lanyard_recent_sign_in_required` (sign in again, or pass a second factor, then retry).
   */
  listConsents: [{ accountId: string }, ConsentList]
  revokeConsent: [{ accountId: string; consentId: string }, void]
  listConsentTokens: [{ accountId: string; consentId: string }, ConsentTokenList]
  listPasskeys: [{ accountId: string }, PasskeyList]
  renamePasskey: [{ accountId: string; passkeyId: string; name: string }, Passkey]
  deletePasskey: [{ accountId: string; passkeyId: string }, void]

  /**
   * The passphrase lock (issue 5). While locked every request that needs a session answers 423
   * `lanyard_locked`; a wrong passphrase answers 401 `lanyard_wrong_passphrase`, and after repeated
   * ones 429 `lanyard_unlock_throttled` with `retryAfterMs`.
   */
  getLockStatus: [void, LockStatus]
  setPassphrase: [{ passphrase: string }, void]
  changePassphrase: [{ current: string; next: string }, void]
  removePassphrase: [{ current: string }, void]
  lock: [void, void]
  unlock: [{ passphrase: string }, void]
  /**
   * A forgotten passphrase: signs every account out (on the server too where the vault is open; a
   * locked vault's sessions cannot be read, so there they only end locally) and starts an empty vault
   * without a passphrase. Projects, accounts (signed out) and settings stay.
   */
  resetLanyard: [void, { accounts: number; signedOutOnServer: number }]
  /** The person answered the first-run offer of a passphrase with "not now". */
  dismissPassphraseOffer: [void, void]
  getLockAndAlertSettings: [void, { lock: LockSettings; alerts: AlertSettings }]
  /** `idleMinutes`: the options page offers IDLE_MINUTE_CHOICES; any number in (0, 240] is taken. */
  setLockSettings: [LockSettings, LockSettings]
  /** Interval for every account; `accountId` with `enabled` turns one account's alerts on or off. */
  setAlertSettings: [{ intervalMinutes?: number; accountId?: string; enabled?: boolean }, AlertSettings]
  /** Takes alerts off the badge and closes their notifications; all of them without `ids`. */
  acknowledgeAlerts: [{ ids?: string[] }, void]
  /** Lists every account's sessions now, as the periodic check does. */
  checkSignInAlerts: [void, { checked: number; failed: number }]
  /** The configuration as a JSON file's text: never a secret. */
  exportConfig: [void, { fileName: string; text: string }]
  importConfig: [{ text: string }, ImportReport]
}

export type MessageName = keyof ProtocolMap
export type InputOf<K extends MessageName> = ProtocolMap[K][0]
export type OutputOf<K extends MessageName> = ProtocolMap[K][1]

/** The wire shape of a request from a page. */
export interface Envelope<K extends MessageName = MessageName> {
  lanyard: 1
  name: K
  input: InputOf<K>
}

/** The one envelope every page request travels in (src/ui/extension-platform.ts sends it). */
export function envelope<K extends MessageName>(name: K, input: InputOf<K>): Envelope<K> {
  return { lanyard: 1, name, input }
}
