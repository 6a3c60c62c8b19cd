// Non-secret snapshots of each account, `snapshot:<accountId>` with its logs page in
// `snapshotLogs:<accountId>` (src/shared/snapshot-record.ts), in storage.local: pages paint from
// them at once and watch them for the refresh (docs/architecture.md "Flows").
import { MAX_SNAPSHOT_BYTES, snapshotBytes } from '../shared/account-storage.ts'
import type { ErrorData, Snapshot } from '../shared/protocol.ts'
import { joinSnapshot, snapshotWrites } from '../shared/snapshot-record.ts'
import { items, readItems, writeItems } from '../shared/storage.ts'
import type { WorkerContext } from './context.ts'
import { lockedError } from './vault-lock.ts'

export const SNAPSHOT_LOGS_LIMIT = 25

export function emptySnapshot(accountId: string): Snapshot {
  return { accountId, account: null, sessions: null, logsFirstPage: null, prefs: null, fetchedAt: 0 }
}

/** The snapshot and its logs page as stored, and whether the vault is locked: one read. */
function readSnapshotRecord(ctx: WorkerContext, accountId: string) {
  return readItems(ctx.areas, { locked: items.vaultLocked, snapshot: items.snapshot(accountId), logs: items.snapshotLogs(accountId) })
}

/**
 * Read-modify-write of one snapshot, serialized with every other record update. A locked vault
 * hides the snapshots (vault-lock.ts), so a request that was under way when it locked writes none.
 */
export function patchSnapshot(ctx: WorkerContext, accountId: string, change: (snapshot: Snapshot) => Snapshot): Promise<Snapshot> {
  return ctx.serialize(async () => {
    const stored = await readSnapshotRecord(ctx, accountId)
    if (stored.locked) throw lockedError()
    const previous = joinSnapshot(stored.snapshot, stored.logs) ?? emptySnapshot(accountId)
    const changed = change(previous)
    // One account never takes more than its share: the previous snapshot stays, flagged.
    const next = snapshotBytes(changed) > MAX_SNAPSHOT_BYTES ? { ...previous, error: snapshotTooLarge() } : changed
    await writeItems(ctx.areas, snapshotWrites(accountId, next, stored.logs))
    return next
  })
}

function snapshotTooLarge(): ErrorData {
  const limit = `${MAX_SNAPSHOT_BYTES / 1024} kB`
  return { type: 'lanyard_response_too_large', code: 0, message: `This account's data is larger than the ${limit} Lanyard keeps per account, so the last smaller copy is shown.` }
}

/** Keeps what the snapshot knew and marks why it could not be refreshed. */
export function flagSnapshot(ctx: WorkerContext, accountId: string, error: ErrorData): Promise<Snapshot> {
  return patchSnapshot(ctx, accountId, (snapshot) => ({ ...snapshot, error }))
}
