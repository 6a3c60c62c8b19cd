// The test and demo controls: faults, outbox, clock, reset, persistence, latency and the CLI.
import { spawn } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectError, startTestServer, suiteServer, APPWRITE_VERSIONS } from './testing.ts'

describe.each(APPWRITE_VERSIONS)('Appwrite %s', (version) => {
  const api = suiteServer({ version })
  afterEach(async () => {
    await api.dev('DELETE', '/__dev/faults')
  })

  describe('faults', () => {
    it('answers matching requests with the given status and body, the given number of times', async () => {
      const created = await api.dev('POST', '/__dev/faults', { method: 'get', path: '/v1/account/*', status: 503, body: { message: 'down', code: 503, type: 'general_unknown', version: '1.9.6' }, times: 2 })
      expect(created.status).toBe(201)
      expect((await api.dev('GET', '/__dev/faults')).json).toEqual([expect.objectContaining({ path: '/v1/account/*', remaining: 2 })])
      const first = await api.request('GET', '/account/sessions')
      expect(first.status).toBe(503)
      expect(first.json).toMatchObject({ message: 'down' })
      // `*` stays within one segment, and other methods do not match.
      expect((await api.request('GET', '/account')).status).toBe(401)
      expect((await api.request('GET', '/account/sessions/x/y')).status).not.toBe(503)
      expect((await api.request('POST', '/account/sessions/anonymous')).status).toBe(201)
      expect((await api.request('GET', '/account/identities')).status).toBe(503)
      expect((await api.request('GET', '/account/identities')).status).toBe(401)
      expect((await api.dev('GET', '/__dev/faults')).json).toEqual([])
    })

    it('drops the connection, sends malformed JSON, or delays', async () => {
      await api.dev('POST', '/__dev/faults', { path: '/v1/**', dropConnection: true, times: 1 })
      await expect(fetch(`${api.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'demo' } })).rejects.toThrow()

      await api.dev('POST', '/__dev/faults', { path: '/v1/account', malformedBody: true, times: 1 })
      const malformed = await fetch(`${api.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'demo' } })
      expect(malformed.status).toBe(200)
      await expect(malformed.json()).rejects.toThrow()

      await api.dev('POST', '/__dev/faults', { path: '/v1/account', delayMs: 150, times: 1 })
      const started = performance.now()
      const delayed = await api.request('GET', '/account')
      expect(delayed.status).toBe(401)
      expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    })

    it('applies a fault naming a project only to requests for that project', async () => {
      await api.dev('POST', '/__dev/faults', { path: '/v1/account', project: 'hostile', status: 503 })
      expect((await fetch(`${api.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'demo' } })).status).toBe(401)
      expect((await fetch(`${api.endpoint}/account`, { headers: { 'X-Appwrite-Project': 'hostile' } })).status).toBe(503)
      expect((await api.dev('POST', '/__dev/faults', { path: '/v1/account', project: 7 })).status).toBe(400)
    })

    it('rejects a fault without a path', async () => {
      const response = await api.dev('POST', '/__dev/faults', { status: 500 })
      expect(response.status).toBe(400)
      expect(response.json).toEqual({ message: '"path" must be a glob starting with "/"' })
    })
  })

  describe('outbox, clock and reset', () => {
    it('lists messages oldest first, shows them on /__dev/, and clears them', async () => {
      await api.dev('DELETE', '/__dev/outbox')
      await api.request('POST', '/account/tokens/email', { body: { userId: 'unique()', email: 'first@example.com' } })
      await api.request('POST', '/account/tokens/magic-url', { body: { userId: 'unique()', email: 'second@example.com', url: 'http://localhost/m' } })
      const outbox = (await api.dev('GET', '/__dev/outbox')).json as { id: string; channel: string; to: string; subject: string; text: string; html: string; createdAt: string }[]
      expect(outbox.map((message) => message.to)).toEqual(['first@example.com', 'second@example.com'])
      for (const message of outbox) expect(Object.keys(message)).toEqual(expect.arrayContaining(['id', 'channel', 'to', 'subject', 'text', 'html', 'createdAt']))
      const page = await fetch(`${api.base}/__dev/`)
      expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      const html = await page.text()
      expect(html).toContain('second@example.com')
      expect(html).toContain('http://localhost/m?userId=')
      expect((await api.dev('DELETE', '/__dev/outbox')).status).toBe(204)
      expect((await api.dev('GET', '/__dev/outbox')).json).toEqual([])
    })

    it('moves the clock forward', async () => {
      const before = (await api.dev('GET', '/__dev/clock')).json as { offsetMs: number; now: string }
      const after = (await api.dev('POST', '/__dev/clock', { offsetMs: 86_400_000 })).json as { offsetMs: number; now: string }
      expect(after.offsetMs - before.offsetMs).toBe(86_400_000)
      expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000)
      expect((await api.dev('POST', '/__dev/clock', { offsetMs: 'tomorrow' })).status).toBe(400)
    })

    it('resets to the configured data', async () => {
      const session = await api.signIn('grace@example.com')
      await api.request('PATCH', '/account/name', { session, body: { name: 'Changed' } })
      expect((await api.dev('POST', '/__dev/reset')).status).toBe(204)
      expect((await api.request('GET', '/account', { session })).status).toBe(401)
      const fresh = await api.signIn('grace@example.com')
      expect((await api.request('GET', '/account', { session: fresh })).json).toMatchObject({ name: 'Grace Hopper' })
      expect((await api.dev('GET', '/__dev/clock')).json).toMatchObject({ offsetMs: 0 })
    })
  })

  describe('who may call them', () => {
    /** A raw request, so the Host header can be anything (fetch does not let one set it). */
    function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
      const url = new URL(path, api.base)
      return new Promise((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        })
        req.on('error', reject)
        req.end(body)
      })
    }

    it('refuses a non-loopback Host (DNS rebinding) and any web page Origin, even for reads', async () => {
      const port = new URL(api.base).port
      await api.request('POST', '/account/recovery', { body: { email: 'grace@example.com', url: 'http://localhost/recover' } })
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
        expect((await raw('GET', '/__dev/outbox', { Host: host })).status).toBe(200)
      }
      for (const host of [`evil.example:${port}`, 'attacker.test', `127.0.0.1.evil.example:${port}`, `localhost.evil.example:${port}`]) {
        const refused = await raw('GET', '/__dev/outbox', { Host: host })
        expect(refused.status).toBe(403)
        expect(refused.text).not.toContain('grace@example.com')
      }
      for (const origin of ['https://evil.example', 'http://localhost:5173', 'null']) {
        expect((await raw('GET', '/__dev/outbox', { Host: `127.0.0.1:${port}`, Origin: origin })).status).toBe(403)
      }
    })

    it('takes state changes only as JSON: a cross-site text/plain or form POST changes nothing', async () => {
      const port = new URL(api.base).port
      await api.dev('POST', '/__dev/clock', { offsetMs: 1000 })
      const simple: Record<string, string>[] = [
        { 'Content-Type': 'text/plain' },
        { 'Content-Type': 'application/x-www-form-urlencoded' },
        {},
      ]
      for (const headers of simple) {
        expect((await raw('POST', '/__dev/reset', { Host: `127.0.0.1:${port}`, ...headers }, '{}')).status).toBe(415)
        expect((await raw('DELETE', '/__dev/faults', { Host: `127.0.0.1:${port}`, ...headers })).status).toBe(415)
      }
      expect((await raw('POST', '/__dev/reset', { Host: `127.0.0.1:${port}`, Origin: 'https://evil.example', 'Content-Type': 'application/json' }, '{}')).status).toBe(403)
      expect(((await api.dev('GET', '/__dev/clock')).json as { offsetMs: number }).offsetMs).toBe(1000)
      expect((await raw('POST', '/__dev/reset', { Host: `localhost:${port}`, 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(204)
      expect(((await api.dev('GET', '/__dev/clock')).json as { offsetMs: number }).offsetMs).toBe(0)
    })
  })

  describe('persistence, latency and the CLI', () => {
    it('keeps state in the --data file across restarts', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'appwrite-data-'))
      const dataFile = join(dir, 'state.json')
      try {
        const first = await startTestServer({ version, dataFile })
        const session = await first.signIn('alan@example.com')
        await first.request('PATCH', '/account/name', { session, body: { name: 'Persisted Alan' } })
        const { jwt } = (await first.request('POST', '/account/jwts', { session })).json as { jwt: string }
        await first.close()
        expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toMatchObject({ version: 1 })

        const second = await startTestServer({ version, dataFile })
        try {
          expect((await second.request('GET', '/account', { session })).json).toMatchObject({ name: 'Persisted Alan' })
          expect((await second.request('GET', '/account', { headers: { 'X-Appwrite-JWT': jwt } })).status).toBe(200)
        } finally {
          await second.close()
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })

    it('adds the configured latency to API responses', async () => {
      const slow = await startTestServer({ version, latencyMs: 120 })
      try {
        const started = performance.now()
        expectError(await slow.request('GET', '/account'), 401, 'general_unauthorized_scope')
        expect(performance.now() - started).toBeGreaterThanOrEqual(110)
      } finally {
        await slow.close()
      }
    })

    it(version === '2.7.1' ? 'prints exactly one line when listening, serving the demo as 2.7.1' : 'prints exactly one line when listening, serving --appwrite-version 1.9.6', async () => {
      // The demo config runs 2.7.1; the flag overrides it.
      const flag = version === '2.7.1' ? [] : ['--appwrite-version', version]
      const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/appwrite/cli.ts', '--port', '0', ...flag], { stdio: ['ignore', 'pipe', 'pipe'] })
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let output = ''
          child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString()
            if (output.includes('\n')) resolve(output)
          })
          child.on('exit', (code) => reject(new Error(`exited with ${code}`)))
        })
        expect(line).toMatch(/^Appwrite-compatible server listening on http:\/\/127\.0\.0\.1:\d+\/v1\n$/)
        const endpoint = line.trim().split(' ').at(-1) ?? ''
        expect(await (await fetch(`${endpoint}/health/version`)).json()).toEqual({ version })
      } finally {
        child.kill('SIGTERM')
      }
    })
  })
})
