// The one message contract between extension pages and the background worker.
// Both sides import this file: pages call `send('name', input)` and the worker registers one
// handler per name. Nothing secret is ever part of an output type.
import type { Account, Log, Preferences, Session } from '../appwrite/models.ts'

/** A serialisable error, shown to people as written. `type` is Appwrite's error type or one of Lanyard's own. */
export interface ErrorData {
  type: string
  code: number
  message: string
  /** Set on 429: how long until the rate limit resets. */
  retryAfterMs?: number
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorData }

/** A project as the user configured it. `id` is Lanyard's local id; `projectId` is Appwrite's. */
export interface Project {
  id: string
  endpoint: string
  projectId: string
  label: string
  color: string
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
}

export interface LogsPage {
  /** False when the server keeps no security logs (404 on GET /account/logs). */
  supported: boolean
  total: number
  logs: Log[]
  offset: number
  limit: number
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

/** Every request a page can make: name -> [input, output]. */
export interface ProtocolMap {
  getState: [void, { projects: Project[]; accounts: AccountSummary[]; activeAccountId: string | null }]
  addProject: [{ endpoint: string; projectId: string; label?: string; color?: string }, Project]
  updateProject: [{ id: string; label?: string; color?: string }, Project]
  removeProject: [{ id: string }, void]
  /** The redirect host to register as a Web platform for OAuth2 (`<id>.chromiumapp.org`). */
  getOAuthRedirectHost: [void, { host: string; redirectUrl: string }]

  createAccount: [{ projectId: string; email: string; password: string; name?: string }, AccountSummary]
  sendEmailOtp: [{ projectId: string; email: string; phrase?: boolean }, { userId: string; phrase: string }]
  sendMagicUrl: [{ projectId: string; email: string; url?: string }, { userId: string }]
  sendPhoneOtp: [{ projectId: string; phone: string }, { userId: string }]
  signIn: [SignInInput, AccountSummary]
  signOut: [{ accountId: string }, void]
  removeAccount: [{ accountId: string }, void]
  switchAccount: [{ accountId: string }, void]
  switchToNextAccount: [void, { accountId: string | null }]

  refresh: [{ accountId: string }, Snapshot]
  getSession: [{ accountId: string; sessionId: string }, Session]
  updateSession: [{ accountId: string; sessionId: string }, Session]
  revokeSession: [{ accountId: string; sessionId: string }, void]
  revokeOtherSessions: [{ accountId: string }, PerAccountResult]
  /** Deletes every session of the account, this one included: the account ends signed out. */
  revokeAllSessions: [{ accountId: string }, void]
  revokeOtherSessionsEverywhere: [void, PerAccountResult[]]
  listLogs: [{ accountId: string; offset: number; limit: number }, LogsPage]

  getPrefs: [{ accountId: string }, Preferences]
  updatePrefs: [{ accountId: string; prefs: Preferences }, Preferences]
  updateName: [{ accountId: string; name: string }, Account]
  updateEmail: [{ accountId: string; email: string; password: string }, Account]
  updatePassword: [{ accountId: string; password: string; oldPassword?: string }, Account]
  updatePhone: [{ accountId: string; phone: string; password: string }, Account]
  sendEmailVerification: [{ accountId: string; url: string }, void]
  /** `link` is the pasted verification link; userId and secret are read from it. */
  confirmEmailVerification: [{ accountId: string; link: string }, void]
  sendPhoneVerification: [{ accountId: string }, void]
  confirmPhoneVerification: [{ accountId: string; code: string }, void]
  sendRecovery: [{ projectId: string; email: string; url: string }, void]
  /** `link` is the pasted recovery link. */
  confirmRecovery: [{ projectId: string; link: string; password: string }, void]
  blockAccount: [{ accountId: string }, void]
  createJwt: [{ accountId: string; durationSeconds?: number }, { jwt: string }]
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
