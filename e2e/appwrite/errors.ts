// Appwrite's error catalogue, the part the Account API can raise (app/config/errors.php and
// src/Appwrite/Extend/Exception.php at 1.9.6, docs/appwrite/wire.md sections 3 and 4). The body is always
// `{ message, code, type, version }`; `code` is the HTTP status as an int.

/** The version of configs that name none; each error body reports the server's configured version. */
export const APPWRITE_VERSION = '1.9.6'

const CATALOGUE = {
  general_unknown: [500, 'Server Error'],
  general_mock: [400, 'General errors thrown by the mock controller used for testing.'],
  general_unknown_origin: [403, 'The request originated from an unknown origin. If you trust this domain, please list it as a trusted platform in the Appwrite console.'],
  general_unauthorized_scope: [401, 'The current user or API key does not have the required scopes to access the requested resource.'],
  general_rate_limit_exceeded: [429, 'Rate limit for the current endpoint has been exceeded. Please try again after some time.'],
  general_smtp_disabled: [503, 'SMTP is disabled on your Appwrite instance. You can <a href="/docs/email-delivery">learn more about setting up SMTP</a> in our docs.'],
  general_phone_disabled: [503, 'Phone provider is not configured. Please check the _APP_SMS_PROVIDER environment variable of your Appwrite server.'],
  general_argument_invalid: [400, 'The request contains one or more invalid arguments. Please refer to the endpoint documentation.'],
  general_query_invalid: [400, "The query's syntax is invalid. Please check the query and try again."],
  general_cursor_not_found: [400, 'The cursor is invalid. This can happen if the item represented by the cursor has been deleted.'],
  general_route_not_found: [404, 'The requested route was not found. Please refer to the API docs and try again.'],
  general_bad_request: [400, 'There was an error processing your request. Please check the inputs and try again.'],
  project_not_found: [404, 'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.'],
  project_provider_disabled: [412, 'The chosen OAuth provider is disabled. You can enable the OAuth provider using the Appwrite console.'],
  project_provider_unsupported: [400, 'The chosen OAuth provider is unsupported. Please check the Create OAuth2 Session docs for the complete list of supported OAuth providers.'],
  user_count_exceeded: [400, 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'],
  user_jwt_invalid: [401, 'The JWT token is invalid. Please check the value of the X-Appwrite-JWT header to ensure the correct token is being used.'],
  user_jwt_and_cookie_set: [403, 'A JWT and a session were sent in the same request. Send only one of them.'],
  user_jwt_creation_denied: [403, 'A JWT cannot be created from a request authorized with a JWT. Authenticate with a session cookie or session header instead.'],
  user_already_exists: [409, 'A user with the same id, email, or phone already exists in this project.'],
  user_blocked: [403, 'The current user has been blocked.'],
  user_invalid_token: [401, 'Invalid token passed in the request.'],
  user_password_reset_required: [412, 'The current user requires a password reset.'],
  user_invalid_credentials: [401, 'Invalid credentials. Please check the email and password.'],
  user_anonymous_console_prohibited: [401, 'Anonymous users cannot be created for the console project.'],
  user_session_already_exists: [401, 'Creation of a session is prohibited when a session is active.'],
  user_not_found: [404, 'User with the requested ID could not be found.'],
  user_email_already_exists: [409, 'A user with the same email already exists in the current project.'],
  // Sic: these two have no `user_` prefix in 1.9.6 (Exception.php:82-83).
  password_recently_used: [400, 'The password you are trying to use is similar to your previous password. For your security, please choose a different password and try again.'],
  password_personal_data: [400, 'The password you are trying to use contains references to your name, email, phone or userID. For your security, please choose a different password and try again.'],
  user_session_not_found: [404, 'The current user session could not be found.'],
  user_identity_not_found: [404, 'The identity could not be found. Please sign in with OAuth provider to create identity first.'],
  user_unauthorized: [401, 'The current user is not authorized to perform the requested action.'],
  user_auth_method_unsupported: [501, 'The requested authentication method is either disabled or unsupported. Please check the supported authentication methods in the Appwrite console.'],
  user_phone_already_exists: [409, 'A user with the same phone number already exists in the current project.'],
  user_phone_not_found: [400, 'The current user does not have a phone number associated with their account.'],
  user_email_not_found: [400, 'The current user does not have an email address associated with their account.'],
  user_email_already_verified: [409, 'User email is already verified'],
  user_phone_already_verified: [409, 'User phone is already verified'],
  user_target_already_exists: [409, 'A target with the same ID already exists.'],
  user_more_factors_required: [401, 'More factors are required to complete the sign in process.'],
  user_challenge_required: [401, 'A recently succeeded challenge is required to complete this action. A challenge is considered recent for 5 minutes.'],
  user_authenticator_not_found: [404, 'Authenticator could not be found on the current user.'],
  user_authenticator_already_verified: [409, 'This authenticator is already verified on the current user.'],
  user_recovery_codes_already_exists: [409, 'The current user already generated recovery codes and they can only be read once for security reasons.'],
  user_recovery_codes_not_found: [404, 'Recovery codes could not be found on the current user.'],
  user_email_not_verified: [400, 'The current user does not have a verified email address.'],
  user_phone_not_verified: [400, 'The current user does not have a verified phone number.'],
  // 2.x (docs/appwrite/wire-2x.md sections 3.1 and 5); the consent type names are not in any source this repository read.
  user_passkey_not_found: [404, 'Passkey with the requested ID could not be found on the current user.'],
  consent_not_found: [404, 'Consent with the requested ID could not be found.'],
  consent_token_not_found: [404, 'Consent token with the requested ID could not be found.'],
} as const satisfies Record<string, readonly [number, string]>

export type ErrorType = keyof typeof CATALOGUE

/** Statuses Appwrite passes through; any other becomes 500 "Server Error" (docs/appwrite/wire.md section 4). */
const PUBLIC_STATUSES = new Set([400, 401, 402, 403, 404, 405, 408, 409, 412, 416, 422, 429, 451, 501, 503])

export class AppwriteError extends Error {
  readonly type: ErrorType
  readonly code: number

  constructor(type: ErrorType, message?: string) {
    const [code, defaultMessage] = CATALOGUE[type]
    super(message ?? defaultMessage)
    this.type = type
    this.code = code
  }
}

export interface ErrorBody {
  message: string
  code: number
  type: string
  version: string
}

export function errorBody(error: unknown, version: string = APPWRITE_VERSION): ErrorBody {
  if (error instanceof AppwriteError && PUBLIC_STATUSES.has(error.code)) {
    return { message: error.message, code: error.code, type: error.type, version }
  }
  return { message: 'Server Error', code: 500, type: 'general_unknown', version }
}
