import { describe, expect, it } from 'vitest'
import { encodeSession } from './fake-fetch.ts'
import { decodeSession, readSessionFromHeaders, sessionHeaders } from './session-header.ts'

describe('session headers', () => {
  const session = encodeSession('user1', 'f'.repeat(256))

  it('carry the session as X-Appwrite-Session and as the a_session_<project> fallback cookie', () => {
    expect(sessionHeaders('proj', session)).toEqual({
      'X-Appwrite-Session': session,
      'X-Fallback-Cookies': `{"a_session_proj":"${session}"}`,
    })
  })

  it('decode the userId and secret of an encoded session, and refuse anything else', () => {
    expect(decodeSession(session)).toEqual({ userId: 'user1', secret: 'f'.repeat(256) })
    expect(decodeSession('garbage')).toBeNull()
    expect(decodeSession(btoa('{"id":"u"}'))).toBeNull()
    expect(decodeSession(btoa('[1]'))).toBeNull()
  })

  it('read the new session from X-Fallback-Cookies for this project only', () => {
    const headers = new Headers({ 'X-Fallback-Cookies': JSON.stringify({ a_session_other: 'x', a_session_proj: session }) })
    expect(readSessionFromHeaders(headers, 'proj')).toBe(session)
    expect(readSessionFromHeaders(headers, 'missing')).toBeNull()
    expect(readSessionFromHeaders(new Headers({ 'X-Fallback-Cookies': '[]' }), 'proj')).toBeNull()
    expect(readSessionFromHeaders(new Headers({ 'X-Fallback-Cookies': '{"a_session_proj":"garbage"}' }), 'proj')).toBeNull()
    expect(readSessionFromHeaders(new Headers(), 'proj')).toBeNull()
  })

  it("read a session whose base64 PHP's json_encode wrote with escaped slashes", () => {
    const slashed = encodeSession('user1', '?'.repeat(64))
    expect(slashed).toContain('/')
    const headers = new Headers({ 'X-Fallback-Cookies': JSON.stringify({ a_session_proj: slashed }).replace(/\//g, '\\/') })
    expect(headers.get('X-Fallback-Cookies')).toContain('\\/')
    expect(readSessionFromHeaders(headers, 'proj')).toBe(slashed)
  })
})
