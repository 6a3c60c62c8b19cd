// Brings stored items to this build's layout (src/shared/storage.ts `LAYOUT_VERSION`, the last
// step's `to`) before any feature reads them: the spine waits for `migrateStorage` on every worker
// start, which covers install, update and browser start alike, and costs one read when nothing is
// pending.
//
// A step is a pure function of the whole storage.local area: what to set and what to remove. The
// runner writes the step's records and the new layout version in ONE storage call, so a worker
// stopped at any moment leaves the old layout or the new one; keys the step replaces are recorded
// as leftovers in that same call and removed after, again on the next start if a stop came first.
import { INITIAL_GENERATION, items, SECRET_PREFIX, type StorageAreas, type StorageLayout } from '../shared/storage.ts'

export interface MigrationStep {
  /** The layout version this step produces. */
  to: number
  /** The registry items whose key or shape it changes; their `version` is `to`. */
  changes: (typeof items)[keyof typeof items][]
  migrate(local: Readonly<Record<string, unknown>>): { set: Record<string, unknown>; remove: string[] }
}

/**
 * Layout 2: every secret record is named by its generation. 0.1.0 kept device-sealed records as
 * `vault:<accountId>` under the generation '' (and a passphrase vault already used
 * `vault:<generation>:<accountId>`). A record is bound to its account id only (vault.ts), so it
 * moves as is; the pointer names the first generation in the same write.
 */
const namedGenerations: MigrationStep = {
  to: 2,
  changes: [items.vaultState, items.secret],
  migrate(local) {
    const state = local[items.vaultState.key] as { generation?: unknown; protection?: unknown } | undefined
    if (state !== undefined && state.generation !== '') return { set: {}, remove: [] }
    const set: Record<string, unknown> = {
      [items.vaultState.key]: { ...items.vaultState.fallback, ...(state ?? {}), generation: INITIAL_GENERATION },
    }
    const remove: string[] = []
    for (const [key, sealed] of Object.entries(local)) {
      const accountId = key.startsWith(SECRET_PREFIX) ? key.slice(SECRET_PREFIX.length) : ''
      if (accountId === '' || accountId.includes(':')) continue
      set[items.secret(INITIAL_GENERATION, accountId).key] = sealed
      remove.push(key)
    }
    return { set, remove }
  },
}

export const migrationSteps: readonly MigrationStep[] = [namedGenerations]

/** Runs every pending step in order. A layout newer than this build's is left alone (a downgrade). */
export async function migrateStorage(areas: StorageAreas): Promise<void> {
  const layoutKey = items.storageLayout.key
  const found = (await areas.local.get(layoutKey))[layoutKey] as StorageLayout | undefined
  let layout: StorageLayout = found ?? { version: 1, leftovers: [] }
  if (layout.leftovers.length > 0) {
    await areas.local.remove(layout.leftovers)
    layout = { version: layout.version, leftovers: [] }
    await areas.local.set({ [layoutKey]: layout })
  }
  for (const step of migrationSteps) {
    if (step.to <= layout.version) continue
    const { set, remove } = step.migrate(await areas.local.get(null))
    layout = { version: step.to, leftovers: remove }
    await areas.local.set({ ...set, [layoutKey]: layout })
    if (remove.length > 0) {
      await areas.local.remove(remove)
      layout = { version: step.to, leftovers: [] }
      await areas.local.set({ [layoutKey]: layout })
    }
  }
}
