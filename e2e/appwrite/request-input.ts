// Reading parameters the way PHP does: `a[]=x&a[]=y` is an array, JSON bodies are objects, a body
// that does not parse gives no parameters (so required ones are reported missing, not a crash).
import type { IncomingMessage } from 'node:http'

export const MAX_BODY_BYTES = 8 * 1024 * 1024

export class BodyTooLarge extends Error {}

/** Null-prototype objects, so a `__proto__` parameter is just a parameter. */
export function parseQuery(query: string): Record<string, unknown> {
  const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  if (query === '') return params
  for (const [rawKey, value] of new URLSearchParams(query)) {
    const bracket = /^([^[\]]+)\[(\d*)\]$/.exec(rawKey)
    if (bracket) {
      const name = bracket[1] as string
      const list = Array.isArray(params[name]) ? (params[name] as unknown[]) : []
      if (bracket[2] === '') list.push(value)
      else list[Number(bracket[2])] = value
      params[name] = list
    } else {
      params[rawKey] = value
    }
  }
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) params[key] = value.filter((entry) => entry !== undefined)
  }
  return params
}

/** HTTP/2 frames a body itself, with or without Content-Length: it has none when the stream ended with its headers. */
function http2Body(req: IncomingMessage): boolean {
  const stream = (req as IncomingMessage & { stream?: { endAfterHeaders?: boolean } }).stream
  return req.httpVersionMajor === 2 && stream?.endAfterHeaders === false
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  const length = req.headers['content-length']
  if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined && !http2Body(req)) return Promise.resolve(Buffer.alloc(0))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge())
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function parseBody(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (body.length === 0) return {}
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const text = body.toString('utf8')
  if (type === 'application/x-www-form-urlencoded') return parseQuery(text)
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json') && type !== 'text/plain') return {}
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
