// Signing out, forgetting and switching accounts.
import type { Feature, Handlers } from '../spine.ts'
import { items, readItems } from '../../shared/storage.ts'
import { AppwriteError } from '../../appwrite/index.ts'
import { loadAccounts, markSignedOut, nextAccountId, removeAccount, requireAccount, setActiveAccount } from '../accounts.ts'
import { openSession } from '../account-session.ts'
import { sessionAlreadyEnded, signOutOrKeepPending } from '../pending-sign-outs.ts'
import { requireProject } from '../projects.ts'
import type { WorkerContext } from '../context.ts'
import { refreshAccount } from '../refresh.ts'
import { flashActiveAccount } from '../toolbar.ts'

/** The keyboard shortcut that switches to the next account (manifest.json `commands`). */
export const SWITCH_COMMAND = 'switch-next-account'

/** Makes the next signed-in account active and refreshes it; used by the message and the keyboard command. */
export async function switchToNextAccount(ctx: WorkerContext): Promise<{ accountId: string | null }> {
  const state = await readItems(ctx.areas, { accounts: items.accounts, active: items.activeAccountId })
  const accountId = nextAccountId(state.accounts, state.active)
  if (accountId !== state.active) await setActiveAccount(ctx, accountId)
  return { accountId }
}

/**
 * Ends the held session on the server, then drops it locally; the account entry stays. A session
 * the server no longer accepts counts as ended; a server that cannot be reached keeps the session,
 * so the person can retry instead of leaving it valid and unreachable.
 */
export async function signOut(ctx: WorkerContext, accountId: string): Promise<void> {
  const account = await requireAccount(ctx, accountId)
  if (account.status === 'signedOut') return
  const held = await openSession(ctx, accountId)
  try {
    await held.client.signOut(held.session)
  } catch (error) {
    // A guest answer or a session already gone leaves nothing to end (pending-sign-outs.ts), and a
    // blocked user can never end it (docs/appwrite/wire.md section 10), so it is dropped here; the entry
    // stays. Anything else may have refused the request before it reached the session (an unknown
    // origin, a disabled service, a server error): the session is kept for another try.
    const blocked = error instanceof AppwriteError && error.code === 403 && error.type === 'user_blocked'
    if (!sessionAlreadyEnded(error) && !blocked) throw error
  }
  await markSignedOut(ctx, accountId)
}

export function accountsFeature(ctx: WorkerContext): Feature {
  const requests = {
    signOut: (input) => signOut(ctx, input.accountId),
    async removeAccount(input) {
      const account = (await loadAccounts(ctx)).find((a) => a.id === input.accountId)
      if (account) await signOutOrKeepPending(ctx, account, await requireProject(ctx, account.projectId))
      await removeAccount(ctx, input.accountId)
    },
    switchAccount: (input) => setActiveAccount(ctx, input.accountId),
  } satisfies Partial<Handlers>
  return { requests, commands: { [SWITCH_COMMAND]: () => onSwitchCommand(ctx) } }
}

/** The keyboard command: switch, show it on the badge, then refresh the new active account so the popup opens current. */
export async function onSwitchCommand(ctx: WorkerContext): Promise<void> {
  const { accountId } = await switchToNextAccount(ctx)
  if (accountId === null) return
  await flashActiveAccount(ctx)
  await refreshAccount(ctx, accountId)
}
