// The `--tls` mode: HTTPS with HTTP/2, HTTP/1.1 for clients that offer only that, and a certificate
// trusted by its key hash. Each request checks what the server answered, on both server lines.
import { createHash, X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCertificate, keptCertificate, spkiHashOfCertificate } from './certificate.ts'
import { DEMO_PASSWORD } from './default-config.ts'
import { startServer, type RunningServer } from './server.ts'
import { APPWRITE_VERSIONS } from './testing.ts'

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

function h2Request(session: ClientHttp2Session, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': path, ...headers })
    let answerHeaders: IncomingHttpHeaders = {}
    const chunks: Buffer[] = []
    stream.on('response', (h) => (answerHeaders = h))
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve({ status: Number(answerHeaders[':status']), headers: answerHeaders, body: Buffer.concat(chunks).toString('utf8') }))
    stream.on('error', reject)
    stream.end(body)
  })
}

/** node:https offers no ALPN protocol, so a server that speaks HTTP/2 must answer it in HTTP/1.1. */
function http1Request(url: string, options: { ca?: string; headers?: Record<string, string> } = {}): Promise<Answer & { httpVersion: string; socket: TLSSocket }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ...(options.ca ? { ca: options.ca } : {}), headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), httpVersion: res.httpVersion, socket: res.socket as TLSSocket }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe.each(APPWRITE_VERSIONS)('TLS mode on Appwrite %s', (version) => {
  let server: RunningServer
  let origin: string
  let cert: string
  beforeAll(async () => {
    server = await startServer({ port: 0, rateLimits: false, version, tls: true })
    origin = server.endpoint.replace(/\/v1$/, '')
    cert = server.certificate?.cert ?? ''
  })
  afterAll(() => server.close())

  it('serves https on the loopback address with a certificate for it', () => {
    expect(server.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1$/)
    const x509 = new X509Certificate(cert)
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(x509.checkHost('localhost')).toBe('localhost')
    expect(x509.verify(x509.publicKey)).toBe(true)
  })

  it('signs in and reads the account over HTTP/2, several requests sharing one connection', async () => {
    const session = connect(origin, { ca: cert })
    try {
      const headers = { 'x-appwrite-project': 'demo', 'content-type': 'application/json' }
      const signIn = await h2Request(session, 'POST', '/v1/account/sessions/email', headers, JSON.stringify({ email: 'ada@example.com', password: DEMO_PASSWORD }))
      expect(session.alpnProtocol).toBe('h2')
      expect(signIn.status).toBe(201)
      const encoded = (JSON.parse(String(signIn.headers['x-fallback-cookies'])) as Record<string, string>)['a_session_demo'] ?? ''
      const reads = await Promise.all(Array.from({ length: 5 }, () => h2Request(session, 'GET', '/v1/account', { 'x-appwrite-project': 'demo', 'x-appwrite-session': encoded })))
      expect(reads.map((r) => [r.status, (JSON.parse(r.body) as { email: string }).email])).toEqual(Array.from({ length: 5 }, () => [200, 'ada@example.com']))
      // The dev routes answer a loopback Host only: HTTP/2's :authority stands for it.
      const outbox = await h2Request(session, 'GET', '/__dev/outbox')
      expect(outbox.status).toBe(200)
    } finally {
      session.close()
    }
  })

  it('answers a client that speaks only HTTP/1.1 in HTTP/1.1', async () => {
    const answer = await http1Request(`${server.endpoint}/health/version`, { ca: cert })
    expect([answer.httpVersion, answer.status, JSON.parse(answer.body)]).toEqual(['1.1', 200, { version }])
  })

  it('presents the key whose hash it reports, and a client that does not trust it refuses', async () => {
    const answer = await http1Request(`${server.endpoint}/health/version`, { ca: cert })
    const presented = answer.socket.getPeerX509Certificate()
    expect(presented && createHash('sha256').update(presented.publicKey.export({ type: 'spki', format: 'der' })).digest('base64')).toBe(server.certificate?.spkiHash)
    await expect(http1Request(`${server.endpoint}/health/version`)).rejects.toMatchObject({ code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY/) })
  })

  it('serves many requests at once over one HTTP/2 connection with its latency added once, not in turn', async () => {
    const slow = await startServer({ port: 0, rateLimits: false, version, tls: true, latencyMs: 100 })
    const session = connect(slow.endpoint.replace(/\/v1$/, ''), { ca: slow.certificate?.cert ?? '' })
    try {
      await h2Request(session, 'GET', '/v1/health/version')
      const started = performance.now()
      const answers = await Promise.all(Array.from({ length: 20 }, () => h2Request(session, 'GET', '/v1/health/version')))
      const elapsed = performance.now() - started
      expect(answers.every((a) => a.status === 200)).toBe(true)
      expect(elapsed).toBeGreaterThanOrEqual(100)
      // In turn they would take 2 s; a busy machine may add some, never that much.
      expect(elapsed).toBeLessThan(1000)
    } finally {
      session.close()
      await slow.close()
    }
  })
})

describe('TLS certificates', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanyard-tls-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('keeps one certificate in its folder across starts, and reports the same key hash', async () => {
    const first = keptCertificate(dir)
    const again = keptCertificate(dir)
    expect(again).toEqual(first)
    expect(await readFile(join(dir, 'tls-cert.pem'), 'utf8')).toBe(first.cert)
    expect(spkiHashOfCertificate(first.cert)).toBe(first.spkiHash)
  })

  it('replaces a kept certificate that is about to end', async () => {
    const other = await mkdtemp(join(dir, 'old-'))
    const old = keptCertificate(other, new Date(Date.now() - 360 * 86_400_000))
    const renewed = keptCertificate(other)
    expect(renewed.spkiHash).not.toBe(old.spkiHash)
    expect(new Date(new X509Certificate(renewed.cert).validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000)
  })

  it('makes a new key for every certificate', () => {
    expect(createCertificate().spkiHash).not.toBe(createCertificate().spkiHash)
  })
})
