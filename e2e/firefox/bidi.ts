// A minimal WebDriver BiDi client: the few commands the Firefox lane needs, over one WebSocket
// (`ws`, since Node 20 has no global WebSocket). Playwright cannot drive stock Firefox
// (docs/toolchain.md "Firefox over WebDriver BiDi"), and Firefox speaks BiDi natively.
import WebSocket from 'ws'

interface CommandReply {
  type: 'success' | 'error'
  id: number
  result?: unknown
  error?: string
  message?: string
}

/** Events arrive only after `session.subscribe`, which this client never sends. */
interface EventMessage {
  type: 'event'
}

/** The BiDi `RemoteValue` shapes this client reads back; everything else is JSON-encoded in the page. */
type RemoteValue = { type: 'undefined' } | { type: 'null' } | { type: 'string'; value: string } | { type: string; value?: unknown }

interface EvaluateResult {
  type: 'success' | 'exception'
  result?: RemoteValue
  exceptionDetails?: { text: string }
}

export class BidiError extends Error {}

export interface BidiConnection {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>
  close(): Promise<void>
}

export function openBidi(url: string): Promise<BidiConnection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; method: string }>()
    let nextId = 1

    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as CommandReply | EventMessage
      if (message.type === 'event') return
      const waiter = pending.get(message.id)
      if (!waiter) return
      pending.delete(message.id)
      if (message.type === 'success') waiter.resolve(message.result)
      else waiter.reject(new BidiError(`${waiter.method}: ${message.error ?? 'error'}: ${message.message ?? ''}`))
    })
    socket.on('close', () => {
      for (const waiter of pending.values()) waiter.reject(new BidiError(`${waiter.method}: connection closed`))
      pending.clear()
    })
    socket.once('error', reject)
    socket.once('open', () =>
      resolve({
        send: <T>(method: string, params: Record<string, unknown> = {}) =>
          new Promise<T>((resolveCommand, rejectCommand) => {
            const id = nextId++
            pending.set(id, { resolve: resolveCommand as (value: unknown) => void, reject: rejectCommand, method })
            socket.send(JSON.stringify({ id, method, params }))
          }),
        close: () =>
          new Promise<void>((resolveClose) => {
            if (socket.readyState === WebSocket.CLOSED) return resolveClose()
            socket.once('close', () => resolveClose())
            socket.close()
          }),
      }),
    )
  })
}

/**
 * Runs `fn(...args)` in the page of `context` and returns its result. Arguments and the result
 * travel as JSON, so `fn` must take and return JSON-serialisable values; a rejected promise or a
 * thrown error in the page becomes a `BidiError` here.
 */
export async function callInPage<T>(bidi: BidiConnection, context: string, fn: (...args: never[]) => unknown, args: unknown[] = []): Promise<T> {
  const functionDeclaration = `async (json) => JSON.stringify(await (${fn.toString()})(...JSON.parse(json)))`
  const answer = await bidi.send<EvaluateResult>('script.callFunction', {
    functionDeclaration,
    arguments: [{ type: 'string', value: JSON.stringify(args) }],
    target: { context },
    awaitPromise: true,
    resultOwnership: 'none',
  })
  if (answer.type === 'exception') throw new BidiError(`in page: ${answer.exceptionDetails?.text ?? 'exception'}`)
  const result = answer.result
  if (result?.type !== 'string') return undefined as T
  return JSON.parse((result as { value: string }).value) as T
}
