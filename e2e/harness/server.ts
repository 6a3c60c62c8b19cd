// The local Appwrite-compatible server, started in-process for a test, plus the two outside views
// a test needs to check effects: the project key API (`X-Appwrite-Key`) and the dev-only
// outbox/faults routes (e2e/appwrite README). Neither is ever used by the extension.
import { startServer } from '../appwrite/server.ts'
import type { Certificate } from '../appwrite/certificate.ts'
import type { AppwriteVersion, ConfigObject, ProjectInput } from '../appwrite/config.ts'
import { trustingFetch, type FetchLike } from './trusting-fetch.ts'
import type { FaultInput } from '../appwrite/faults.ts'
import type { OutboxMessage } from '../appwrite/outbox.ts'

export type { FaultInput, OutboxMessage }

export const TEST_KEY = 'lanyard-e2e-key'
export const TEST_PASSWORD = 'correct-horse-42'

export interface AdminUser {
  $id: string
  email: string
  name: string
  phone: string
  status: boolean
  emailVerification: boolean
  phoneVerification: boolean
  prefs: Record<string, unknown>
}

export interface AdminSession {
  $id: string
  userId: string
  current: boolean
  /**
   * Set only in the answer to `createSession`: the encoded session, `base64({"id","secret"})`, the
   * same value a cookie or `X-Appwrite-Session` carries (docs/appwrite/wire.md sections 1.2, 2.1).
   */
  secret: string
  expire: string
  provider: string
}

/** Project-scoped key API calls, as a server SDK would make them. */
export interface Admin {
  listUsers(): Promise<AdminUser[]>
  getUser(userId: string): Promise<AdminUser>
  createUser(input: { userId?: string; email?: string; password?: string; name?: string; phone?: string }): Promise<AdminUser>
  listSessions(userId: string): Promise<AdminSession[]>
  /** A new session made by the server for the user; its `secret` is the encoded session. */
  createSession(userId: string): Promise<AdminSession>
  deleteSessions(userId: string): Promise<void>
  setStatus(userId: string, status: boolean): Promise<void>
}

export interface TestServer {
  /** e.g. `http://127.0.0.1:41234/v1` */
  endpoint: string
  /** e.g. `http://127.0.0.1:41234` */
  origin: string
  host: string
  port: number
  admin(projectId: string): Admin
  outbox(): Promise<OutboxMessage[]>
  clearOutbox(): Promise<void>
  addFault(fault: FaultInput): Promise<void>
  clearFaults(): Promise<void>
  /** Moves the server's clock forward, e.g. past a session's expiry. */
  advanceClock(ms: number): Promise<void>
  /** In TLS mode: the certificate served, whose `spkiHash` Chromium is told to trust. */
  certificate?: Certificate
  close(): Promise<void>
}

export interface TestServerOptions {
  /** Delays every API response, as `--latency` does (the bench's fan-out uses it). */
  latencyMs?: number
  /** HTTPS with HTTP/2 serving this certificate (`--tls`); default plain HTTP/1.1. */
  tls?: Certificate
  /** Overrides the config's Appwrite version. */
  version?: AppwriteVersion
}

/** A project with a key for the admin API; the platforms list decides which Origins it accepts. */
export function testProject(id: string, extra: Partial<ProjectInput> = {}): ProjectInput {
  return { $id: id, name: id, keys: [{ secret: TEST_KEY }], ...extra }
}

/** The raw secret inside an encoded session, base64 of `{"id","secret"}` (docs/appwrite/wire.md section 1.2). */
export function sessionSecretOf(encoded: string): string {
  return (JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { secret: string }).secret
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  const text = await response.text()
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`)
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

export async function startTestServer(config: ConfigObject, options: TestServerOptions = {}): Promise<TestServer> {
  // The server's domain is the host the extension reaches it by, as on a real deployment (`_APP_DOMAIN`), so
  // its link URLs (the endpoint's origin) pass the Redirect check.
  const server = await startServer({
    config: { domain: '127.0.0.1', ...config },
    host: '127.0.0.1',
    port: 0,
    latencyMs: options.latencyMs ?? 0,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.version ? { version: options.version } : {}),
  })
  const endpoint = server.endpoint
  const url = new URL(endpoint)
  const origin = url.origin
  const fetch: FetchLike = options.tls ? trustingFetch(options.tls.cert) : globalThis.fetch

  function admin(projectId: string): Admin {
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${endpoint}${path}`, {
        method,
        headers: { 'X-Appwrite-Project': projectId, 'X-Appwrite-Key': TEST_KEY, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => expectOk(response, `${method} ${path}`))
    return {
      listUsers: async () => ((await call('GET', '/users')) as { users: AdminUser[] }).users,
      getUser: async (userId) => (await call('GET', `/users/${userId}`)) as AdminUser,
      createUser: async (input) => (await call('POST', '/users', { userId: input.userId ?? 'unique()', ...input })) as AdminUser,
      listSessions: async (userId) => ((await call('GET', `/users/${userId}/sessions`)) as { sessions: AdminSession[] }).sessions,
      createSession: async (userId) => (await call('POST', `/users/${userId}/sessions`)) as AdminSession,
      deleteSessions: async (userId) => void (await call('DELETE', `/users/${userId}/sessions`)),
      setStatus: async (userId, status) => void (await call('PATCH', `/users/${userId}/status`, { status })),
    }
  }

  const dev = (method: string, path: string, body?: unknown) =>
    fetch(`${origin}/__dev/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => expectOk(response, `${method} /__dev/${path}`))

  return {
    endpoint,
    origin,
    host: url.host,
    port: Number(url.port),
    admin,
    outbox: async () => (await dev('GET', 'outbox')) as OutboxMessage[],
    clearOutbox: async () => void (await dev('DELETE', 'outbox')),
    addFault: async (fault) => void (await dev('POST', 'faults', fault)),
    clearFaults: async () => void (await dev('DELETE', 'faults')),
    advanceClock: async (offsetMs) => void (await dev('POST', 'clock', { offsetMs })),
    ...(server.certificate ? { certificate: server.certificate } : {}),
    close: () => server.close(),
  }
}

/** The first link in the newest message to `to` (magic URL, verification, recovery). */
export async function latestLink(server: TestServer, to: string): Promise<string> {
  const message = (await server.outbox()).filter((m) => m.to === to).at(-1)
  const link = message?.text.match(/https?:\/\/\S+/)?.[0]
  if (!link) throw new Error(`No link in the outbox for ${to}`)
  return link
}

/** The newest 6-digit code sent to `to` (email OTP, SMS). */
export async function latestCode(server: TestServer, to: string): Promise<string> {
  const message = (await server.outbox()).filter((m) => m.to === to).at(-1)
  const code = message?.text.match(/\b\d{6}\b/)?.[0]
  if (!code) throw new Error(`No code in the outbox for ${to}`)
  return code
}
