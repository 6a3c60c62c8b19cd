// How Lanyard's activity timeline (activity.ts) sits in storage. Rewriting one growing array on
// every append cost a fan-out over 20 accounts a 300 kB storage write once their timelines held a
// few hundred events (docs/architecture.md "The activity timeline in pages"). So the newest events live in a small head item and
// older ones in sealed pages that are written once: an append writes the head, and now and then
// one page and the count of pages sealed. The pages form a ring of slots, so the oldest page is
// overwritten once the timeline holds about ACTIVITY_PAGE_SIZE * (ACTIVITY_PAGE_SLOTS + 1) events.
import type { ActivityEvent } from './activity.ts'
import { items, readItems, write, type StorageAreas, type StorageItem, type Write } from './storage.ts'

/** Events per sealed page, and the most the head keeps after an append. */
export const ACTIVITY_PAGE_SIZE = 25
/** Sealed pages kept: with the head, the newest 1,000 to 1,025 events. */
export const ACTIVITY_PAGE_SLOTS = 40

/** What an append reads: the head and how many pages were sealed. */
export interface TimelineTip {
  head: ActivityEvent[]
  sealed: number
}

export function tipItems(accountId: string): { head: StorageItem<ActivityEvent[]>; sealed: StorageItem<number> } {
  return { head: items.activity(accountId), sealed: items.activitySealed(accountId) }
}

/**
 * The writes that append `events` (in time order): the new head and, when it overflows, the pages
 * sealed from its oldest events and the new count. Empty when there is nothing to append. A head
 * written by an older layout (the whole timeline, up to 1,000 events) is paged here in one go.
 */
export function appendWrites(accountId: string, tip: TimelineTip, events: readonly ActivityEvent[]): Write[] {
  if (events.length === 0) return []
  let head = [...tip.head, ...events].sort((a, b) => a.at - b.at)
  let sealed = tip.sealed
  // By slot: when a long head wraps the ring, the newer page of a slot wins.
  const pages = new Map<number, ActivityEvent[]>()
  while (head.length > ACTIVITY_PAGE_SIZE) {
    pages.set(sealed % ACTIVITY_PAGE_SLOTS, head.slice(0, ACTIVITY_PAGE_SIZE))
    head = head.slice(ACTIVITY_PAGE_SIZE)
    sealed += 1
  }
  const writes = [write(items.activity(accountId), head)]
  if (sealed === tip.sealed) return writes
  return [...writes, write(items.activitySealed(accountId), sealed), ...[...pages].map(([slot, page]) => write(items.activityPage(accountId, slot), page))]
}

/** Every item an account's timeline may occupy: read together for the whole timeline, removed with the account. */
export function timelineItems(accountId: string): StorageItem<unknown>[] {
  return [items.activity(accountId), items.activitySealed(accountId), ...Array.from({ length: ACTIVITY_PAGE_SLOTS }, (_, slot) => items.activityPage(accountId, slot))]
}

/** Whether a storage change touched the account's timeline. */
export function touchesTimeline(accountId: string, changedKeys: readonly string[]): boolean {
  const keys = new Set(timelineItems(accountId).map((it) => it.key))
  return changedKeys.some((key) => keys.has(key))
}

/**
 * The whole timeline, oldest first, from one read of `timelineItems`. `valueOf` gives an item's
 * value as read: the worker refuses a damaged one, a page shows the fallback.
 */
export function assembleTimeline(accountId: string, valueOf: <T>(it: StorageItem<T>) => T): ActivityEvent[] {
  const sealed = valueOf(items.activitySealed(accountId))
  const first = Math.max(0, sealed - ACTIVITY_PAGE_SLOTS)
  const pages = Array.from({ length: sealed - first }, (_, i) => valueOf(items.activityPage(accountId, (first + i) % ACTIVITY_PAGE_SLOTS)))
  return [...pages.flat(), ...valueOf(items.activity(accountId))]
}

/** The whole timeline as the worker reads it, in one storage call; a damaged part fails the read (storage.ts). */
export async function readTimeline(areas: StorageAreas, accountId: string): Promise<ActivityEvent[]> {
  const found: Record<string, unknown> = await readItems(areas, Object.fromEntries(timelineItems(accountId).map((it) => [it.key, it])))
  return assembleTimeline(accountId, <T>(it: StorageItem<T>) => found[it.key] as T)
}
