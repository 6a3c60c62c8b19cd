// Signing out, forgetting and switching accounts.
import type { Feature, Handlers } from '../spine.ts'
import { items, readItems } from '../../shared/storage.ts'
import { AppwriteError } from '../../appwrite/index.ts'
import { markSignedOut, nextAccountId, removeAccount, requireAccount, setActiveAccount } from '../accounts.ts'
import { openSession } from '../account-session.ts'
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
    // A guest answer (401) or a session already gone (404) leaves nothing to end, and a blocked user
    // can never end it (docs/appwrite/wire.md section 10), so it is dropped here. Any other 403 refuses
    // the request before it reaches the session (an unknown origin, a disabled service): the session
    // may still be valid, so it is kept for another try.
    const ended =
      error instanceof AppwriteError && (error.code === 401 || error.code === 404 || (error.code === 403 && error.type === 'user_blocked'))
    if (!ended) throw error
  }
  await markSignedOut(ctx, accountId)
}

export function accountsFeature(ctx: WorkerContext): Feature {
  const requests = {
    signOut: (input) => signOut(ctx, input.accountId),
    async removeAccount(input) {
      // Best effort: a session nobody holds any more should not stay valid on the server.
      await signOut(ctx, input.accountId).catch(() => undefined)
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
