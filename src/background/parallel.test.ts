import { describe, expect, it } from 'vitest'
import { mapBounded } from './parallel.ts'

describe('mapBounded', () => {
  it('never runs more than the limit at once, and uses the whole limit', async () => {
    let running = 0
    let peak = 0
    const release: (() => void)[] = []
    const done = mapBounded(Array.from({ length: 20 }, (_, i) => i), 8, async (i) => {
      running++
      peak = Math.max(peak, running)
      await new Promise<void>((resolve) => release.push(resolve))
      running--
      return i * 2
    })
    while (release.length > 0 || running > 0) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      release.splice(0).forEach((resolve) => resolve())
    }
    const results = await done
    expect(peak).toBe(8)
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual(Array.from({ length: 20 }, (_, i) => i * 2))
  })

  it('keeps going past failures and reports each in input order', async () => {
    const results = await mapBounded([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two')
      return n
    })
    expect(results[0]).toEqual({ ok: true, value: 1 })
    expect(results[1]?.ok).toBe(false)
    expect(results[2]).toEqual({ ok: true, value: 3 })
  })

  it('handles an empty list and rejects a nonsense limit', async () => {
    await expect(mapBounded([], 8, async () => 1)).resolves.toEqual([])
    await expect(mapBounded([1], 0, async () => 1)).rejects.toThrow(RangeError)
  })
})
