// The growing wait after wrong passphrases. The failure count lives in storage.local, so neither a
// worker restart nor a browser restart resets it; a correct passphrase does.
import { NO_FAILURES, type UnlockFailures } from '../shared/storage.ts'

export { NO_FAILURES }

/** Tries that fail with no wait at all: enough for typos. */
const FREE_TRIES = 3
const FIRST_DELAY_MS = 1_000
const MAX_DELAY_MS = 5 * 60_000

/** The wait imposed after `count` failures in a row: 0, 0, then 1 s, 2 s, 4 s ... up to 5 minutes. */
export function delayAfterFailures(count: number): number {
  if (count < FREE_TRIES) return 0
  return Math.min(FIRST_DELAY_MS * 2 ** (count - FREE_TRIES), MAX_DELAY_MS)
}

/** How long until the next try is allowed (0: now). */
export function unlockWaitMs(failures: UnlockFailures, now: number): number {
  return Math.max(0, failures.lastFailureAt + delayAfterFailures(failures.count) - now)
}

export function recordFailure(failures: UnlockFailures, now: number): UnlockFailures {
  return { count: failures.count + 1, lastFailureAt: now }
}
