// An account's snapshot is stored as two items: the snapshot, and its first page of server logs
// apart. On 1.9.6 that page is up to 25 logs, most of a snapshot's bytes, and only a refresh
// changes it; revoking sessions or editing the profile then writes a few kB, not ~14 kB per
// account (docs/architecture.md "Snapshots and their logs"). Pages and the worker see one Snapshot.
import type { LogsPage, Snapshot } from './protocol.ts'
import { items, write, type Write } from './storage.ts'

/** The snapshot as pages and features use it. Layout 2 kept the page inside the snapshot: read there when the logs item is absent. */
export function joinSnapshot(snapshot: Snapshot | null, logs: LogsPage | null): Snapshot | null {
  if (snapshot === null || logs === null) return snapshot
  return { ...snapshot, logsFirstPage: logs }
}

/**
 * The writes that store `next` where `storedLogs` is the logs item as read: the snapshot without its
 * page, and the page only when it changed. `null` (the vault locked) clears both.
 */
export function snapshotWrites(accountId: string, next: Snapshot | null, storedLogs: LogsPage | null): Write[] {
  if (next === null) return [write(items.snapshot(accountId), null), write(items.snapshotLogs(accountId), null)]
  const writes = [write(items.snapshot(accountId), { ...next, logsFirstPage: null })]
  return next.logsFirstPage === storedLogs ? writes : [...writes, write(items.snapshotLogs(accountId), next.logsFirstPage)]
}
