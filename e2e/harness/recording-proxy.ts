// A pass-through HTTP proxy between the extension and the local server that keeps every session
// the server hands out (the `X-Fallback-Cookies` response header, docs/appwrite/wire.md section 1.4), so a test
// knows each secret the worker holds without the worker ever telling it; and that counts how many
// requests were in flight at once, so a test can see work done in parallel.
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordingProxy {
  /** The target endpoint as seen through the proxy, e.g. `http://127.0.0.1:40001/v1`. */
  endpoint: string
  /** Every encoded session seen in a response so far. */
  sessions(): string[]
  /** The most requests in flight at the same moment since the last reset. */
  peakInFlight(): number
  resetPeak(): void
  close(): Promise<void>
}

export async function startRecordingProxy(targetEndpoint: string): Promise<RecordingProxy> {
  const target = new URL(targetEndpoint)
  const seen = new Set<string>()
  let inFlight = 0
  let peak = 0
  const server = createServer((req, res) => {
    inFlight++
    peak = Math.max(peak, inFlight)
    res.on('close', () => inFlight--)
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        const fallback = answer.headers['x-fallback-cookies']
        if (typeof fallback === 'string') {
          for (const value of Object.values(JSON.parse(fallback) as Record<string, unknown>)) {
            if (typeof value === 'string' && value !== '') seen.add(value)
          }
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}`,
    sessions: () => [...seen],
    peakInFlight: () => peak,
    resetPeak: () => {
      peak = inFlight
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
