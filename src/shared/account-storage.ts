// How much of storage.local one account's cached snapshot takes, and the most Lanyard keeps
// (issue 17 item 4). storage.local holds 10 MB for all projects together: with every account
// bounded, no project's answers can make another project's writes fail. The worker refuses a
// larger snapshot; the options overview shows each account's use.
import type { Snapshot } from './protocol.ts'

/** Above anything a real Appwrite account fills: prefs (65,535 bytes, twice), 100 sessions, 25 logs. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024

/** What storage.local counts for the value: its JSON, in UTF-8 bytes. */
export function snapshotBytes(snapshot: Snapshot): number {
  return new TextEncoder().encode(JSON.stringify(snapshot)).length
}
