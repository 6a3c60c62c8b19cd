import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../shared/protocol.ts'
import { nextSnapshot } from './refresh.ts'

const old: Snapshot = {
  accountId: 'a1',
  account: null,
  sessions: [],
  logsFirstPage: { supported: false, total: 0, logs: [], offset: 0, limit: 25 },
  prefs: { theme: 'dark' },
  fetchedAt: 1_000,
}

describe('nextSnapshot', () => {
  it('keeps what a refresh that started later already wrote', () => {
    expect(nextSnapshot(old, { account: null, sessions: null, logs: null }, 900)).toBe(old)
  })

  it('stamps the snapshot with the time its data was asked for and keeps parts that failed', () => {
    const next = nextSnapshot(old, { account: null, sessions: null, logs: null, error: { type: 'lanyard_timeout', code: 0, message: 'slow' } }, 2_000)
    expect(next).toEqual({ ...old, fetchedAt: 2_000, error: { type: 'lanyard_timeout', code: 0, message: 'slow' } })
  })

  it('drops an earlier error once a refresh succeeds', () => {
    const flagged = { ...old, error: { type: 'lanyard_timeout', code: 0, message: 'slow' } }
    expect(nextSnapshot(flagged, { account: null, sessions: [], logs: null }, 2_000).error).toBeUndefined()
  })
})
