import { describe, expect, it } from 'vitest'
import type { ActivityEvent } from './activity.ts'
import { itemForKey, items, storedOrFallback, type StorageItem, type Write } from './storage.ts'
import { ACTIVITY_PAGE_SIZE, ACTIVITY_PAGE_SLOTS, appendWrites, assembleTimeline, timelineItems, touchesTimeline, type TimelineTip } from './timeline.ts'

const event = (at: number): ActivityEvent => ({ at, kind: 'sessionFirstSeen', sessionId: `s${at}` })
const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => event(from + i))

/** Storage as a plain record, updated by each append's writes, as one `set` call would. */
function timelineStore(accountId = 'a1') {
  const stored: Record<string, unknown> = {}
  const apply = (writes: Write[]) => {
    for (const w of writes) stored[w.item.key] = w.value
  }
  const valueOf = <T>(it: StorageItem<T>) => storedOrFallback(it, stored[it.key])
  return {
    stored,
    tip: (): TimelineTip => ({ head: valueOf(items.activity(accountId)), sealed: valueOf(items.activitySealed(accountId)) }),
    append(fresh: ActivityEvent[]) {
      const writes = appendWrites(accountId, this.tip(), fresh)
      apply(writes)
      return writes
    },
    timeline: () => assembleTimeline(accountId, valueOf),
  }
}

describe('the activity timeline in pages', () => {
  it('writes only the head while it has room', () => {
    const store = timelineStore()
    const writes = store.append(events(1, 3))
    expect(writes.map((w) => w.item.key)).toEqual(['activity:a1'])
    expect(store.timeline().map((e) => e.at)).toEqual([1, 2, 3])
  })

  it('seals the oldest events into a page when the head overflows, and writes that page and the count once', () => {
    const store = timelineStore()
    store.append(events(1, ACTIVITY_PAGE_SIZE))
    const writes = store.append(events(100, 2))
    expect(writes.map((w) => w.item.key)).toEqual(['activity:a1', 'activitySealed:a1', 'activityPage:a1:0'])
    expect(store.stored['activity:a1']).toHaveLength(2)
    expect(store.stored['activityPage:a1:0']).toHaveLength(ACTIVITY_PAGE_SIZE)
    expect(store.timeline()).toEqual([...events(1, ACTIVITY_PAGE_SIZE), ...events(100, 2)])
  })

  it('keeps a write small however long the timeline is', () => {
    const store = timelineStore()
    for (let i = 0; i < 60; i++) store.append(events(i * 10, 3))
    const writes = store.append(events(10_000, 3))
    const bytes = JSON.stringify(writes.map((w) => w.value)).length
    expect(store.timeline()).toHaveLength(183)
    expect(bytes).toBeLessThan(2 * ACTIVITY_PAGE_SIZE * JSON.stringify(event(10_000)).length)
  })

  it('appends in time order when a late observation arrives', () => {
    const store = timelineStore()
    store.append([event(10), event(30)])
    store.append([event(20)])
    expect(store.timeline().map((e) => e.at)).toEqual([10, 20, 30])
  })

  it('overwrites the oldest page once the ring is full, keeping the newest 1,000 to 1,025 events', () => {
    const store = timelineStore()
    const total = ACTIVITY_PAGE_SIZE * (ACTIVITY_PAGE_SLOTS + 3) + 7
    for (let at = 0; at < total; at++) store.append([event(at)])
    const timeline = store.timeline()
    expect(timeline.length).toBeGreaterThanOrEqual(1000)
    expect(timeline.length).toBeLessThanOrEqual(ACTIVITY_PAGE_SIZE * (ACTIVITY_PAGE_SLOTS + 1))
    expect(timeline.at(-1)?.at).toBe(total - 1)
    expect(timeline.map((e) => e.at)).toEqual(events(total - timeline.length, timeline.length).map((e) => e.at))
  })

  it('pages a whole layout-2 timeline (one 1,000-event head) on its next append, losing none of it', () => {
    const store = timelineStore()
    store.stored['activity:a1'] = events(0, 1000)
    expect(store.timeline()).toHaveLength(1000)
    store.append(events(5000, 3))
    expect(store.stored['activity:a1']).toHaveLength(3)
    expect(store.stored['activitySealed:a1']).toBe(ACTIVITY_PAGE_SLOTS)
    expect(store.timeline().map((e) => e.at)).toEqual([...events(0, 1000), ...events(5000, 3)].map((e) => e.at))
  })

  it('writes nothing for nothing to append', () => {
    expect(appendWrites('a1', { head: events(1, 2), sealed: 4 }, [])).toEqual([])
  })

  it('names every key an account’s timeline may use, and only that account’s', () => {
    const keys = timelineItems('a1').map((it) => it.key)
    expect(keys).toHaveLength(ACTIVITY_PAGE_SLOTS + 2)
    expect(touchesTimeline('a1', ['snapshot:a1', `activityPage:a1:${ACTIVITY_PAGE_SLOTS - 1}`])).toBe(true)
    expect(touchesTimeline('a1', ['activity:a2', 'activityPage:a2:0', 'activitySealed:a10'])).toBe(false)
  })

  it('is declared in the storage registry: each key maps back to its item', () => {
    expect(itemForKey('local', 'activityPage:a1:7')?.key).toBe('activityPage:a1:7')
    expect(itemForKey('local', 'activitySealed:a1')?.key).toBe('activitySealed:a1')
    expect(itemForKey('local', 'activityPage:a1:x')).toBeUndefined()
    expect(itemForKey('local', 'activityPage:a1')).toBeUndefined()
  })

  it('reads a damaged count or page as nothing on a page, never as someone else’s events', () => {
    const store = timelineStore()
    store.stored['activitySealed:a1'] = -3
    store.stored['activity:a1'] = events(1, 2)
    expect(store.timeline()).toEqual(events(1, 2))
  })
})
