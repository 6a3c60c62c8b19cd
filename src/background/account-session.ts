// Runs one server call with an account's held session, and turns what the server says about the
// session into the account's status: a 401 ending the session marks it signed out (the entry and
// its snapshot stay, flagged), 403 `user_blocked` marks it blocked (docs/appwrite/wire.md sections 3.3, 10).
import { AppwriteError, type AccountClient } from '../appwrite/index.ts'
import type { AccountStatus, AccountSummary, Project } from '../shared/protocol.ts'
import { featuresOf } from '../shared/server-features.ts'
import { accountLabel, markSignedOut, requireAccount, setStatus } from './accounts.ts'
import type { WorkerContext } from './context.ts'
import { replyError, sessionEndedError, signedOutError } from './errors.ts'
import { requireProject } from './projects.ts'
import { flagSnapshot } from './snapshots.ts'
import type { AccountSecret } from './vault.ts'

export interface HeldSession {
  account: AccountSummary
  project: Project
  client: AccountClient
  /** The encoded session. Secret: passed to the client only. */
  session: string
}

/** A guest answer on a held session means the session expired or was deleted (docs/appwrite/wire.md section 1.1 step 5). */
const SESSION_ENDED = 'general_unauthorized_scope'
/**
 * Also what a live session gets for something it may not do (deleting another user's identity, say),
 * so it ends the session only when the account itself can no longer be read.
 */
const MAYBE_ENDED = 'user_unauthorized'

async function statusAfter(held: HeldSession, error: unknown): Promise<AccountStatus | undefined> {
  if (!(error instanceof AppwriteError)) return undefined
  if (error.code === 401 && error.type === SESSION_ENDED) return 'signedOut'
  if (error.code === 401 && error.type === MAYBE_ENDED) {
    const check = await held.client.getAccount(held.session).then(
      () => undefined,
      (again: unknown) => again,
    )
    return check instanceof AppwriteError && check.code === 401 && [SESSION_ENDED, MAYBE_ENDED].includes(check.type) ? 'signedOut' : undefined
  }
  if (error.code === 403 && error.type === 'user_blocked') return 'blocked'
  if (error.code === 401 && error.type === 'user_more_factors_required') return 'needsSecondFactor'
  return undefined
}

/** The account, its project and its secret as the caller just read them: a fan-out reads them once for every account. */
export interface Loaded {
  account: AccountSummary
  project: Project
  /** `null`: the account holds no secret; absent: read it here. */
  secret?: AccountSecret | null
}

export async function openSession(ctx: WorkerContext, accountId: string, loaded?: Loaded): Promise<HeldSession> {
  const account = loaded?.account ?? (await requireAccount(ctx, accountId))
  const project = loaded?.project ?? (await requireProject(ctx, account.projectId))
  const secret = account.status === 'signedOut' ? null : loaded?.secret !== undefined ? loaded.secret : await ctx.vault.readSecret(accountId)
  if (secret === null) {
    if (account.status === 'signedOut' && account.endedOnServer) throw sessionEndedError(accountLabel(account), featuresOf(project.serverVersion).sessionLimit)
    throw signedOutError(accountLabel(account))
  }
  return { account, project, client: ctx.client(project), session: secret.session }
}

/** Records what an error says about the session; returns the error to throw. */
export async function noteSessionError(ctx: WorkerContext, held: HeldSession, error: unknown): Promise<unknown> {
  const status = await statusAfter(held, error)
  if (status === 'signedOut') {
    // Lanyard's own sign-outs never come here: the server ended it (docs/appwrite/wire-2x.md section 6.1).
    const ended = sessionEndedError(accountLabel(held.account), featuresOf(held.project.serverVersion).sessionLimit)
    await markSignedOut(ctx, held.account.id, { endedOnServer: true })
    await flagSnapshot(ctx, held.account.id, ended.data)
    return ended
  }
  if (status !== undefined) {
    await setStatus(ctx, held.account.id, status)
    await flagSnapshot(ctx, held.account.id, replyError(error))
  }
  return error
}

/**
 * Opens the account's session, runs `task`, and keeps the account's status true to the server's answer.
 * `mfaGroup` marks tasks that use only routes a session without its second factor may call
 * (docs/appwrite/mfa.md section 1.3): their success says nothing about that factor, so it leaves the status alone.
 */
export async function withSession<T>(
  ctx: WorkerContext,
  accountId: string,
  task: (held: HeldSession) => Promise<T>,
  options: { mfaGroup?: boolean; loaded?: Loaded } = {},
): Promise<T> {
  const held = await openSession(ctx, accountId, options.loaded)
  let result: T
  try {
    result = await task(held)
  } catch (error) {
    throw await noteSessionError(ctx, held, error)
  }
  // A call that worked proves the session (an admin may have unblocked the user, docs/appwrite/wire.md section 10).
  if (held.account.status !== 'signedIn' && options.mfaGroup !== true) await setStatus(ctx, accountId, 'signedIn')
  return result
}
