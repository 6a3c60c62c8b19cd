import { describe, expect, it } from 'vitest'
import { endpointOriginPattern } from './origin-pattern.ts'

describe('endpointOriginPattern', () => {
  it('covers the scheme and host of an endpoint, every port and path', () => {
    expect(endpointOriginPattern('https://appwrite.example.com/v1')).toBe('https://appwrite.example.com/*')
    expect(endpointOriginPattern('http://127.0.0.1:8787/v1')).toBe('http://127.0.0.1/*')
    expect(endpointOriginPattern('http://[::1]:8787/v1')).toBe('http://[::1]/*')
  })
})
