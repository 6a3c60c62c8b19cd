// `fetch` for the local server in TLS mode: Node's own fetch trusts only the system's authorities,
// so the harness's key-API and dev calls go through node:https trusting exactly the server's certificate.
import { request } from 'node:https'

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>

/** A fetch for `https:` URLs that trusts `ca` (PEM) and nothing else; buffered, for small test calls. */
export function trustingFetch(ca: string): FetchLike {
  return (url, init = {}) =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca, agent: false }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const body = Buffer.concat(chunks)
          // A Response may not carry a body with 204 or 304.
          resolve(new Response(status === 204 || status === 304 || body.length === 0 ? null : body, { status }))
        })
      })
      req.on('error', reject)
      req.end(init.body)
    })
}
