import { describe, expect, it } from 'vitest'
import { delayAfterFailures, NO_FAILURES, recordFailure, unlockWaitMs } from './unlock-throttle.ts'

describe('unlock throttle', () => {
  it('lets the first tries through at once', () => {
    let failures = NO_FAILURES
    for (let i = 0; i < 2; i++) {
      failures = recordFailure(failures, 1_000)
      expect(unlockWaitMs(failures, 1_000)).toBe(0)
    }
  })

  it('makes every further failure wait twice as long, up to five minutes', () => {
    const delays = [3, 4, 5, 6, 20, 50].map(delayAfterFailures)
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 300_000, 300_000])
  })

  it('counts the wait from the last failure', () => {
    let failures = NO_FAILURES
    for (let i = 0; i < 4; i++) failures = recordFailure(failures, 10_000)
    expect(unlockWaitMs(failures, 10_000)).toBe(2_000)
    expect(unlockWaitMs(failures, 11_500)).toBe(500)
    expect(unlockWaitMs(failures, 12_000)).toBe(0)
  })
})
