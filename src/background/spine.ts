// The event spine: each browser event is registered once, synchronously, when the worker starts
// (so an event that wakes a stopped worker is delivered), and dispatched by name to the features.
// Every event waits for `ready` (the storage migrations) before any feature reads storage.
import type { ErrorData, InputOf, MessageName, OutputOf, Reply } from '../shared/protocol.ts'
import type { MessageSender, SystemIdleState, WorkerEvents } from './browser.ts'

type Task = () => Promise<void>

export type Handler<K extends MessageName> = (input: InputOf<K>) => Promise<OutputOf<K>>
/** Every contract request with its handler: features declare theirs as `Partial<Handlers>`. */
export type Handlers = { [K in MessageName]: Handler<K> }

/** What a feature answers: requests by name, alarms by name, commands by name, and browser events. */
export interface Feature {
  /** Contract requests (src/shared/protocol.ts) by name; each name belongs to exactly one feature. */
  requests?: Record<string, (input: never) => Promise<unknown>>
  alarms?: Record<string, Task>
  commands?: Record<string, Task>
  /** Install, update and browser start: rebuild what the browser does not keep (rules, alarms, badge). */
  prepare?: Task
  /** Browser start only, after every `prepare`. */
  browserStarted?: Task
  /** A request from one of Lanyard's own pages arrived (before it is answered). */
  pageRequest?: Task
  tabRemoved?(tabId: number): Promise<void>
  tabLoaded?(tabId: number): Promise<void>
  /** A tab started loading a document (status `loading`): it may now show another origin. */
  tabLoading?(tabId: number): Promise<void>
  notificationButton?(notificationId: string, buttonIndex: number): Promise<void>
  notificationClosed?(notificationId: string, byUser: boolean): Promise<void>
  systemIdle?(state: SystemIdleState): Promise<void>
  /** A write changed these keys of storage.local (whoever wrote them). */
  storageChanged?(keys: string[]): Promise<void>
}

export interface SpineOptions {
  /** Resolves once storage is in this build's layout. */
  ready: Promise<void>
  /** Who may talk to the worker (only the extension's own pages). */
  isTrustedSender(sender: MessageSender): boolean
  /** Checks a request's input against its schema; returns the typed input or an error. */
  parseInput(name: string, input: unknown): { ok: true; input: unknown } | { ok: false; error: ErrorData }
  /** Turns anything a feature threw into a serialisable error that holds no secret (and logs a bug). */
  toErrorData(error: unknown): ErrorData
}

type Request = (input: unknown) => Promise<unknown>

function collect<K extends 'requests' | 'alarms' | 'commands'>(features: readonly Feature[], kind: K): Map<string, NonNullable<Feature[K]>[string]> {
  const found = new Map<string, NonNullable<Feature[K]>[string]>()
  for (const feature of features) {
    for (const [name, handle] of Object.entries(feature[kind] ?? {})) {
      if (found.has(name)) throw new Error(`Two features answer the ${kind.slice(0, -1)} "${name}".`)
      found.set(name, handle as NonNullable<Feature[K]>[string])
    }
  }
  return found
}

export function isEnvelopeLike(message: unknown): message is { lanyard: 1; name: string; input: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { lanyard?: unknown }).lanyard === 1 &&
    typeof (message as { name?: unknown }).name === 'string'
  )
}

export interface Spine {
  /** What the features answer, for the tests that hold them to the contract and the manifest. */
  requestNames: string[]
  commandNames: string[]
  /** Resolves once no background task (an alarm, a command, a browser event) is running: for tests. */
  idle(): Promise<void>
}

/** Registers every listener once. */
export function startSpine(events: WorkerEvents, features: readonly Feature[], options: SpineOptions): Spine {
  const requests = collect(features, 'requests') as Map<string, Request>
  const alarms = collect(features, 'alarms')
  const commands = collect(features, 'commands')
  const { ready, toErrorData } = options

  /** A task with no page to answer: a failure is logged (by `toErrorData`), never thrown into the browser. */
  const running = new Set<Promise<void>>()
  const inBackground = (task: Task): void => {
    const run = ready.then(task).catch((error: unknown) => void toErrorData(error))
    running.add(run)
    void run.finally(() => running.delete(run))
  }
  const each = (run: (feature: Feature) => Promise<void> | undefined) => async () => {
    for (const feature of features) await run(feature)
  }

  function answer(name: string, input: unknown): Promise<Reply<unknown>> {
    const handle = requests.get(name)
    if (handle === undefined) {
      return Promise.resolve({ ok: false, error: { type: 'lanyard_unknown_message', code: 400, message: `Unknown request "${name}".` } })
    }
    const parsed = options.parseInput(name, input)
    if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error })
    return ready
      .then(() => handle(parsed.input))
      .then(
        (value): Reply<unknown> => ({ ok: true, value }),
        (error: unknown): Reply<unknown> => ({ ok: false, error: toErrorData(error) }),
      )
  }

  // A stranger's message gets no reply at all, so it learns nothing.
  events.onMessage((message, sender) => {
    if (!options.isTrustedSender(sender) || !isEnvelopeLike(message)) return undefined
    inBackground(each((f) => f.pageRequest?.()))
    return answer(message.name, message.input)
  })
  const prepare = each((f) => f.prepare?.())
  events.onInstalled(() => inBackground(prepare))
  events.onStartup(() =>
    inBackground(async () => {
      await prepare()
      await each((f) => f.browserStarted?.())()
    }),
  )
  events.onAlarm((alarm) => {
    const task = alarms.get(alarm.name)
    if (task !== undefined) inBackground(task)
  })
  events.onCommand((command) => {
    const task = commands.get(command)
    if (task !== undefined) inBackground(task)
  })
  events.onTabRemoved((tabId) => inBackground(each((f) => f.tabRemoved?.(tabId))))
  events.onTabUpdated((tabId, change) => {
    if (change.status === 'complete') inBackground(each((f) => f.tabLoaded?.(tabId)))
    else if (change.status === 'loading') inBackground(each((f) => f.tabLoading?.(tabId)))
  })
  events.onNotificationButton((id, index) => inBackground(each((f) => f.notificationButton?.(id, index))))
  events.onNotificationClosed((id, byUser) => inBackground(each((f) => f.notificationClosed?.(id, byUser))))
  events.onIdleStateChanged((state) => inBackground(each((f) => f.systemIdle?.(state))))
  events.onStorageChanged((area, keys) => {
    if (area === 'local') inBackground(each((f) => f.storageChanged?.(keys)))
  })
  return {
    requestNames: [...requests.keys()],
    commandNames: [...commands.keys()],
    async idle() {
      while (running.size > 0) await Promise.all(running)
    },
  }
}
