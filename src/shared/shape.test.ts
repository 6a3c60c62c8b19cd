import { describe, expect, it } from 'vitest'
import * as shape from './shape.ts'

describe('shape checks', () => {
  it('checks loose objects field by field, and lets unknown fields through', () => {
    const account = shape.object({ id: shape.string, addedAt: shape.number, phone: shape.optional(shape.string) })
    expect(account({ id: 'a1', addedAt: 1, extra: true })).toBe(true)
    expect(account({ id: 'a1', addedAt: '1' })).toBe(false)
    expect(account({ id: 'a1' })).toBe(false)
    expect(account(['a1', 1])).toBe(false)
    expect(account(null)).toBe(false)
  })

  it('refuses numbers that JSON cannot hold', () => {
    expect(shape.number(Number.NaN)).toBe(false)
    expect(shape.number(Number.POSITIVE_INFINITY)).toBe(false)
    expect(shape.number(0)).toBe(true)
  })

  it('checks arrays, records, nullables, literals and choices', () => {
    expect(shape.arrayOf(shape.string)(['a', 'b'])).toBe(true)
    expect(shape.arrayOf(shape.string)(['a', 2])).toBe(false)
    expect(shape.recordOf(shape.number)({ a: 1, b: 2 })).toBe(true)
    expect(shape.recordOf(shape.number)({ a: 'x' })).toBe(false)
    expect(shape.nullable(shape.string)(null)).toBe(true)
    expect(shape.nullable(shape.string)(undefined)).toBe(false)
    expect(shape.literal(1)(1)).toBe(true)
    expect(shape.literal(1)('1')).toBe(false)
    expect(shape.oneOf(['fallback', 'tab'])('tab')).toBe(true)
    expect(shape.oneOf(['fallback', 'tab'])('cookie')).toBe(false)
  })

  it('tells variants apart by their tag, and refuses an unknown or inherited tag', () => {
    const protection = shape.variant('kind', { device: shape.object({}), passphrase: shape.object({ salt: shape.string }) })
    expect(protection({ kind: 'device' })).toBe(true)
    expect(protection({ kind: 'passphrase', salt: 's' })).toBe(true)
    expect(protection({ kind: 'passphrase' })).toBe(false)
    expect(protection({ kind: 'toString' })).toBe(false)
    expect(protection({})).toBe(false)
  })
})
