// Starts the local Appwrite-compatible server for the client's tests and wraps what they need:
// a client whose every request is recorded, the server's key API to check effects, and its outbox.
import { expect } from 'vitest'
import { type AccountClient, AppwriteError, createAccountClient, type FetchLike } from '../../src/appwrite/index.ts'
import type { ConfigObject } from '../appwrite/config.ts'
import { startTestServer, type TestServer } from '../appwrite/testing.ts'

export const PROJECT = 'lanyard'
export const KEY = 'standard_client_tests_0123456789'
export const PASSWORD = 'correct-horse-1'
export const MOCK_PHONE = '+15555550100'
export const MOCK_OTP = '654321'
/** The OAuth2 redirect host the extension registers (docs/appwrite/wire.md section 2.3). */
export const REDIRECT_HOST = 'abcdefghijklmnopabcdefghijklmnop.chromiumapp.org'
/** Where emailed links point: a registered platform, as the Redirect validator demands (docs/appwrite/wire.md section 5). */
export const APP_URL = 'https://app.example.com/auth'

export const config: ConfigObject = {
  projects: [
    {
      $id: PROJECT,
      platforms: [
        { type: 'web', hostname: REDIRECT_HOST },
        { type: 'web', hostname: 'app.example.com' },
      ],
      keys: [{ secret: KEY, scopes: ['users.read', 'users.write'] }],
      auths: { mockNumbers: [{ phone: MOCK_PHONE, otp: MOCK_OTP }] },
      oauth2: { mock: { email: 'oauth@example.com', name: 'OAuth User', id: '42' } },
    },
  ],
}

export interface RecordedRequest {
  url: string
  init: RequestInit
}

export interface Harness {
  server: TestServer
  client: AccountClient
  requests: RecordedRequest[]
  /** GET through the key API (`/users/...`), as an admin would check an effect. */
  admin<T>(path: string): Promise<T>
  /** Creates a user through the key API and returns its id. */
  createUser(email: string, extra?: Record<string, unknown>): Promise<string>
  /** The newest outbox message of `kind` to `to`. */
  lastMessage(to: string, kind: string): Promise<{ url: string; secret: string; userId: string; text: string }>
  close(): Promise<void>
}

let emailCounter = 0
export function uniqueEmail(label: string): string {
  emailCounter++
  return `${label}-${emailCounter}-${Math.random().toString(36).slice(2, 8)}@example.com`
}

export async function startHarness(options: { rateLimits?: boolean; fetch?: FetchLike; timeoutMs?: number } = {}): Promise<Harness> {
  const server = await startTestServer({ config, rateLimits: options.rateLimits ?? false })
  const requests: RecordedRequest[] = []
  const inner: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const recording: FetchLike = (url, init) => {
    requests.push({ url, init })
    return inner(url, init)
  }
  const client = createAccountClient({ endpoint: server.endpoint, projectId: PROJECT, fetch: recording, timeoutMs: options.timeoutMs })

  async function admin<T>(path: string): Promise<T> {
    const response = await server.request('GET', path, { project: PROJECT, headers: { 'X-Appwrite-Key': KEY } })
    if (response.status !== 200) throw new Error(`admin GET ${path}: ${response.status} ${response.text}`)
    return response.json as T
  }

  return {
    server,
    client,
    requests,
    admin,
    async createUser(email, extra = {}) {
      const body = { userId: 'unique()', email, password: PASSWORD, ...extra }
      const response = await server.request('POST', '/users', { project: PROJECT, headers: { 'X-Appwrite-Key': KEY }, body })
      if (response.status !== 201) throw new Error(`admin POST /users: ${response.status} ${response.text}`)
      return (response.json as { $id: string }).$id
    },
    async lastMessage(to, kind) {
      const response = await server.dev('GET', `/__dev/outbox?to=${encodeURIComponent(to)}`)
      const messages = (response.json as { kind: string; url: string; secret: string; userId: string; text: string }[]).filter((m) => m.kind === kind)
      const message = messages.at(-1)
      if (!message) throw new Error(`no ${kind} message to ${to}`)
      return message
    },
    close: () => server.close(),
  }
}

/** Every request the client made omitted ambient credentials and refused redirects (docs/appwrite/wire.md section 7). */
export function expectEveryRequestSafe(requests: RecordedRequest[]): void {
  expect(requests.length).toBeGreaterThan(0)
  for (const { init } of requests) {
    expect(init.credentials).toBe('omit')
    expect(init.redirect).toBe('error')
    expect(init.signal).toBeInstanceOf(AbortSignal)
  }
}

/**
 * Follows the OAuth2 redirects as `launchWebAuthFlow` would, up to the first URL off the server.
 * `alter` may change each hop, e.g. to play a provider that refuses.
 */
export async function followOAuth2(startUrl: string, serverOrigin: string, alter: (url: string) => string = (url) => url): Promise<string> {
  let url = startUrl
  for (let hop = 0; hop < 10; hop++) {
    if (!url.startsWith(serverOrigin)) return url
    const response = await fetch(alter(url), { redirect: 'manual' })
    const location = response.headers.get('Location')
    if (location === null) throw new Error(`OAuth2 flow stopped at ${new URL(url).pathname} with ${response.status}`)
    url = new URL(location, url).href
  }
  throw new Error('OAuth2 flow redirected too often')
}

/** The AppwriteError a promise rejects with; fails the test when it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<AppwriteError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppwriteError)
  return error as AppwriteError
}
