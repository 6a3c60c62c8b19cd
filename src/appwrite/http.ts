// The one place requests are made. Every request omits ambient credentials (a browser cookie
// would beat our session header, docs/appwrite/wire.md sections 1.1 and 7), refuses redirects (a redirect must
// never carry a session to another host), bypasses the HTTP cache, times out, and has its answer
// checked against limits no real Appwrite answer reaches (response-limits.ts) and validated.
import * as v from 'valibot'
import { AppwriteError, lanyardError } from './errors.ts'
import { ErrorSchema } from './models.ts'
import { assertDepthFits, assertListsFit, readCappedText } from './response-limits.ts'
import { decodeSession, sessionHeaders } from './session-header.ts'

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface TransportOptions {
  /** Already validated with `validateEndpoint`. */
  endpoint: string
  projectId: string
  fetch?: FetchLike
  /** Default 15 000. */
  timeoutMs?: number
  /** Clock for rate-limit arithmetic; default `Date.now`. */
  now?: () => number
  /** `X-Appwrite-Response-Format`; default RESPONSE_FORMAT. The worker picks it per detected server version. */
  responseFormat?: string
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Call {
  method: Method
  /** Below the endpoint, e.g. `/account/sessions`. */
  path: string
  query?: URLSearchParams
  /** The held session; absent for sign-in and public routes. */
  session?: string
  body?: Record<string, unknown>
  /** Extra request headers, e.g. the impersonation target (src/appwrite/users.ts). Never a secret. */
  headers?: Record<string, string>
  /** Values a hostile server might echo back: removed from any message we pass on. */
  secrets?: string[]
}

export interface Answer {
  status: number
  headers: Headers
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown
}

export const DEFAULT_TIMEOUT_MS = 15_000
/** The response shape Lanyard's schemas are written for (docs/appwrite/wire.md section 4). */
export const RESPONSE_FORMAT = '1.9.0'

export interface Transport {
  readonly endpoint: string
  readonly host: string
  readonly projectId: string
  /** Sends and returns a 2xx answer; any other outcome throws an AppwriteError. */
  exchange(call: Call): Promise<Answer>
  /** Sends, expects a 2xx JSON body and returns it validated by `schema`. */
  send<S extends v.GenericSchema>(call: Call, schema: S): Promise<{ data: v.InferOutput<S>; headers: Headers }>
  /** Sends and expects a 2xx (204) without a useful body. */
  sendNoContent(call: Call): Promise<void>
}

export function describeCall(call: Pick<Call, 'method' | 'path'>): string {
  return `${call.method} ${call.path}`
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 4 ? out.split(secret).join('[redacted]') : out), text)
}

function secretsOf(call: Call): string[] {
  const secrets = [...(call.secrets ?? [])]
  if (call.session !== undefined) {
    secrets.push(call.session)
    const decoded = decodeSession(call.session)
    if (decoded) secrets.push(decoded.secret)
  }
  return secrets
}

/** Milliseconds until `X-RateLimit-Reset` (epoch seconds, docs/appwrite/wire.md section 3.3). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const reset = Number(headers.get('X-RateLimit-Reset') ?? '')
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : undefined
}

function looksLikeHtml(headers: Headers, text: string): boolean {
  return (headers.get('Content-Type') ?? '').includes('html') || /^\s*</.test(text)
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

export interface ErrorContext {
  call: Pick<Call, 'method' | 'path'>
  host: string
  secrets: string[]
  now: number
}

/** Turns a non-2xx answer into the error a caller sees. Pure, so each case is unit-tested. */
export function errorFromResponse(status: number, headers: Headers, text: string, context: ErrorContext): AppwriteError {
  const parsed = parseJson(text)
  const body = parsed.ok ? v.safeParse(ErrorSchema, parsed.value) : null
  if (body?.success) {
    const { type, version } = body.output
    const message = redact(body.output.message, context.secrets)
    if (status === 403 && type === 'general_unknown_origin') return unknownOriginError(message, context.host, version)
    const retry = status === 429 ? retryAfterMs(headers, context.now) : undefined
    return new AppwriteError(type, status, message, retry === undefined ? { version } : { version, retryAfterMs: retry })
  }
  const html = looksLikeHtml(headers, text)
  // The wildcard route answers a blocked user or a missing second factor on a removed route (GET
  // /account/logs on 2.x) with Appwrite's HTML error page, which names the type (docs/appwrite/wire-2x.md section 2).
  if (html && (status === 401 || status === 403)) {
    if (/\buser_blocked\b/.test(text)) return new AppwriteError('user_blocked', status, `${context.host} says this account is blocked.`)
    if (/\buser_more_factors_required\b/.test(text)) {
      return new AppwriteError('user_more_factors_required', status, `${context.host} wants this session's second factor first.`)
    }
  }
  // A firewall (Appwrite Cloud's project rules) or a proxy answers with its own page (docs/appwrite/wire-2x.md section 6.4).
  if (status === 403 || status === 429 || (status >= 300 && status < 400)) return blockedError(context.host, status)
  if (status >= 500) {
    return lanyardError(
      'lanyard_server_error',
      `The server at ${context.host} failed with HTTP ${status} on ${describeCall(context.call)}. Try again later; if it persists, check the server's logs.`,
      status,
    )
  }
  const what = html ? 'an HTML page' : parsed.ok ? 'JSON that is not an Appwrite error' : 'a body that is not JSON'
  return lanyardError(
    'lanyard_not_appwrite',
    `The server at ${context.host} answered HTTP ${status} with ${what}, not an Appwrite API error. Check the endpoint: it usually ends in /v1.`,
    status,
  )
}

/** A non-Appwrite 403, 429 or redirect: not "not Appwrite", but something in front of it. */
export function blockedError(host: string, status: number | string): AppwriteError {
  return lanyardError(
    'lanyard_blocked',
    `${host} did not let the request through: blocked by the project's firewall or a proxy (HTTP ${status}). Check the project's firewall rules, or try from another network.`,
    typeof status === 'number' ? status : 0,
  )
}

/** Appwrite's message names the client host in parentheses (docs/appwrite/wire.md section 5). */
function unknownOriginError(appwriteMessage: string, apiHost: string, version: string): AppwriteError {
  const named = /\(([^()\s]+)\)/.exec(appwriteMessage)?.[1]
  const host = named ?? globalThis.location?.host ?? 'this extension'
  return new AppwriteError(
    'general_unknown_origin',
    403,
    `${apiHost} rejected this extension's origin. In the Appwrite console, add a Web platform with hostname "${host}" to the project.`,
    { version },
  )
}

function networkError(error: unknown, host: string, timeoutMs: number): AppwriteError {
  // Checked by name: DOMException classes differ between realms (Node, happy-dom, browsers).
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined
  if (name === 'TimeoutError' || name === 'AbortError') {
    return lanyardError('lanyard_timeout', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s. Check that the server is up, then try again.`)
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : ''
  if (/redirect/i.test(cause)) {
    // `redirect: 'error'` hides the status. Lanyard never follows a redirect with a session.
    const blocked = blockedError(host, '3xx')
    return lanyardError('lanyard_blocked', `${blocked.message} If the endpoint itself redirects, check it (https, and the exact /v1 path).`)
  }
  return lanyardError('lanyard_network', `Could not reach ${host}. Check that the server is running and the endpoint is right.`)
}

export function malformedResponse(call: Pick<Call, 'method' | 'path'>, host: string, detail: string, status: number): AppwriteError {
  return lanyardError('lanyard_malformed_response', `${host} sent an unexpected answer to ${describeCall(call)}: ${detail}.`, status)
}

/** Our schemas' checks, named for people (models.ts): the only regex is the datetime format. */
const CHECK_NAMES: Record<string, string> = { regex: 'an Appwrite datetime', integer: 'an integer', check: 'an object', digits: 'a number' }

/** Names the failing fields without their values: values may be secrets. */
export function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = v.getDotPath(issue) ?? 'the body'
      if (issue.received === 'undefined') return `${path} is missing`
      if (issue.kind === 'schema') return `${path} should be ${issue.expected}`
      return `${path} is not ${CHECK_NAMES[issue.type] ?? `a valid ${issue.type}`}`
    })
    .join('; ')
}

export function createTransport(options: TransportOptions): Transport {
  const { endpoint, projectId } = options
  const host = new URL(endpoint).host
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const now = options.now ?? Date.now
  const responseFormat = options.responseFormat ?? RESPONSE_FORMAT
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init))

  async function exchange(call: Call): Promise<Answer> {
    const headers: Record<string, string> = {
      'X-Appwrite-Project': projectId,
      'X-Appwrite-Response-Format': responseFormat,
      ...(call.session === undefined ? {} : sessionHeaders(projectId, call.session)),
      ...call.headers,
    }
    if (call.body !== undefined) headers['Content-Type'] = 'application/json'
    const query = call.query?.toString() ?? ''
    let response: Response
    let text: string
    try {
      response = await doFetch(`${endpoint}${call.path}${query === '' ? '' : `?${query}`}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        credentials: 'omit',
        redirect: 'error',
        // Account data must never sit in the HTTP cache, and Chromium's cache lock lets only one
        // cacheable GET per URL reach the network at a time, which queued parallel fan-outs.
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await readCappedText(response, host)
    } catch (error) {
      if (error instanceof AppwriteError) throw error
      throw networkError(error, host, timeoutMs)
    }
    // Before any parse: a JSON.stringify or structuredClone of deep values would exhaust the stack.
    assertDepthFits(text, host)
    if (response.status < 200 || response.status > 299) {
      throw errorFromResponse(response.status, response.headers, text, { call, host, secrets: secretsOf(call), now: now() })
    }
    if (text.trim() === '') return { status: response.status, headers: response.headers, json: undefined }
    const parsed = parseJson(text)
    if (!parsed.ok) {
      if (looksLikeHtml(response.headers, text)) {
        throw lanyardError(
          'lanyard_not_appwrite',
          `${host} answered ${describeCall(call)} with an HTML page, not Appwrite's JSON. Check the endpoint: it usually ends in /v1.`,
          response.status,
        )
      }
      throw malformedResponse(call, host, 'the body is not valid JSON', response.status)
    }
    assertListsFit(parsed.value, host)
    return { status: response.status, headers: response.headers, json: parsed.value }
  }

  return {
    endpoint,
    host,
    projectId,
    exchange,
    async send(call, schema) {
      const answer = await exchange(call)
      const result = v.safeParse(schema, answer.json)
      if (!result.success) throw malformedResponse(call, host, describeIssues(result.issues), answer.status)
      return { data: result.output, headers: answer.headers }
    },
    async sendNoContent(call) {
      await exchange(call)
    },
  }
}
