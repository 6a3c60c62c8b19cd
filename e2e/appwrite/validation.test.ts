// Parameter validation with utopia's messages (docs/appwrite/wire.md section 3.3), and account creation rules.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSchema } from '../../src/appwrite/models.ts'
import { expectError, newEmail, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const api = suiteServer({ version })

  async function message(method: string, path: string, body: unknown, session?: string): Promise<string> {
    return expectError(await api.request(method, path, { body, ...(session ? { session } : {}) }), 400, 'general_argument_invalid').message
  }

  describe('parameter validation', () => {
    it('names the missing parameter', async () => {
      expect(await message('POST', '/account/sessions/email', { email: 'ada@example.com' })).toBe('Param "password" is not optional.')
      expect(await message('POST', '/account/sessions/email', {})).toBe('Param "email" is not optional.')
    })

    it('describes invalid values like utopia does', async () => {
      expect(await message('POST', '/account/sessions/email', { email: 'not-an-email', password: 'whatever1' })).toBe('Invalid `email` param: Value must be a valid email address')
      expect(await message('POST', '/account/sessions/email', { email: 'ada@example.com', password: 'short' })).toBe('Invalid `password` param: Password must be between 8 and 256 characters long.')
      expect(await message('POST', '/account/sessions/email', { email: 42, password: 'whatever1' })).toBe('Invalid `email` param: Value must be a valid email address')
      expect(await message('POST', '/account/sessions/email', { email: null, password: 'whatever1' })).toBe('Invalid `email` param: Value must be a valid email address')
      expect(await message('POST', '/account', { userId: '_bad', email: newEmail('v'), password: 'password-123' })).toBe(
        "Invalid `userId` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char",
      )
      expect(await message('POST', '/account', { userId: 'unique()', email: newEmail('v'), password: 'password-123', name: 'n'.repeat(129) })).toBe(
        'Invalid `name` param: Value must be a valid string and at least 1 chars and no longer than 128 chars',
      )
      const session = await api.signIn('alan@example.com')
      expect(await message('PATCH', '/account/name', { name: '' }, session)).toBe('Invalid `name` param: Value must be a valid string and at least 1 chars and no longer than 128 chars')
      expect(await message('POST', '/account/jwts', { duration: 'soon' }, session)).toBe('Invalid `duration` param: Value must be a valid range between 0 and 3,600')
    })

    it('ignores unknown parameters and reads form-encoded bodies', async () => {
      const email = newEmail('extra')
      const created = await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123', favouriteColour: 'blue' } })
      expect(created.status).toBe(201)
      const form = await api.request('POST', '/account/sessions/email', {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password: 'password-123' }).toString(),
      })
      expect(form.status).toBe(201)
    })

    it('treats a body that is not JSON as no parameters', async () => {
      expect(await message('POST', '/account/sessions/email', '{"email": "ada@example.com", ')).toBe('Param "email" is not optional.')
    })
  })

  describe('account creation', () => {
    it('creates a user with a custom id, lower-cases the email and refuses duplicates', async () => {
      const id = `custom.id-${Math.random().toString(36).slice(2, 8)}`
      const email = newEmail('Mixed').replace('mixed', 'MiXeD')
      const created = await api.request('POST', '/account', { body: { userId: id, email, password: 'password-123' } })
      expect(created.status).toBe(201)
      const account = v.parse(AccountSchema, created.json)
      expect(account).toMatchObject({ $id: id, email: email.toLowerCase(), name: '', status: true, labels: [], phone: '', mfa: false, prefs: {} })
      expect(account.registration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/)
      expect(created.json).not.toHaveProperty('password')
      expectError(await api.request('POST', '/account', { body: { userId: 'unique()', email, password: 'password-123' } }), 409, 'user_already_exists')
      expectError(await api.request('POST', '/account', { body: { userId: id, email: newEmail('other'), password: 'password-123' } }), 409, 'user_already_exists')
    })

    it('creates anonymous users with empty email and name', async () => {
      const response = await api.request('POST', '/account/sessions/anonymous')
      const session = JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}').a_session_demo as string
      const account = v.parse(AccountSchema, (await api.request('GET', '/account', { session })).json)
      expect(account).toMatchObject({ email: '', name: '', passwordUpdate: '' })
      // An anonymous user turns into a real one by giving an email and a password.
      const upgraded = await api.request('PATCH', '/account/email', { session, body: { email: newEmail('upgraded'), password: 'password-123' } })
      expect(v.parse(AccountSchema, upgraded.json).passwordUpdate).not.toBe('')
    })

    it('refuses an email that another user has', async () => {
      const session = await api.signIn('alan@example.com')
      expectError(await api.request('PATCH', '/account/email', { session, body: { email: 'ada@example.com', password: 'lanyard-demo' } }), 409, 'user_target_already_exists')
      expectError(await api.request('PATCH', '/account/email', { session, body: { email: 'new@example.com', password: 'wrong-password' } }), 401, 'user_invalid_credentials')
    })
  })
})
