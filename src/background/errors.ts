// Lanyard's own errors raised in the worker, and the one mapping of anything thrown to the
// `ErrorData` a page receives (never a secret: client errors are redacted at the client boundary).
import { AppwriteError, toErrorData } from '../appwrite/index.ts'
import type { ErrorData } from '../shared/protocol.ts'

export type WorkerErrorType =
  | 'lanyard_unknown_project'
  | 'lanyard_unknown_account'
  | 'lanyard_signed_out'
  | 'lanyard_permission_required'
  | 'lanyard_auth_flow_failed'
  | 'lanyard_tab_unavailable'
  | 'lanyard_tab_moved'
  | 'lanyard_tab_in_use'
  | 'lanyard_not_supported'
  | 'lanyard_recent_sign_in_required'
  | 'lanyard_invalid_input'
  | 'lanyard_not_impersonator'
  | 'lanyard_impersonation_ignored'

/** An error the worker replies with as is: Lanyard's own, or data the client already made readable. */
export class WorkerError extends Error {
  readonly data: ErrorData
  constructor(data: ErrorData) {
    super(data.message)
    this.name = 'WorkerError'
    this.data = data
  }

  static of(type: WorkerErrorType, code: number, message: string): WorkerError {
    return new WorkerError({ type, code, message })
  }
}

export function replyError(error: unknown): ErrorData {
  if (error instanceof WorkerError) return { ...error.data }
  if (!(error instanceof AppwriteError)) {
    // Not an answer from a server: a bug or a browser API failure. Name it for whoever reads the
    // worker's console; browser API errors carry no session material.
    console.error('Lanyard worker error:', error instanceof Error ? `${error.name}: ${error.message}` : typeof error)
  }
  return toErrorData(error)
}

export function signedOutError(label: string): WorkerError {
  return WorkerError.of('lanyard_signed_out', 401, `${label} is signed out (the session ended or was revoked). Sign in again.`)
}

/**
 * The held session stopped working and Lanyard did not end it. Still `lanyard_signed_out`, which
 * pages act on ("Sign in again"); the summary's `endedOnServer` tells the two apart. `sessionLimit` is the project's
 * default limit for its server line (src/shared/server-features.ts); 0 when it sets none by default.
 */
export function sessionEndedError(label: string, sessionLimit: number): WorkerError {
  const limit =
    sessionLimit > 0
      ? `pushed out by the project's session limit (${sessionLimit} per user by default: each new sign-in ends the oldest session)`
      : "pushed out by the project's session limit, if it sets one"
  return WorkerError.of(
    'lanyard_signed_out',
    401,
    `${label}: the session ended on the server. It was revoked elsewhere (another device, the console, an administrator), or ${limit}. Lanyard does not sign in again by itself: sign in again when you want to.`,
  )
}
