import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCK_SETTINGS } from '../shared/lock-and-alerts.ts'
import { idleLockAt, locksOnSystemState } from './auto-lock.ts'

describe('auto-lock', () => {
  it('schedules the idle lock the chosen minutes after the last use, or not at all', () => {
    expect(idleLockAt({ idleMinutes: 5, onSystemLock: false }, 1_000)).toBe(301_000)
    expect(idleLockAt({ idleMinutes: 0.05, onSystemLock: false }, 0)).toBe(3_000)
    expect(idleLockAt({ idleMinutes: null, onSystemLock: true }, 1_000)).toBeNull()
  })

  it('locks on a system lock only when asked to, and never for mere system idleness', () => {
    expect(locksOnSystemState(DEFAULT_LOCK_SETTINGS, 'locked')).toBe(true)
    expect(locksOnSystemState(DEFAULT_LOCK_SETTINGS, 'idle')).toBe(false)
    expect(locksOnSystemState({ ...DEFAULT_LOCK_SETTINGS, onSystemLock: false }, 'locked')).toBe(false)
  })
})
