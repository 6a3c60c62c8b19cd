import { describe, expect, it } from 'vitest'
import { createAccountClient } from './client.ts'
import { encodeSession, fakeFetch, json, wireAccount } from './fake-fetch.ts'

const when = '2026-11-04T10:00:00.000+00:00'
const session = encodeSession('olivia', 's'.repeat(64))

/** A User as the Users API sends it to an impersonator: with the password hash (docs/appwrite/wire-2x.md section 5.4). */
function wireUser(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $id: id, $createdAt: when, $updatedAt: when, name: `Name ${id}`, registration: when, status: true, labels: [], passwordUpdate: when,
    email: `${id}@example.com`, phone: '', emailVerification: true, phoneVerification: false, mfa: false, prefs: { theme: 'dark' }, targets: [], accessedAt: when,
    password: 'f'.repeat(64), hash: 'sha', hashOptions: { type: 'sha', version: 'sha256' }, impersonator: false,
    ...overrides,
  }
}

describe('users search and GET /account as another user', () => {
  it('searches one page with the operator session, and keeps only what a picker shows: never the password hash', async () => {
    const fetch = fakeFetch(() => json(200, { total: 41, users: [wireUser('ada'), wireUser('grace', { impersonator: true, recoveryCodes: ['abc'] })] }))
    const client = createAccountClient({ endpoint: 'https://appwrite.example.com/v1', projectId: 'proj', fetch })
    const page = await client.searchUsers(session, ' ada ', 20, 40)
    const sent = fetch.requests[0]
    expect(sent?.url.pathname).toBe('/v1/users')
    expect(sent?.url.searchParams.get('search')).toBe('ada')
    expect(sent?.url.searchParams.getAll('queries[]')).toEqual(['{"method":"limit","values":[20]}', '{"method":"offset","values":[40]}'])
    expect(sent?.headers['X-Appwrite-Session']).toBe(session)
    expect(page.total).toBe(41)
    expect(page.users[0]).toEqual({
      $id: 'ada', name: 'Name ada', email: 'ada@example.com', phone: '', status: true, emailVerification: true, phoneVerification: false, registration: when, impersonator: false,
    })
    expect(page.users[1]?.impersonator).toBe(true)
    const text = JSON.stringify(page)
    for (const leak of ['password', 'hash', 'ffff', 'recoveryCodes', 'abc', 'prefs']) expect(text).not.toContain(leak)
  })

  it('sends no search parameter for an empty search', async () => {
    const fetch = fakeFetch(() => json(200, { total: 0, users: [] }))
    const client = createAccountClient({ endpoint: 'https://appwrite.example.com/v1', projectId: 'proj', fetch })
    await client.searchUsers(session, '  ', 10, 0)
    expect(fetch.requests[0]?.url.searchParams.has('search')).toBe(false)
  })

  it('names the target in X-Appwrite-Impersonate-User-Id on GET /account', async () => {
    const fetch = fakeFetch(() => json(200, wireAccount({ $id: 'ada', impersonatorUserId: 'olivia' })))
    const client = createAccountClient({ endpoint: 'https://appwrite.example.com/v1', projectId: 'proj', fetch })
    const account = await client.getAccountAs(session, 'ada')
    expect(fetch.requests[0]?.headers['X-Appwrite-Impersonate-User-Id']).toBe('ada')
    expect(fetch.requests[0]?.url.pathname).toBe('/v1/account')
    expect(account).toMatchObject({ $id: 'ada', impersonatorUserId: 'olivia' })
  })
})
