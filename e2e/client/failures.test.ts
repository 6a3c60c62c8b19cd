// How the client fails against a real server: each failure a typed error a person can act on.
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppwriteError, createAccountClient, probeProject } from '../../src/appwrite/index.ts'
import { type Harness, PASSWORD, PROJECT, startHarness, rejection, uniqueEmail } from './harness.ts'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ rateLimits: true, timeoutMs: 1_000 })
})
afterAll(() => h.close())

async function signedIn(label: string) {
  const email = uniqueEmail(label)
  const userId = await h.createUser(email)
  const { session } = await h.client.signInWithEmailPassword({ email, password: PASSWORD })
  return { userId, email, session }
}

function fault(input: Record<string, unknown>) {
  return h.server.dev('POST', '/__dev/faults', { times: 1, ...input })
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('failures', () => {
  it('treats an expired session as signed out (401)', async () => {
    const u = await signedIn('expired')
    await h.server.dev('POST', '/__dev/clock', { offsetMs: 366 * 24 * 3600 * 1000 })
    try {
      const error = await rejection(h.client.getAccount(u.session))
      expect(error.toData()).toEqual(expect.objectContaining({ type: 'general_unauthorized_scope', code: 401 }))
    } finally {
      await h.server.dev('POST', '/__dev/clock', { offsetMs: -366 * 24 * 3600 * 1000 })
    }
  })

  it('carries when to retry on 429', async () => {
    const email = uniqueEmail('throttled')
    await h.createUser(email)
    let error: AppwriteError | null = null
    // Sign-in allows 10 attempts per hour per email (docs/appwrite/wire.md section 3.1).
    for (let attempt = 0; attempt < 11 && error?.code !== 429; attempt++) {
      error = await rejection(h.client.signInWithEmailPassword({ email, password: 'wrong-password' }))
    }
    expect(error?.type).toBe('general_rate_limit_exceeded')
    expect(error?.retryAfterMs).toBeGreaterThan(0)
    expect(error?.retryAfterMs).toBeLessThanOrEqual(3_600_000)
    expect(error?.toData().retryAfterMs).toBe(error?.retryAfterMs)
  })

  it("keeps Appwrite's error on a 5xx with an Appwrite body", async () => {
    const u = await signedIn('5xx')
    await fault({ path: '/v1/account', method: 'GET', status: 503, body: { message: 'SMTP is down', code: 503, type: 'general_smtp_disabled', version: '1.9.6' } })
    expect((await rejection(h.client.getAccount(u.session))).toData()).toEqual({ type: 'general_smtp_disabled', code: 503, message: 'SMTP is down' })
  })

  it('names the status on a 5xx that is not from Appwrite', async () => {
    const u = await signedIn('502')
    await fault({ path: '/v1/account/sessions', method: 'GET', status: 502, body: '<html>Bad Gateway</html>' })
    const error = await rejection(h.client.listSessions(u.session))
    expect(error.toData()).toEqual({ type: 'lanyard_server_error', code: 502, message: expect.stringMatching(/HTTP 502 on GET \/account\/sessions/) })
  })

  it('reports malformed JSON with the endpoint, never the session', async () => {
    const u = await signedIn('malformed')
    await fault({ path: '/v1/account/prefs', method: 'GET', malformedBody: true })
    const error = await rejection(h.client.getPrefs(u.session))
    expect(error.type).toBe('lanyard_malformed_response')
    expect(error.message).toMatch(/GET \/account\/prefs/)
    expect(error.message).not.toContain(u.session)
  })

  it('reports a body that breaks the schema with the field', async () => {
    const u = await signedIn('schema')
    const real = await h.client.getAccount(u.session)
    await fault({ path: '/v1/account', method: 'GET', status: 200, body: { ...real, name: 42 } })
    const error = await rejection(h.client.getAccount(u.session))
    expect(error.type).toBe('lanyard_malformed_response')
    expect(error.message).toMatch(/name should be string/)
  })

  it('times out on a server that does not answer', async () => {
    const u = await signedIn('slow')
    await fault({ path: '/v1/account', method: 'GET', delayMs: 5_000 })
    const error = await rejection(h.client.getAccount(u.session))
    expect(error.toData()).toEqual({ type: 'lanyard_timeout', code: 0, message: expect.stringMatching(/127\.0\.0\.1:\d+ did not answer within 1 s/) })
  })

  it('names the host when the connection drops', async () => {
    const u = await signedIn('drop')
    await fault({ path: '/v1/account', method: 'GET', dropConnection: true })
    const error = await rejection(h.client.getAccount(u.session))
    expect(error.type).toBe('lanyard_network')
  })

  it('names the host when the server is down', async () => {
    const port = await closedPort()
    const client = createAccountClient({ endpoint: `http://127.0.0.1:${port}/v1`, projectId: PROJECT })
    const error = await rejection(client.signInAnonymously())
    expect(error.toData()).toEqual({ type: 'lanyard_network', code: 0, message: `Could not reach 127.0.0.1:${port}. Check that the server is running and the endpoint is right.` })
  })

  it('names the host to register when Appwrite rejects the Origin', async () => {
    // What a browser would add to a POST if the extension did not remove its Origin (docs/appwrite/wire.md section 9).
    const client = createAccountClient({
      endpoint: h.server.endpoint,
      projectId: PROJECT,
      fetch: (url, init) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: 'chrome-extension://pppppppppppppppppppppppppppppppp' } }),
    })
    const error = await rejection(client.signInAnonymously())
    expect(error.type).toBe('general_unknown_origin')
    expect(error.code).toBe(403)
    expect(error.message).toMatch(/hostname "pppppppppppppppppppppppppppppppp"/)
  })
})

describe('probeProject', () => {
  it('accepts a running Appwrite project and reports its version', async () => {
    expect(await probeProject(h.server.endpoint, PROJECT)).toEqual({ ok: true, endpoint: h.server.endpoint, version: expect.stringMatching(/^1\.9\./) })
  })

  it('says a project id is unknown', async () => {
    const result = await probeProject(h.server.endpoint, 'no-such-project')
    expect(result).toEqual({ ok: false, reason: 'unknown_project', error: expect.objectContaining({ type: 'project_not_found', code: 404, message: expect.stringMatching(/no-such-project/) }) })
  })

  it('says an endpoint on the wrong path is not Appwrite', async () => {
    const result = await probeProject(`${h.server.base}/not-the-api`, PROJECT)
    expect(result).toEqual(expect.objectContaining({ ok: false, reason: 'not_appwrite' }))
  })

  it('says a closed port is unreachable', async () => {
    const result = await probeProject(`http://127.0.0.1:${await closedPort()}/v1`, PROJECT)
    expect(result).toEqual(expect.objectContaining({ ok: false, reason: 'unreachable' }))
  })

  it.each([
    ['javascript:alert(1)', /javascript:/],
    ['ftp://127.0.0.1/v1', /ftp:/],
    ['https://user:pass@appwrite.example.com/v1', /user name and password/],
    ['http://appwrite.example.com/v1', /unencrypted/],
  ])('refuses %s with a specific message', async (endpoint, message) => {
    const result = await probeProject(endpoint, PROJECT)
    expect(result).toEqual({ ok: false, reason: 'invalid_endpoint', error: { type: 'lanyard_invalid_endpoint', code: 0, message: expect.stringMatching(message) } })
  })
})
