// Runs tasks with at most `limit` in flight, so a fan-out over many accounts costs about one
// server round trip without opening an unbounded number of connections.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown }

/** Results come back in input order; one task failing never stops the others. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<Settled<R>[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer')
  const results: Settled<R>[] = new Array(items.length)
  let next = 0
  async function lane(): Promise<void> {
    while (next < items.length) {
      const index = next++
      try {
        results[index] = { ok: true, value: await task(items[index] as T) }
      } catch (error) {
        results[index] = { ok: false, error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return results
}
