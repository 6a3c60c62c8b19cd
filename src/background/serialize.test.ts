import { describe, expect, it } from 'vitest'
import { createSerializer } from './serialize.ts'

describe('createSerializer', () => {
  it('runs tasks one at a time, in order, even when one fails', async () => {
    const serialize = createSerializer()
    const order: string[] = []
    const slow = serialize(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      order.push('slow')
    })
    const failing = serialize(() => Promise.reject(new Error('no')))
    const fast = serialize(async () => {
      order.push('fast')
    })
    await Promise.allSettled([slow, failing, fast])
    expect(order).toEqual(['slow', 'fast'])
    await expect(failing).rejects.toThrow('no')
  })

  it('tells whether another task ran between two of the caller’s', async () => {
    const serialize = createSerializer()
    const first = await serialize(async () => serialize.started())
    const next = await serialize(async () => serialize.started())
    expect(next).toBe(first + 1)
    void serialize(async () => undefined)
    const afterAnother = await serialize(async () => serialize.started())
    expect(afterAnother).toBe(next + 2)
  })
})
