// A whole worker for unit tests: the real features and spine over the fake browser, talking real
// HTTP to the local Appwrite-compatible server (e2e/appwrite) started in this process. Tests send
// requests the way a page does and check the effect on the server and in the fake browser.
// Test files that use it run in Node: `// @vitest-environment node`.
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../../../e2e/appwrite/testing.ts'
import type { ConfigObject } from '../../../e2e/appwrite/config.ts'
import type { AccountSummary, ErrorData, Project, Reply } from '../../shared/protocol.ts'
import { envelope } from '../../shared/protocol.ts'
import type { MessageSender } from '../browser.ts'
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
  /** Adds the server's demo project. */
  addDemoProject(): Promise<Project>
  /** Signs a demo user in through the worker (ada, grace or alan @example.com). */
  signIn(project: Project, email: string): Promise<AccountSummary>
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
  now?: () => number
}

export async function workerWorld(options: WorldOptions = {}): Promise<WorkerWorld> {
  const server = await startTestServer(options.config ? { config: options.config } : {})
  const fake = fakeBrowser(options.local)
  return assemble(fake, server, await memoryDeviceKey(), options)
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
    addDemoProject: () => world.call('addProject', { endpoint: server.endpoint, projectId: 'demo', label: 'Demo' }),
    signIn: (project, email) => world.call('signIn', { method: 'email-password', projectId: project.id, email, password: DEMO_PASSWORD }),
    restartWorker() {
      fake.stopWorker()
      return assemble(fake, server, deviceKey, options)
    },
    close: () => server.close(),
  }
  return world
}
