// `/__dev/*`: the test and demo controls of this server (outbox, faults, clock, reset). They exist
// only here; the extension must never depend on them.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { formatDatetime } from '../datetime.ts'
import { describeFault, parseFault } from '../faults.ts'
import { escapeHtml } from '../pages.ts'
import { parseQuery, readBody } from '../request-input.ts'
import { seedAll } from '../seed.ts'
import type { ServerState } from '../state.ts'

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function empty(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'no-store' })
  res.end()
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req)
  if (body.length === 0) return {}
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

function outboxPage(state: ServerState): string {
  const rows = [...state.outbox]
    .reverse()
    .map((message) => {
      const action = message.url === '' ? `<code>${escapeHtml(message.secret)}</code>` : `<a href="${escapeHtml(message.url)}">${escapeHtml(message.url)}</a>`
      return `<tr><td>${escapeHtml(message.createdAt)}</td><td>${message.channel}</td><td>${escapeHtml(message.to)}</td><td>${escapeHtml(message.projectId)}</td><td>${escapeHtml(message.kind)}</td><td>${escapeHtml(message.subject)}</td><td>userId <code>${escapeHtml(message.userId)}</code><br>${action}</td></tr>`
    })
    .join('\n')
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Outbox: Appwrite-compatible test server</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}code{word-break:break-all}</style></head>
<body><h1>Outbox</h1>
<p>Email and SMS this server would have sent, newest first. Use the links and codes to finish verification, recovery, magic-URL and OTP sign-in by hand.</p>
${state.outbox.length === 0 ? '<p>No messages yet.</p>' : `<table><thead><tr><th>Sent</th><th>Channel</th><th>To</th><th>Project</th><th>Kind</th><th>Subject</th><th>Link or code</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
<p>Server clock: ${escapeHtml(formatDatetime(state.now()))}. JSON: <a href="/__dev/outbox">/__dev/outbox</a>.</p>
</body></html>
`
}

/** `localhost`, `127.x.x.x` or `[::1]`, with any port. */
export function isLoopbackHost(host: string): boolean {
  let hostname: string
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    return false
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Why a request may not reach the dev routes, or null. They answer only callers on this machine
 * that are not web pages: a non-loopback `Host` (DNS rebinding) and any `Origin` (a page's fetch or
 * form) are refused, and a state-changing call must declare JSON, which no cross-site form or
 * "simple" request can do without a preflight.
 */
function refusal(req: IncomingMessage, method: string): { status: number; message: string } | null {
  if (!isLoopbackHost(req.headers.host ?? '')) return { status: 403, message: 'Dev routes answer only a loopback Host.' }
  if (req.headers.origin !== undefined) return { status: 403, message: 'Dev routes do not answer web pages (a request with an Origin).' }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (method !== 'GET' && method !== 'HEAD' && type !== 'application/json') {
    return { status: 415, message: 'State-changing dev routes need Content-Type: application/json.' }
  }
  return null
}

export async function handleDev(state: ServerState, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase()
  const refused = refusal(req, method)
  if (refused) return json(res, refused.status, { message: refused.message })
  const route = `${method} ${path.replace(/\/$/, '') || '/__dev'}`
  switch (route) {
    case 'GET /__dev': {
      const html = outboxPage(state)
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store' })
      res.end(html)
      return
    }
    case 'GET /__dev/outbox': {
      const to = parseQuery(query)['to']
      return json(res, 200, typeof to === 'string' ? state.outbox.filter((message) => message.to === to) : state.outbox)
    }
    case 'DELETE /__dev/outbox':
      state.outbox = []
      state.touch()
      return empty(res)
    case 'GET /__dev/faults':
      return json(res, 200, state.faults.map(describeFault))
    case 'POST /__dev/faults': {
      const fault = parseFault(await jsonBody(req))
      if (typeof fault === 'string') return json(res, 400, { message: fault })
      state.faults.push(fault)
      return json(res, 201, describeFault(fault))
    }
    case 'DELETE /__dev/faults':
      state.faults = []
      return empty(res)
    case 'GET /__dev/clock':
      return json(res, 200, { offsetMs: state.clockOffsetMs, now: formatDatetime(state.now()) })
    case 'POST /__dev/clock': {
      const body = await jsonBody(req)
      const offsetMs = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['offsetMs'] : undefined
      if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return json(res, 400, { message: '"offsetMs" must be a number of milliseconds' })
      state.clockOffsetMs += offsetMs
      state.touch()
      return json(res, 200, { offsetMs: state.clockOffsetMs, now: formatDatetime(state.now()) })
    }
    case 'DELETE /__dev/rate-limits':
      state.rateLimiter.clear()
      return empty(res)
    case 'POST /__dev/reset':
      state.outbox = []
      state.faults = []
      state.clockOffsetMs = 0
      state.rateLimiter.clear()
      seedAll(state)
      state.touch()
      return empty(res)
    default:
      return json(res, 404, { message: `No dev route ${route}` })
  }
}
