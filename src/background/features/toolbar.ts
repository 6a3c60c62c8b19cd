// The toolbar button tells the state (issue 16): title and badge follow the stored accounts, the
// active account, the lock and the unseen alerts, whoever changed them (toolbar.ts).
import type { WorkerContext } from '../context.ts'
import type { Feature } from '../spine.ts'
import { SHOWN_KEYS, syncToolbar } from '../toolbar.ts'

export function toolbarFeature(ctx: WorkerContext): Feature {
  return {
    prepare: () => syncToolbar(ctx),
    async storageChanged(keys) {
      if (keys.some((key) => SHOWN_KEYS.has(key))) await syncToolbar(ctx)
    },
  }
}
