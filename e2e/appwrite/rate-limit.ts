// utopia-php/abuse `TimeLimit`: fixed windows aligned to multiples of the window length, counted per
// key (docs/appwrite/wire.md section 3.3, step 9). `remaining` is limit - (hits so far + 1), as Appwrite reports it.

export interface RateVerdict {
  limit: number
  remaining: number
  /** Unix seconds when the window ends: `X-RateLimit-Reset`. */
  reset: number
  exceeded: boolean
}

const PRUNE_AT_KEYS = 10_000

export class RateLimiter {
  private readonly counters = new Map<string, { windowStart: number; count: number }>()

  /** With `record` false (abuse checks disabled) nothing is counted, so `remaining` stays limit - 1. */
  check(key: string, limit: number, windowSec: number, nowMs: number, record: boolean): RateVerdict {
    const nowSec = Math.floor(nowMs / 1000)
    const windowStart = Math.floor(nowSec / windowSec) * windowSec
    const counter = this.counters.get(key)
    const count = counter && counter.windowStart === windowStart ? counter.count : 0
    const exceeded = count >= limit
    if (record && !exceeded) {
      if (this.counters.size >= PRUNE_AT_KEYS) this.prune(nowSec)
      this.counters.set(key, { windowStart, count: count + 1 })
    }
    return { limit, remaining: Math.max(0, limit - (count + 1)), reset: windowStart + windowSec, exceeded: record && exceeded }
  }

  /** 1.9 clears the counter of some sign-in routes when they answer 201 (docs/appwrite/wire.md section 3). */
  reset(key: string): void {
    this.counters.delete(key)
  }

  clear(): void {
    this.counters.clear()
  }

  private prune(nowSec: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.windowStart + 3600 < nowSec) this.counters.delete(key)
    }
  }
}
