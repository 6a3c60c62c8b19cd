import { describe, expect, it } from 'vitest'
import { joinSnapshot, snapshotWrites } from './snapshot-record.ts'
import { items } from './storage.ts'
import { log, snapshot } from './testing/fixtures.ts'

const page = { supported: true, total: 1, offset: 0, limit: 25, logs: [log({ event: 'session.create' })] }
const keysAndValues = (writes: ReturnType<typeof snapshotWrites>) => writes.map((w) => [w.item.key, w.value])

describe('the snapshot and its logs page, stored apart', () => {
  it('joins the logs item into the snapshot; without one, the page a layout-2 snapshot kept inside is read', () => {
    const inline = snapshot()
    expect(joinSnapshot(inline, null)).toBe(inline)
    expect(joinSnapshot({ ...inline, logsFirstPage: null }, page)?.logsFirstPage).toBe(page)
    expect(joinSnapshot(null, page)).toBeNull()
  })

  it('writes the snapshot without its page, and the page only when it changed', () => {
    const next = snapshot({ logsFirstPage: page })
    expect(keysAndValues(snapshotWrites('a1', next, page))).toEqual([['snapshot:a1', { ...next, logsFirstPage: null }]])
    const fresh = { ...page, total: 2 }
    expect(keysAndValues(snapshotWrites('a1', { ...next, logsFirstPage: fresh }, page))).toEqual([
      ['snapshot:a1', { ...next, logsFirstPage: null }],
      [items.snapshotLogs('a1').key, fresh],
    ])
  })

  it('moves a layout-2 snapshot’s inline page into the logs item on its next write', () => {
    const legacy = snapshot({ logsFirstPage: page })
    const joined = joinSnapshot(legacy, null)
    expect(keysAndValues(snapshotWrites('a1', joined, null))).toEqual([
      ['snapshot:a1', { ...legacy, logsFirstPage: null }],
      ['snapshotLogs:a1', page],
    ])
  })

  it('clears both while locked', () => {
    expect(keysAndValues(snapshotWrites('a1', null, page))).toEqual([
      ['snapshot:a1', null],
      ['snapshotLogs:a1', null],
    ])
  })
})
