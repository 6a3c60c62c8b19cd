// A CDP session on the extension's service worker itself. Playwright opens CDP sessions on pages
// only, so this attaches through the browser session to the worker target and exchanges messages
// with `Target.sendMessageToTarget` (the non-flattened mode, still served by Chromium 156).
import type { BrowserContext, CDPSession } from 'playwright-core'

export interface WorkerTarget {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>
  detach(): Promise<void>
}

interface TargetInfo {
  targetId: string
  type: string
  url: string
}

interface Answer {
  id: number
  result?: unknown
  error?: { message: string }
}

export async function attachToWorker(context: BrowserContext, origin: string): Promise<WorkerTarget> {
  const browser = context.browser()
  if (!browser) throw new Error('No browser behind this context: cannot reach the worker target')
  const session: CDPSession = await browser.newBrowserCDPSession()
  const { targetInfos } = await session.send('Target.getTargets')
  const worker = (targetInfos as TargetInfo[]).find((t) => t.type === 'service_worker' && t.url.startsWith(origin))
  if (!worker) throw new Error(`No running service worker of ${origin}`)
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })

  let lastId = 0
  const pending = new Map<number, (answer: Answer) => void>()
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    const answer = JSON.parse(event.message) as Answer
    pending.get(answer.id)?.(answer)
    pending.delete(answer.id)
  })

  return {
    async send<T>(method: string, params: Record<string, unknown> = {}) {
      const id = ++lastId
      const answered = new Promise<Answer>((resolve) => pending.set(id, resolve))
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
      const answer = await answered
      if (answer.error) throw new Error(`${method}: ${answer.error.message}`)
      return answer.result as T
    },
    async detach() {
      await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined)
      await session.detach().catch(() => undefined)
    },
  }
}

export interface HeapUsage {
  usedSize: number
  totalSize: number
}

/** The worker's JS heap in use after a full garbage collection. */
export async function workerHeapAfterGc(target: WorkerTarget): Promise<number> {
  await target.send('HeapProfiler.collectGarbage')
  return (await target.send<HeapUsage>('Runtime.getHeapUsage')).usedSize
}
