// A whole worker for unit tests: the real features and spine over the fake browser, talking real
// HTTP to the local Appwrite-compatible server (e2e/appwrite) started in this process. Tests send
// requests the way a page does and check the effect: what the worker stored through `stored`, what
// the server holds through `admin` (its key API); `fault` makes the server misbehave. These live here,
// once, so every feature's tests read the same things the same way.
// Test files that use it run in Node: `// @vitest-environment node`.
import { DEMO_API_KEY, DEMO_PASSWORD, startTestServer, type RawResponse, type TestServer } from '../../../e2e/appwrite/testing.ts'
import type { AppwriteVersion, ConfigObject } from '../../../e2e/appwrite/config.ts'
export { APPWRITE_VERSIONS, type AppwriteVersion } from '../../../e2e/appwrite/config.ts'
import type { FaultInput } from '../../../e2e/appwrite/faults.ts'
import type { SessionList } from '../../appwrite/models.ts'
import type { ActivityEvent } from '../../shared/activity.ts'
import type { Account, AccountSummary, ErrorData, Project, Reply, Session, Snapshot } from '../../shared/protocol.ts'
import { envelope } from '../../shared/protocol.ts'
import { items, parseSecretKey, SECRET_PREFIX, type SealedSecret, type StorageItem } from '../../shared/storage.ts'
import { assembleTimeline } from '../../shared/timeline.ts'
import { joinSnapshot } from '../../shared/snapshot-record.ts'
import type { CookieRecord, MessageSender } from '../browser.ts'
import type { WorkerContext } from '../context.ts'
import type { Spine } from '../spine.ts'
import { testHooksFeature, testInputSchemas, type TestProtocolMap } from '../test-hooks.ts'
import { generateDeviceKey, type KeySource } from '../vault.ts'
import { startWorker } from '../worker.ts'
import { fakeBrowser, type FakeBrowser } from './fake-browser.ts'
import type { ProtocolMap } from '../../shared/protocol.ts'

type AnyMap = ProtocolMap & TestProtocolMap
type AnyName = keyof AnyMap

export { DEMO_PASSWORD }

/** The passphrase `lockBehindPassphrase` sets unless given another. */
export const TEST_PASSPHRASE = 'correct horse battery'

/** What the worker left in storage, read as stored: no fallbacks filled in, so a missing item shows. */
export interface StoredView {
  /** storage.local as the browser holds it now. */
  local(): Record<string, unknown>
  /** A declared item from its own area (local or session); undefined when absent, not its fallback. */
  item<T>(it: StorageItem<T>): T | undefined
  /** The accounts list; undefined until the worker first writes it. */
  accounts(): AccountSummary[] | undefined
  account(accountId: string): AccountSummary | undefined
  /** null once no account is left; undefined until the worker first writes it. */
  activeAccountId(): string | null | undefined
  projects(): Project[] | undefined
  /** The account's snapshot: null while the vault is locked, undefined once forgotten. */
  snapshot(accountId: string): Snapshot | null | undefined
  /** The account's timeline, oldest first; empty when none is stored. */
  activity(accountId: string): ActivityEvent[]
  /** The key of the account's sealed session (`vault:<generation>:<accountId>`, any generation); undefined when none is held. */
  secretKey(accountId: string): string | undefined
  /** Every record under `vault:` by key, malformed keys included, so a stray one shows. */
  secrets(): Record<string, SealedSecret>
}

/** The project's key API, as the console or a server SDK uses it: what the server holds, whatever Lanyard thinks. */
export interface AdminApi {
  /** A raw request with the demo project's API key. */
  request(method: string, path: string, body?: unknown): Promise<RawResponse>
  /** The user's live sessions as the server lists them. */
  sessions(userId: string): Promise<SessionList>
  sessionIds(userId: string): Promise<string[]>
  /** One live session of the user; undefined once it is gone. */
  session(userId: string, sessionId: string): Promise<Session | undefined>
  user(userId: string): Promise<Account>
  /** Ends the session behind Lanyard's back, as an admin or another device would. */
  revoke(session: { userId: string; sessionId: string }): Promise<void>
}

export interface WorkerWorld {
  fake: FakeBrowser
  ctx: WorkerContext
  spine: Spine
  server: TestServer
  /** A request as a page sends it: the raw reply. */
  send<K extends AnyName>(name: K, ...input: AnyMap[K][0] extends void ? [] : [AnyMap[K][0]]): Promise<Reply<AnyMap[K][1]>>
  /** Like `send`, but the value, or a thrown `RequestFailed` with the ErrorData. */
  call<K extends AnyName>(name: K, ...input: AnyMap[K][0] extends void ? [] : [AnyMap[K][0]]): Promise<AnyMap[K][1]>
  /** The ErrorData of a request that must fail. */
  failure<K extends AnyName>(name: K, ...input: AnyMap[K][0] extends void ? [] : [AnyMap[K][0]]): Promise<ErrorData>
  stored: StoredView
  admin: AdminApi
  /** Makes the server misbehave for matching requests (POST /__dev/faults); the next test's server starts clean. */
  fault(input: FaultInput): Promise<void>
  /** The cookie jar as attributes only: the fake's `cookies.set` also keeps the URL it was given. */
  cookies(): Partial<CookieRecord>[]
  /** Adds the server's demo project. */
  addDemoProject(): Promise<Project>
  /** Signs a demo user in through the worker (ada, grace or alan @example.com). */
  signIn(project: Project, email: string): Promise<AccountSummary>
  /** The session the vault holds for the account, decrypted; throws when none is held. */
  heldSession(accountId: string): Promise<string>
  /** Sets a passphrase and locks the vault, the way a person leaves it locked. */
  lockBehindPassphrase(passphrase?: string): Promise<void>
  /** Stops this worker and starts another over the same browser, storage and device key: a stopped worker woken again. */
  restartWorker(): WorkerWorld
  close(): Promise<void>
}

export class RequestFailed extends Error {
  constructor(
    name: string,
    readonly data: ErrorData,
  ) {
    super(`${name} failed: ${data.type} (${data.code}): ${data.message}`)
  }
}

export async function memoryDeviceKey(): Promise<KeySource> {
  const key = await generateDeviceKey()
  return { name: 'device', getKey: async () => key }
}

export interface WorldOptions {
  /** storage.local as the browser holds it at the worker's first start. */
  local?: Record<string, unknown>
  config?: ConfigObject
  /** The local server's Appwrite version; overrides the config's. Default 1.9.6 (see `workerWorld`). */
  version?: AppwriteVersion
  now?: () => number
}

export async function workerWorld(options: WorldOptions = {}): Promise<WorkerWorld> {
  // The demo config runs 2.7.1; the older tests were written against 1.9.6 (the activity log), so a
  // world serves 1.9.6 unless the test names a version. Tests of version-dependent behaviour run
  // in both: `describe.each(APPWRITE_VERSIONS)` with `workerWorld({ version })`.
  const version = options.version ?? (options.config ? undefined : '1.9.6')
  const server = await startTestServer({ ...(options.config ? { config: options.config } : {}), ...(version ? { version } : {}) })
  const fake = fakeBrowser(options.local)
  return assemble(fake, server, await memoryDeviceKey(), options)
}

/** A world with the server's demo project added: where most feature tests start. */
export async function demoWorld(options: WorldOptions = {}): Promise<{ world: WorkerWorld; project: Project }> {
  const world = await workerWorld(options)
  try {
    return { world, project: await world.addDemoProject() }
  } catch (error) {
    await world.close()
    throw error
  }
}

/** An error answer as Appwrite 1.9.6 words it, for a fault's `body`. */
export function appwriteError(code: number, type: string, message: string) {
  return { message, code, type, version: '1.9.6' }
}

/** A cookie of the server's host (127.0.0.1) as the browser keeps an Appwrite session cookie: host-only, Secure, HttpOnly, SameSite=None. */
export function endpointCookie(name: string, value: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return { name, value, domain: '127.0.0.1', hostOnly: true, path: '/', secure: true, httpOnly: true, sameSite: 'no_restriction', session: true, storeId: '0', ...extra }
}

/** Throws unless the server answered `status`: a helper's request that went wrong must fail the test, not pass on garbage. */
function expectStatus(answer: RawResponse, status: number, what: string): RawResponse {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text}`)
  return answer
}

function storedView(fake: FakeBrowser): StoredView {
  const local = () => fake.state.storage.local
  const item = <T>(it: StorageItem<T>) => fake.state.storage[it.area][it.key] as T | undefined
  const accounts = () => item(items.accounts)
  return {
    local,
    item,
    accounts,
    account: (accountId) => accounts()?.find((a) => a.id === accountId),
    activeAccountId: () => item(items.activeAccountId),
    projects: () => item(items.projects),
    snapshot: (accountId) => {
      const snapshot = item(items.snapshot(accountId))
      return snapshot === undefined ? undefined : joinSnapshot(snapshot, item(items.snapshotLogs(accountId)) ?? null)
    },
    activity: (accountId) => assembleTimeline(accountId, (it) => item(it) ?? it.fallback),
    secretKey: (accountId) => Object.keys(local()).find((key) => parseSecretKey(key)?.accountId === accountId),
    secrets: () => Object.fromEntries(Object.entries(local()).filter(([key]) => key.startsWith(SECRET_PREFIX))) as Record<string, SealedSecret>,
  }
}

function adminApi(server: TestServer): AdminApi {
  const request = (method: string, path: string, body?: unknown) => server.request(method, path, { headers: { 'X-Appwrite-Key': DEMO_API_KEY }, ...(body === undefined ? {} : { body }) })
  async function sessions(userId: string): Promise<SessionList> {
    return expectStatus(await request('GET', `/users/${userId}/sessions`), 200, `listing ${userId}'s sessions`).json as SessionList
  }
  return {
    request,
    sessions,
    sessionIds: async (userId) => (await sessions(userId)).sessions.map((s) => s.$id),
    session: async (userId, sessionId) => (await sessions(userId)).sessions.find((s) => s.$id === sessionId),
    user: async (userId) => expectStatus(await request('GET', `/users/${userId}`), 200, `reading user ${userId}`).json as Account,
    async revoke({ userId, sessionId }) {
      expectStatus(await request('DELETE', `/users/${userId}/sessions/${sessionId}`), 204, `revoking session ${sessionId}`)
    },
  }
}

function assemble(fake: FakeBrowser, server: TestServer, deviceKey: KeySource, options: WorldOptions): WorkerWorld {
  const { ctx, spine } = startWorker({
    browser: fake.browser,
    events: fake.events,
    deviceKey,
    now: options.now,
    extra: { feature: testHooksFeature, inputSchemas: testInputSchemas },
  })

  async function send(name: string, input?: unknown, sender?: MessageSender): Promise<Reply<unknown>> {
    const reply = fake.sendMessage(envelope(name as never, input as never), sender)
    if (reply === undefined) throw new Error(`No listener answered "${name}".`)
    return (await reply) as Reply<unknown>
  }
  async function call(name: string, input?: unknown): Promise<unknown> {
    const reply = await send(name, input)
    if (!reply.ok) throw new RequestFailed(name, reply.error)
    return reply.value
  }

  const world: WorkerWorld = {
    fake,
    ctx,
    spine,
    server,
    send: ((name: string, input?: unknown) => send(name, input)) as WorkerWorld['send'],
    call: ((name: string, input?: unknown) => call(name, input)) as WorkerWorld['call'],
    failure: (async (name: string, input?: unknown) => {
      const reply = await send(name, input)
      if (reply.ok) throw new Error(`${name} was expected to fail, and answered ${JSON.stringify(reply.value)}`)
      return reply.error
    }) as WorkerWorld['failure'],
    stored: storedView(fake),
    admin: adminApi(server),
    async fault(input) {
      expectStatus(await server.dev('POST', '/__dev/faults', input), 201, 'adding a fault')
    },
    cookies: () => fake.state.cookies.map((cookie) => Object.fromEntries(Object.entries(cookie).filter(([key]) => key !== 'url'))),
    addDemoProject: () => world.call('addProject', { endpoint: server.endpoint, projectId: 'demo', label: 'Demo' }),
    signIn: (project, email) => world.call('signIn', { method: 'email-password', projectId: project.id, email, password: DEMO_PASSWORD }),
    async heldSession(accountId) {
      const secret = await ctx.vault.readSecret(accountId)
      if (secret === null) throw new Error(`No session held for ${accountId}.`)
      return secret.session
    },
    async lockBehindPassphrase(passphrase = TEST_PASSPHRASE) {
      await world.call('setPassphrase', { passphrase })
      await world.call('lock')
    },
    restartWorker() {
      fake.stopWorker()
      return assemble(fake, server, deviceKey, options)
    },
    close: () => server.close(),
  }
  return world
}
