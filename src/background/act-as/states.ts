// The pages' act-as states (issue 15), one per operator account, in ONE storage.local item: every
// change is a serialized read-modify-write of complete records.
import type { ActingState } from '../../shared/protocol.ts'
import { items, readItem, write, writeItems } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'

export function putActingState(ctx: WorkerContext, state: ActingState): Promise<void> {
  return ctx.serialize(async () => {
    const all = await readItem(ctx.areas, items.actingStates)
    await writeItems(ctx.areas, [write(items.actingStates, { ...all, [state.accountId]: state })])
  })
}

/** Takes the states of these operators (or all) out in one write, and returns what was there. */
export function takeActingStates(ctx: WorkerContext, accountIds: readonly string[] | 'all'): Promise<ActingState[]> {
  return ctx.serialize(async () => {
    const all = await readItem(ctx.areas, items.actingStates)
    const taken = Object.values(all).filter((s) => accountIds === 'all' || accountIds.includes(s.accountId))
    if (taken.length === 0) return []
    const kept = Object.fromEntries(Object.entries(all).filter(([, s]) => !taken.includes(s)))
    await writeItems(ctx.areas, [write(items.actingStates, kept)])
    return taken
  })
}
