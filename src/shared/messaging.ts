// Typed messaging over runtime.sendMessage, both ends of `ProtocolMap`.
// Pages send `envelope`s (src/ui/extension-platform.ts is the one page-side sender); the worker's
// dispatcher answers them. Replies are always `Reply<T>` values: nothing is thrown across the boundary.
import type { ErrorData, Envelope, InputOf, MessageName, OutputOf, Reply } from './protocol.ts'

export function envelope<K extends MessageName>(name: K, input: InputOf<K>): Envelope<K> {
  return { lanyard: 1, name, input }
}

export type Handler<K extends MessageName> = (input: InputOf<K>) => Promise<OutputOf<K>>
export type Handlers = { [K in MessageName]: Handler<K> }

export interface DispatcherOptions<S> {
  handlers: Handlers
  /** Who may talk to the worker (only the extension's own pages). */
  isTrustedSender: (sender: S) => boolean
  /** Checks an input against its message's schema; returns the typed input or an error. */
  parseInput: (name: MessageName, input: unknown) => { ok: true; input: unknown } | { ok: false; error: ErrorData }
  /** Turns anything a handler threw into a serialisable error that holds no secret. */
  toErrorData: (error: unknown) => ErrorData
}

/**
 * The worker-side listener body. Returns `undefined` (no reply) for anything that is not a Lanyard
 * envelope from a trusted sender, so a stranger learns nothing; otherwise a promise of a `Reply`.
 */
export function createDispatcher<S>(options: DispatcherOptions<S>) {
  const { handlers, isTrustedSender, parseInput, toErrorData } = options
  return (message: unknown, sender: S): Promise<Reply<unknown>> | undefined => {
    if (!isTrustedSender(sender) || !isEnvelopeLike(message)) return undefined
    const name = message.name
    if (!Object.hasOwn(handlers, name)) {
      return Promise.resolve({ ok: false, error: { type: 'lanyard_unknown_message', code: 400, message: `Unknown request "${name}".` } })
    }
    const parsed = parseInput(name as MessageName, message.input)
    if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error })
    const handler = handlers[name as MessageName] as (input: unknown) => Promise<unknown>
    return handler(parsed.input).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (error: unknown): Reply<unknown> => ({ ok: false, error: toErrorData(error) }),
    )
  }
}

/** Minimal shape of `runtime.onMessage` (webextension-polyfill: a returned promise is the reply). */
export interface MessageEvent<S> {
  addListener(listener: (message: unknown, sender: S) => Promise<unknown> | undefined): void
}

/** Worker side: call once, synchronously at top level, so a message that wakes the worker is heard. */
export function registerHandlers<S>(onMessage: MessageEvent<S>, options: DispatcherOptions<S>): void {
  onMessage.addListener(createDispatcher(options))
}

export function isEnvelopeLike(message: unknown): message is { lanyard: 1; name: string; input: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { lanyard?: unknown }).lanyard === 1 &&
    typeof (message as { name?: unknown }).name === 'string'
  )
}
