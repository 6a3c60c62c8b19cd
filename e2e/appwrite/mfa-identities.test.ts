// docs/appwrite/mfa.md section 3: identities come from the OAuth2 callback (here the `mock` provider), are listed
// for their owner only, and are deleted one by one without touching sessions.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { IdentityListSchema } from '../../src/appwrite/mfa-models.ts'
import { newUser, signInWithMock } from './mfa-testing.ts'
import { expectError, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const api = suiteServer({ version })

  /** Another person at the mock provider: the tests may change who the provider says signed in. */
  function mockIdentity(id: string, email: string): void {
    const project = api.state.projects.get('demo')
    if (!project) throw new Error('no demo project')
    project.config.mockOAuth = { id, email, name: `Person ${id}` }
  }

  async function identities(session: string, queries: string[] = [], extra = '') {
    const query = queries.map((q) => `queries[]=${encodeURIComponent(q)}`).join('&')
    return api.request('GET', `/account/identities?${query}${extra}`, { session })
  }

  describe('identities', () => {
    it('links one identity per provider account; a later sign-in refreshes it instead of adding one', async () => {
      mockIdentity('uid-once', 'once@provider.test')
      const first = await signInWithMock(api)
      const listed = v.parse(IdentityListSchema, (await identities(first.session)).json)
      expect(listed.total).toBe(1)
      expect(listed.identities[0]).toMatchObject({ userId: first.userId, provider: 'mock', providerUid: 'uid-once', providerEmail: 'once@provider.test' })
      // The wire carries the provider's tokens (no field is sensitive in Appwrite); the schema drops them.
      const raw = (await identities(first.session)).json as { identities: Record<string, unknown>[] }
      expect(raw.identities[0]).toHaveProperty('providerAccessToken')

      await api.dev('POST', '/__dev/clock', { offsetMs: 5_000 })
      const again = await signInWithMock(api)
      expect(again.userId).toBe(first.userId)
      const after = v.parse(IdentityListSchema, (await identities(again.session)).json)
      expect(after.total).toBe(1)
      expect(after.identities[0]?.$id).toBe(listed.identities[0]?.$id)
      expect(Date.parse(after.identities[0]?.$updatedAt ?? '')).toBeGreaterThan(Date.parse(listed.identities[0]?.$updatedAt ?? ''))
    })

    it('gives an email/password user no identities, and guests 401', async () => {
      const { session } = await newUser(api, 'noident')
      expect((await identities(session)).json).toEqual({ total: 0, identities: [] })
      expectError(await api.request('GET', '/account/identities'), 401, 'general_unauthorized_scope')
    })

    it('pages with limit, offset and cursors, and reports total unless total=false', async () => {
      mockIdentity('uid-page', 'page@provider.test')
      const { session } = await signInWithMock(api)
      const only = v.parse(IdentityListSchema, (await identities(session)).json).identities[0]
      expect(v.parse(IdentityListSchema, (await identities(session, ['{"method":"limit","values":[1]}'])).json).identities).toHaveLength(1)
      expect((await identities(session, ['{"method":"offset","values":[1]}'])).json).toEqual({ total: 1, identities: [] })
      expect((await identities(session, [], '&total=0')).json).toMatchObject({ total: 0 })
      expect((await identities(session, [JSON.stringify({ method: 'cursorAfter', values: [only?.$id] })])).json).toEqual({ total: 1, identities: [] })
      const missing = expectError(await identities(session, ['{"method":"cursorAfter","values":["nope"]}']), 400, 'general_cursor_not_found')
      expect(missing.message).toBe("Identity 'nope' for the 'cursor' value not found.")
      expectError(await identities(session, ['{"method":"limit","values":[0]}']), 400, 'general_argument_invalid')
      expectError(await identities(session, ['not json']), 400, 'general_argument_invalid')
    })

    it('filters and orders on the documented attributes only', async () => {
      mockIdentity('uid-filter', 'filter@provider.test')
      const { session } = await signInWithMock(api)
      expect((await identities(session, ['{"method":"equal","attribute":"provider","values":["mock"]}'])).json).toMatchObject({ total: 1 })
      expect((await identities(session, ['{"method":"equal","attribute":"provider","values":["github"]}'])).json).toEqual({ total: 0, identities: [] })
      expect((await identities(session, ['{"method":"orderDesc","attribute":"$createdAt"}'])).json).toMatchObject({ total: 1 })
      expectError(await identities(session, ['{"method":"equal","attribute":"providerAccessToken","values":["x"]}']), 400, 'general_argument_invalid')
      expectError(await identities(session, ['{"method":"select","values":["provider"]}']), 400, 'general_argument_invalid')
    })

    it('deletes only the identity: 204, then 404; sessions stay; another user’s identity is 401 user_unauthorized', async () => {
      mockIdentity('uid-owner', 'owner@provider.test')
      const owner = await signInWithMock(api)
      mockIdentity('uid-other', 'other@provider.test')
      const other = await signInWithMock(api)
      expect(other.userId).not.toBe(owner.userId)
      const ownersId = v.parse(IdentityListSchema, (await identities(owner.session)).json).identities[0]?.$id ?? ''
      expectError(await api.request('DELETE', `/account/identities/${ownersId}`, { session: other.session }), 401, 'user_unauthorized')
      expect((await api.request('DELETE', `/account/identities/${ownersId}`, { session: owner.session })).status).toBe(204)
      expectError(await api.request('DELETE', `/account/identities/${ownersId}`, { session: owner.session }), 404, 'user_identity_not_found')
      expect((await api.request('GET', '/account', { session: owner.session })).status).toBe(200)
      expectError(await api.request('DELETE', `/account/identities/${'x'.repeat(37)}`, { session: owner.session }), 400, 'general_argument_invalid')
    })
  })
})
