import { describe, expect, it } from 'vitest'
import { AppwriteError } from './errors.ts'
import { buildOAuth2TokenUrl, parseOAuth2Redirect, parseSecretLink } from './links.ts'

describe('parseSecretLink', () => {
  it('reads userId and secret from a full emailed link', () => {
    const link = 'https://app.example.com/verify?userId=u1&secret=abc123&expire=2026-07-22T10%3A15%3A30.123%2B00%3A00&project=p1'
    expect(parseSecretLink(link)).toEqual({ userId: 'u1', secret: 'abc123' })
  })

  it('accepts a pasted query string and surrounding whitespace', () => {
    expect(parseSecretLink('  ?userId=u2&secret=s2\n')).toEqual({ userId: 'u2', secret: 's2' })
    expect(parseSecretLink('userId=u3&secret=s3')).toEqual({ userId: 'u3', secret: 's3' })
  })

  it('names what is missing and which link it was', () => {
    expect(() => parseSecretLink('https://app.example.com/verify?userId=u1', 'magic link')).toThrow(/magic link has no secret/)
    expect(() => parseSecretLink('https://app.example.com/verify?secret=s', 'recovery link')).toThrow(/recovery link has no userId/)
    try {
      parseSecretLink('hello')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(AppwriteError)
      expect((error as AppwriteError).type).toBe('lanyard_invalid_link')
    }
  })
})

describe('OAuth2 token flow links', () => {
  it('builds the token URL with project, success, failure and scopes', () => {
    const url = new URL(buildOAuth2TokenUrl('https://cloud.appwrite.io/v1', 'proj', {
      provider: 'github', success: 'https://abc.chromiumapp.org/ok', failure: 'https://abc.chromiumapp.org/fail', scopes: ['read:user', 'user:email'],
    }))
    expect(url.origin + url.pathname).toBe('https://cloud.appwrite.io/v1/account/tokens/oauth2/github')
    expect(url.searchParams.get('project')).toBe('proj')
    expect(url.searchParams.get('success')).toBe('https://abc.chromiumapp.org/ok')
    expect(url.searchParams.get('failure')).toBe('https://abc.chromiumapp.org/fail')
    expect(url.searchParams.getAll('scopes[]')).toEqual(['read:user', 'user:email'])
  })

  it('reads the success redirect', () => {
    expect(parseOAuth2Redirect('https://abc.chromiumapp.org/ok?secret=jwt.x.y&userId=u9')).toEqual({ userId: 'u9', secret: 'jwt.x.y' })
  })

  it("turns the failure redirect's error into Appwrite's error", () => {
    const error = encodeURIComponent(JSON.stringify({ message: 'Provider denied', type: 'user_oauth2_provider_error', code: 424 }))
    expect(() => parseOAuth2Redirect(`https://abc.chromiumapp.org/fail?error=${error}`)).toThrow(
      expect.objectContaining({ type: 'user_oauth2_provider_error', code: 424, message: 'Provider denied' }),
    )
    expect(() => parseOAuth2Redirect('https://abc.chromiumapp.org/fail?error=oops')).toThrow(expect.objectContaining({ type: 'lanyard_invalid_link' }))
  })
})
