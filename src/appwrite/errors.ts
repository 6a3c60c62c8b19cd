// One error type for everything the client can fail with, so callers switch on `type`.
// Appwrite's own errors keep Appwrite's `type` and `code` (docs/appwrite/wire.md section 4); failures that are
// not Appwrite answers get one of Lanyard's types below, with a message a person can act on.

/**
 * A serialisable error, shown to people as written. `type` is Appwrite's error type or one of
 * Lanyard's own. The extension's message contract carries it as is (src/shared/protocol.ts).
 */
export interface ErrorData {
  type: string
  code: number
  message: string
  /** Set on 429: how long until the rate limit resets. */
  retryAfterMs?: number
}

export type LanyardErrorType =
  | 'lanyard_network'
  | 'lanyard_timeout'
  | 'lanyard_malformed_response'
  | 'lanyard_not_appwrite'
  | 'lanyard_server_error'
  | 'lanyard_prefs_too_large'
  | 'lanyard_invalid_endpoint'
  | 'lanyard_invalid_link'
  | 'lanyard_internal'
  | 'lanyard_blocked'
  | 'lanyard_invalid_input'
  | 'lanyard_response_too_large'

/** Longest server-provided message we pass on: a hostile server must not flood the UI. */
const MAX_MESSAGE_CHARS = 500

export class AppwriteError extends Error {
  override readonly name = 'AppwriteError'
  readonly type: string
  /** The HTTP status, or 0 when no answer came (network, timeout, input rejected before sending). */
  readonly code: number
  readonly retryAfterMs: number | undefined
  /** The server version an Appwrite error body names, e.g. "1.9.6". */
  readonly version: string | undefined

  constructor(type: string, code: number, message: string, extra: { retryAfterMs?: number; version?: string } = {}) {
    super(message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message)
    this.type = type
    this.code = code
    this.retryAfterMs = extra.retryAfterMs
    this.version = extra.version
  }

  toData(): ErrorData {
    const data: ErrorData = { type: this.type, code: this.code, message: this.message }
    if (this.retryAfterMs !== undefined) data.retryAfterMs = this.retryAfterMs
    return data
  }
}

export function lanyardError(type: LanyardErrorType, message: string, code = 0): AppwriteError {
  return new AppwriteError(type, code, message)
}

/** Any thrown value as ErrorData, for callers that must reply with data, never throw. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof AppwriteError) return error.toData()
  const type: LanyardErrorType = 'lanyard_internal'
  return { type, code: 0, message: 'Something went wrong inside Lanyard.' }
}
