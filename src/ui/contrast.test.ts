import { describe, expect, it } from 'vitest'
import { readableTextOn } from './contrast.ts'

describe('readableTextOn', () => {
  it('writes white on dark colours and black on light ones', () => {
    expect(readableTextOn('#4f46e5')).toBe('#ffffff')
    expect(readableTextOn('#ca8a04')).toBe('#000000')
    expect(readableTextOn('#0891b2')).toBe('#000000')
    expect(readableTextOn('#FFFFFF')).toBe('#000000')
  })

  it('keeps white for a value that is not #rrggbb', () => {
    expect(readableTextOn('teal')).toBe('#ffffff')
  })
})
