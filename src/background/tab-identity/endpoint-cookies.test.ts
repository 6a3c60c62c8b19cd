import { describe, expect, it } from 'vitest'
import type { WorkerBrowser } from '../browser.ts'
import { borrowedCookie, putBackCookie, userIdOfSession } from './endpoint-cookies.ts'

const SESSION = btoa(JSON.stringify({ id: 'bob', secret: 'f'.repeat(256) }))

describe('borrowedCookie', () => {
  it('is host-only, Secure and SameSite=None on a loopback endpoint', () => {
    expect(borrowedCookie('http://127.0.0.1:8080/v1', 'alpha', SESSION)).toEqual({
      url: 'http://127.0.0.1:8080/',
      name: 'a_session_alpha',
      value: SESSION,
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'no_restriction',
    })
    expect(borrowedCookie('http://localhost:8080/v1', 'alpha', SESSION)).not.toHaveProperty('domain')
  })

  it('uses the .host domain Appwrite uses elsewhere', () => {
    expect(borrowedCookie('https://fra.cloud.appwrite.io/v1', 'alpha', SESSION)).toMatchObject({
      domain: '.fra.cloud.appwrite.io',
      secure: true,
      sameSite: 'no_restriction',
    })
  })

  it('falls back to Lax on a plain-http non-local host, where Chrome refuses Secure', () => {
    expect(borrowedCookie('http://appwrite.lan/v1', 'alpha', SESSION)).toMatchObject({ secure: false, sameSite: 'lax', domain: '.appwrite.lan' })
  })
})

describe('putBackCookie', () => {
  it('sets a saved record again with every attribute, in its partition', async () => {
    const calls: unknown[] = []
    const browser = { cookies: { set: async (details: unknown) => void calls.push(details) } } as unknown as WorkerBrowser
    await putBackCookie(browser, 'http://127.0.0.1:8080/v1', {
      name: 'a_session_alpha',
      value: SESSION,
      domain: '127.0.0.1',
      hostOnly: true,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'no_restriction',
      session: false,
      expirationDate: 1900000000,
      storeId: '0',
      partitionKey: { topLevelSite: 'http://localhost', hasCrossSiteAncestor: true },
    })
    expect(calls).toEqual([
      {
        url: 'http://127.0.0.1:8080/',
        name: 'a_session_alpha',
        value: SESSION,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'no_restriction',
        storeId: '0',
        expirationDate: 1900000000,
        partitionKey: { topLevelSite: 'http://localhost', hasCrossSiteAncestor: true },
      },
    ])
  })
})

describe('userIdOfSession', () => {
  it('reads the user id and nothing else; garbage gives null', () => {
    expect(userIdOfSession(SESSION)).toBe('bob')
    expect(userIdOfSession('garbage')).toBeNull()
    expect(userIdOfSession(btoa('{"secret":"x"}'))).toBeNull()
  })
})
