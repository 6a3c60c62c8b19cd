// Who may act as whom (docs/appwrite/wire-2x.md sections 5.1 to 5.4): only an account whose GET /account
// says `impersonator: true`, and only as a user the server then really answers for. The server
// silently ignores a target it does not know, or a caller without the flag, and answers as the
// caller: Lanyard checks both, so it never shows the operator's own data as someone else's.
import { AppwriteError, type Account } from '../../appwrite/index.ts'
import type { ActingState, ActingTarget } from '../../shared/protocol.ts'
import { parseServerVersion } from '../../shared/server-features.ts'
import { accountLabel } from '../accounts.ts'
import type { HeldSession } from '../account-session.ts'
import { WorkerError } from '../errors.ts'

/** The guest answer of GET /users for a caller without `users.read` (section 5.4). */
const NO_USERS_READ = 'general_unauthorized_scope'

function notImpersonator(held: HeldSession): WorkerError {
  return WorkerError.of(
    'lanyard_not_impersonator',
    403,
    `${accountLabel(held.account)} may not act as other users. A project admin can allow it (Auth > Users > Impersonation in the Appwrite Console).`,
  )
}

export async function requireOperator(held: HeldSession): Promise<void> {
  const me = await held.client.getAccount(held.session)
  if (me.impersonator !== true) throw notImpersonator(held)
}

/**
 * A 401 here is the operator missing `users.read`, not its session ending: the account is checked
 * again, so a session that did end is still noticed as such (account-session.ts).
 */
export async function searchUsersAs(held: HeldSession, search: string, limit: number, offset: number) {
  try {
    return await held.client.searchUsers(held.session, search, limit, offset)
  } catch (error) {
    if (!(error instanceof AppwriteError && error.code === 401 && error.type === NO_USERS_READ)) throw error
    await requireOperator(held)
    throw notImpersonator(held)
  }
}

/**
 * The target's answers are about the target (blocked, a second factor it enforces): they must not
 * change the operator's status, so they come back as Lanyard's own error.
 */
function refusedFor(userId: string, error: unknown): unknown {
  if (!(error instanceof AppwriteError)) return error
  if (error.type === 'user_blocked') return WorkerError.of('lanyard_impersonation_ignored', 403, `User ${userId} is blocked: the server lets nobody act as a blocked user.`)
  if (error.type === 'user_more_factors_required') {
    return WorkerError.of('lanyard_impersonation_ignored', 401, `User ${userId} requires a second factor: pass this account's own second factor first, then try again.`)
  }
  return WorkerError.of('lanyard_impersonation_ignored', error.code, `The server did not answer as user ${userId} (${error.type}). Try again, or pick another user.`)
}

/** The target's GET /account, checked to be the target's (section 5.2). */
export async function profileAs(held: HeldSession, userId: string): Promise<{ target: ActingTarget; profile: Account }> {
  await requireOperator(held)
  const profile = await held.client.getAccountAs(held.session, userId).catch((error: unknown) => {
    throw refusedFor(userId, error)
  })
  if (profile.$id !== userId) {
    throw WorkerError.of('lanyard_impersonation_ignored', 404, `The server did not act as user ${userId}: it may no longer exist in this project. Search again.`)
  }
  return { target: { userId: profile.$id, email: profile.email, phone: profile.phone, name: profile.name }, profile }
}

/** Section 5.3: 2.x runs only GET and DELETE /account as the target, 1.9.x every Account route. */
export function impersonationScope(serverVersion: string | undefined): ActingState['scope'] {
  return (parseServerVersion(serverVersion)?.major ?? 1) >= 2 ? 'account' : 'allAccountRoutes'
}
