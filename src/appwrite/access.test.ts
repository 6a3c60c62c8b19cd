import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { ConsentListSchema, PasskeySchema } from './access-models.ts'
import { createAccountClient } from './client.ts'
import { encodeSession, fakeFetch, json } from './fake-fetch.ts'

const when = '2026-11-04T10:00:00.000+00:00'
const session = encodeSession('user1', 's'.repeat(64))

describe('connected apps and passkeys', () => {
  it('call their routes with the held session, ids escaped', async () => {
    const fetch = fakeFetch((request) => {
      if (request.init.method === 'DELETE') return new Response(null, { status: 204 })
      if (request.url.pathname.endsWith('/passkeys')) return json(200, { total: 0, passkeys: [] })
      if (request.url.pathname.includes('/passkeys/')) return json(200, { $id: 'p/1', $createdAt: when, $updatedAt: when, name: 'Key', accessedAt: '' })
      if (request.url.pathname.endsWith('/tokens')) return json(200, { total: 0, tokens: [] })
      return json(200, { total: 0, consents: [] })
    })
    const client = createAccountClient({ endpoint: 'https://appwrite.example.com/v1', projectId: 'proj', fetch })
    await client.listConsents(session)
    await client.listConsentTokens(session, 'c/1')
    await client.deleteConsent(session, 'c/1')
    await client.listPasskeys(session)
    await client.updatePasskey(session, 'p/1', 'Key')
    await client.deletePasskey(session, 'p/1')
    expect(fetch.requests.map((r) => `${String(r.init.method)} ${r.url.pathname}`)).toEqual([
      'GET /v1/account/consents',
      'GET /v1/account/consents/c%2F1/tokens',
      'DELETE /v1/account/consents/c%2F1',
      'GET /v1/account/passkeys',
      'PATCH /v1/account/passkeys/p%2F1',
      'DELETE /v1/account/passkeys/p%2F1',
    ])
    expect(fetch.requests.every((r) => r.headers['X-Appwrite-Session'] === session)).toBe(true)
    expect(fetch.requests[4]?.body).toEqual({ name: 'Key' })
  })

  it('read consents and passkeys leniently', () => {
    const consent = { $id: 'c', $createdAt: when, $updatedAt: when, userId: 'u', appId: 'notes', cimdUrl: '', scopes: ['openid'], authorizationDetails: '[]', expire: when, somethingNew: 1 }
    const list = v.parse(ConsentListSchema, { total: 1, consents: [consent] })
    expect(list.consents[0]).toMatchObject({ appId: 'notes', resources: [] })
    expect(list.consents[0]).not.toHaveProperty('somethingNew')
    expect(v.safeParse(PasskeySchema, { $id: 'p', $createdAt: when, $updatedAt: when, name: 'Key', accessedAt: '' }).success).toBe(true)
  })
})
