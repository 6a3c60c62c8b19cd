// Turns a worker error into words a person can act on. Lanyard's own types get a translated
// sentence; Appwrite's errors are shown as the server wrote them (rendered as text only).
import type { ErrorData } from '../shared/protocol.ts'
import { type MessageKey, t } from './i18n.ts'

/** Error types with their own advice; the rest show the server's message. */
const ADVICE: Record<string, MessageKey> = {
  project_not_found: 'errorUnknownProject',
  lanyard_network: 'errorUnreachable',
  lanyard_timeout: 'errorTimeout',
  lanyard_not_appwrite: 'errorNotAppwrite',
  lanyard_signed_out: 'errorSignedOut',
  lanyard_no_reply: 'errorWorkerUnavailable',
  lanyard_permission_required: 'errorPermissionRequired',
  lanyard_messaging_failed: 'errorWorkerUnavailable',
  user_invalid_credentials: 'errorInvalidCredentials',
  user_blocked: 'errorBlocked',
  user_more_factors_required: 'errorMoreFactors',
  lanyard_locked: 'errorLocked',
  lanyard_wrong_passphrase: 'errorWrongPassphrase',
  lanyard_unlock_throttled: 'errorUnlockThrottled',
  lanyard_weak_passphrase: 'errorWeakPassphrase',
  lanyard_no_passphrase: 'errorNoPassphrase',
  // Appwrite 2.x features (connected apps, passkeys, codes): friendly words, not the server's text.
  lanyard_not_supported: 'errorNotSupported',
  lanyard_recent_sign_in_required: 'recentSignInNeeded',
  user_invalid_token: 'errorInvalidCode',
  consent_not_found: 'errorConsentGone',
  user_passkey_not_found: 'errorPasskeyGone',
}

export function describeError(error: ErrorData): string {
  const advice = ADVICE[error.type]
  const text = advice ? t(advice) : error.message || error.type
  if (error.retryAfterMs !== undefined) return `${text} ${t('errorRetryAfter', String(Math.ceil(error.retryAfterMs / 1000)))}`
  return text
}

/** Appwrite answers a foreign origin or an unregistered redirect this way (docs/appwrite/wire.md section 5). */
export function needsOAuthPlatform(error: ErrorData): boolean {
  return error.type === 'general_unknown_origin' || (error.type === 'general_argument_invalid' && /redirect|uri/i.test(error.message))
}
