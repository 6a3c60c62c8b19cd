// "Act as a user" (issue 15, docs/appwrite/wire-2x.md section 5): an operator account searches the
// project's users and acts as one, in Lanyard's pages (a read-only view of what the server answers
// as the target) or in a tab (tab-identity's per-tab rule, with the target named). Every start and
// stop goes into the operator's timeline; locking ends them all.
import type { ActingState } from '../../shared/protocol.ts'
import { items, readItem } from '../../shared/storage.ts'
import { loadAccounts } from '../accounts.ts'
import { withSession } from '../account-session.ts'
import { impersonationScope, profileAs, searchUsersAs } from '../act-as/operator.ts'
import { putActingState, takeActingStates } from '../act-as/states.ts'
import { recordActAs } from '../act-as/timeline.ts'
import type { WorkerContext } from '../context.ts'
import type { Feature, Handlers } from '../spine.ts'
import { loadTabRecords } from '../tab-identity/records.ts'
import { restoreTab } from '../tab-identity/restore-tab.ts'
import { stopAlarmWhenIdle } from '../tab-identity/lifecycle.ts'
import { useInTab } from '../tab-identity/use-in-tab.ts'

async function recordStops(ctx: WorkerContext, stopped: ActingState[]): Promise<void> {
  const accounts = await loadAccounts(ctx)
  for (const state of stopped) {
    const operator = accounts.find((a) => a.id === state.accountId)
    if (operator) await recordActAs(ctx, operator, 'actAsStopped', state.target, { where: 'page' })
  }
}

async function startActingAs(ctx: WorkerContext, accountId: string, userId: string): Promise<ActingState> {
  const state = await withSession(ctx, accountId, async (held) => {
    const { target, profile } = await profileAs(held, userId)
    return { accountId, target, profile, scope: impersonationScope(held.project.serverVersion), since: ctx.now() } satisfies ActingState
  })
  // Acting as someone else first ends acting as the previous one, on the record too.
  await recordStops(ctx, await takeActingStates(ctx, [accountId]))
  await putActingState(ctx, state)
  const operator = (await loadAccounts(ctx)).find((a) => a.id === accountId)
  if (operator) await recordActAs(ctx, operator, 'actAsStarted', state.target, { where: 'page' })
  return state
}

/**
 * Ends every act-as: the pages' states and the tabs' rules (Restore puts back the app's own
 * session). The answer to a lock, and to a start that finds the vault locked.
 */
export async function endEveryActAs(ctx: WorkerContext): Promise<void> {
  await recordStops(ctx, await takeActingStates(ctx, 'all'))
  const tabs = Object.values(await loadTabRecords(ctx)).filter((r) => r.actingAs !== undefined)
  for (const record of tabs) await restoreTab(ctx, record.tabId, { reload: true })
  if (tabs.length > 0) await stopAlarmWhenIdle(ctx)
}

export function actAsFeature(ctx: WorkerContext): Feature {
  const requests = {
    searchUsers: (input) => withSession(ctx, input.accountId, (held) => searchUsersAs(held, input.search, input.limit, input.offset)),
    startActingAs: (input) => startActingAs(ctx, input.accountId, input.userId),
    stopActingAs: async (input) => recordStops(ctx, await takeActingStates(ctx, [input.accountId])),
    useInTabAs: (input) => useInTab(ctx, { ...input, mode: 'tab' }, (held) => profileAs(held, input.userId).then((found) => found.target)),
  } satisfies Partial<Handlers>
  return {
    requests,
    // A worker stopped between a lock and its end of the act-as states finishes it here.
    async prepare() {
      if (await readItem(ctx.areas, items.vaultLocked)) await endEveryActAs(ctx)
    },
  }
}
