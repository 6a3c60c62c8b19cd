import { describe, expect, it } from 'vitest'
import { validateEndpoint } from './endpoint.ts'

function message(input: string): string {
  const result = validateEndpoint(input)
  if (result.ok) throw new Error(`expected ${input} to be rejected`)
  expect(result.error.type).toBe('lanyard_invalid_endpoint')
  return result.error.message
}

describe('validateEndpoint', () => {
  it.each([
    ['https://cloud.appwrite.io/v1', 'https://cloud.appwrite.io/v1'],
    ['  https://Cloud.Appwrite.io/v1/  ', 'https://cloud.appwrite.io/v1'],
    ['https://appwrite.example.com', 'https://appwrite.example.com/v1'],
    ['https://appwrite.example.com/', 'https://appwrite.example.com/v1'],
    ['https://example.com:8443/appwrite/v1//', 'https://example.com:8443/appwrite/v1'],
    ['http://localhost:8080/v1', 'http://localhost:8080/v1'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/v1'],
    ['http://[::1]:3000/v1', 'http://[::1]:3000/v1'],
    ['http://app.localhost/v1', 'http://app.localhost/v1'],
  ])('normalises %s to %s', (input, expected) => {
    expect(validateEndpoint(input)).toEqual({ ok: true, endpoint: expected })
  })

  it('rejects javascript: with its own message', () => {
    expect(message('javascript:alert(1)')).toMatch(/javascript:/)
  })

  it('rejects schemes other than http(s), naming the scheme', () => {
    expect(message('ftp://example.com/v1')).toMatch(/https:\/\/.*ftp:/)
    expect(message('chrome-extension://abc/v1')).toMatch(/chrome-extension:/)
  })

  it('rejects credentials in the URL without repeating them', () => {
    const text = message('https://admin:hunter22@example.com/v1')
    expect(text).toMatch(/user name and password/)
    expect(text).not.toMatch(/hunter22|admin/)
  })

  it('rejects plain http to a non-loopback host, naming the host', () => {
    expect(message('http://appwrite.example.com/v1')).toMatch(/appwrite\.example\.com/)
    expect(message('http://192.168.1.10/v1')).toMatch(/unencrypted/)
  })

  it('rejects text without a scheme, empty input, and query or fragment', () => {
    expect(message('cloud.appwrite.io/v1')).toMatch(/including https:\/\//)
    expect(message('   ')).toMatch(/Enter the Appwrite endpoint/)
    expect(message('https://example.com/v1?project=x')).toMatch(/query/)
    expect(message('https://example.com/v1#x')).toMatch(/fragment/)
    expect(message('https://exa mple.com/v1')).toMatch(/not a valid URL/)
  })
})
