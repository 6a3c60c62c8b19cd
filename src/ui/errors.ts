// Turns a worker error into words a person can act on: the one place that maps error types to
// advice (issue 16). Lanyard's own types and the Appwrite types people meet get a translated
// sentence. The server's own text never reaches the page: a rarer Appwrite type gets a sentence
// built from what it names (the field of a parameter error, else the type), since a hostile or
// merely chatty server must not write the UI.
import type { ErrorData } from '../shared/protocol.ts'
import { type MessageKey, t } from './i18n.ts'

/** Error types with their own advice; Lanyard's other types carry its own words, Appwrite's get `serverRefusal`. */
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
  user_invalid_token: 'errorWrongCode',
  user_session_not_found: 'errorSessionGone',
  user_not_found: 'errorUserNotFound',
  user_unauthorized: 'errorUnauthorized',
  general_unauthorized_scope: 'errorUnauthorized',
  user_already_exists: 'errorUserExists',
  user_phone_already_exists: 'errorUserExists',
  user_target_already_exists: 'errorUserExists',
  password_recently_used: 'errorPasswordRecentlyUsed',
  password_personal_data: 'errorPasswordPersonal',
  user_password_personal_data: 'errorPasswordPersonal',
  general_rate_limit_exceeded: 'errorRateLimited',
  user_auth_method_unsupported: 'errorMethodOff',
  project_provider_disabled: 'errorMethodOff',
  user_anonymous_console_prohibited: 'errorMethodOff',
  general_smtp_disabled: 'errorNoEmail',
  general_phone_disabled: 'errorNoSms',
  user_challenge_required: 'errorMoreFactors',
  user_email_not_verified: 'errorEmailNotVerified',
  user_oauth2_provider_error: 'errorOAuthProvider',
  user_email_already_verified: 'errorAlreadyVerified',
  user_phone_already_verified: 'errorAlreadyVerified',
  user_authenticator_already_verified: 'errorAlreadyVerified',
  general_route_not_found: 'errorNotOnThisServer',
  general_api_disabled: 'errorNotOnThisServer',
  // Appwrite 2.x features (connected apps, passkeys, codes): friendly words, not the server's text.
  lanyard_not_supported: 'errorNotSupported',
  lanyard_recent_sign_in_required: 'recentSignInNeeded',
  consent_not_found: 'errorConsentGone',
  user_passkey_not_found: 'errorPasskeyGone',
}

/** Advice for where the error happened, over the general one: e.g. an authenticator code is not sent, so no "send a new one". */
export type AdviceHere = Partial<Record<string, MessageKey>>

export function describeError(error: ErrorData, here: AdviceHere = {}): string {
  const advice = here[error.type] ?? ADVICE[error.type]
  const text = advice ? t(advice) : error.type.startsWith('lanyard_') ? error.message : serverRefusal(error)
  if (error.retryAfterMs !== undefined) return `${text} ${t('errorRetryAfter', String(Math.ceil(error.retryAfterMs / 1000)))}`
  return text
}

/** Appwrite's parameter errors name the field: ``Invalid `email` param: …`` or `Param "email" is not optional.` (docs/appwrite/wire.md section 3). */
const PARAM_ERROR = /^(?:Invalid `([A-Za-z][A-Za-z0-9]{0,39})` param|Param "([A-Za-z][A-Za-z0-9]{0,39})" is not optional)/

function serverRefusal(error: ErrorData): string {
  const match = PARAM_ERROR.exec(error.message)
  const param = match?.[1] ?? match?.[2]
  if (param) return t('errorFieldRefused', param.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
  return t('errorServerRefused', /^[a-z0-9_]{1,60}$/.test(error.type) ? error.type : String(error.code))
}
