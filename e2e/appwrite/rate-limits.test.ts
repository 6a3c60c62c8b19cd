// Abuse limits with X-RateLimit-* headers (docs/appwrite/wire.md sections 3 and 3.3, step 9).
import { describe, expect, it } from 'vitest'
import { DEMO_API_KEY, expectError, newEmail, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const api = suiteServer({ version, rateLimits: true })

  const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
    api.request('POST', '/account/sessions/email', { headers, body: { email, password } })

  async function createUser(): Promise<string> {
    const email = newEmail('limited')
    await api.request('POST', '/account', { headers: { 'X-Appwrite-Key': DEMO_API_KEY }, body: { userId: 'unique()', email, password: 'password-123' } })
    return email
  }

  describe('email sign-in limit: 10 an hour per email', () => {
    it('counts down, then answers 429, without touching other emails', async () => {
      const email = await createUser()
      for (let i = 1; i <= 10; i++) {
        const response = await attempt(email, 'wrong-password')
        expect(response.status).toBe(401)
        expect(response.headers.get('x-ratelimit-limit')).toBe('10')
        expect(response.headers.get('x-ratelimit-remaining')).toBe(String(10 - i))
        const reset = Number(response.headers.get('x-ratelimit-reset'))
        expect(reset % 3600).toBe(0)
        expect(reset * 1000).toBeGreaterThan(Date.now())
      }
      const blocked = await attempt(email, 'password-123')
      expect(expectError(blocked, 429, 'general_rate_limit_exceeded').message).toBe('Rate limit for the current endpoint has been exceeded. Please try again after some time.')
      expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0')
      expect((await attempt(await createUser(), 'password-123')).status).toBe(201)
    })

    it('resets the counter when a sign-in succeeds (201)', async () => {
      const email = await createUser()
      for (let i = 0; i < 3; i++) await attempt(email, 'wrong-password')
      const success = await attempt(email, 'password-123')
      expect(success.status).toBe(201)
      expect(success.headers.get('x-ratelimit-remaining')).toBe('6')
      expect((await attempt(email, 'wrong-password')).headers.get('x-ratelimit-remaining')).toBe('9')
    })

    it('does not limit API-key callers, but still sends the headers', async () => {
      const email = await createUser()
      for (let i = 0; i < 12; i++) {
        const response = await attempt(email, 'wrong-password', { 'X-Appwrite-Key': DEMO_API_KEY })
        expect(response.status).toBe(401)
        expect(response.headers.get('x-ratelimit-remaining')).toBe('9')
      }
    })

    it('counts per IP for anonymous sessions and does not send the headers on unlimited routes', async () => {
      const response = await api.request('POST', '/account/sessions/anonymous')
      expect(response.headers.get('x-ratelimit-limit')).toBe('50')
      expect((await api.request('GET', '/account')).headers.get('x-ratelimit-limit')).toBeNull()
    })

    it('starts a new window when the clock passes the reset time', async () => {
      const email = await createUser()
      for (let i = 0; i < 10; i++) await attempt(email, 'wrong-password')
      expect((await attempt(email, 'wrong-password')).status).toBe(429)
      await api.dev('POST', '/__dev/clock', { offsetMs: 3_600_000 })
      expect((await attempt(email, 'password-123')).status).toBe(201)
    })
  })

  describe('with rate limits switched off', () => {
    it('never answers 429 and reports remaining as limit - 1', async () => {
      const relaxed = await startTestServer({ version, rateLimits: false })
      try {
        const session = await relaxed.signIn('alan@example.com')
        for (let i = 0; i < 3; i++) {
          const response = await relaxed.request('POST', '/account/jwts', { session })
          expect(response.status).toBe(201)
          expect(response.headers.get('x-ratelimit-limit')).toBe('120')
          expect(response.headers.get('x-ratelimit-remaining')).toBe('119')
        }
        for (let i = 0; i < 12; i++) expect((await relaxed.request('POST', '/account/sessions/email', { body: { email: 'ada@example.com', password: 'nope-nope' } })).status).toBe(401)
      } finally {
        await relaxed.close()
      }
    })
  })
})
