// Shared by the server's tests: start a server, make raw requests, sign in the way the extension does.
import { request, type IncomingHttpHeaders } from 'node:http'
import * as v from 'valibot'
import { afterAll, beforeAll } from 'vitest'
import { ErrorSchema } from '../../src/appwrite/models.ts'
import type { ConfigObject } from './config.ts'
import { DEMO_API_KEY, DEMO_PASSWORD, defaultConfig } from './default-config.ts'
import { startServer, type RunningServer, type ServerOptions } from './server.ts'

export { DEMO_API_KEY, DEMO_PASSWORD }
export { APPWRITE_VERSIONS } from './config.ts'

export interface RawResponse {
  status: number
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown
}

export interface RequestOptions {
  project?: string | null
  headers?: Record<string, string>
  body?: unknown
  /** Encoded session sent as X-Appwrite-Session. */
  session?: string
}

export interface TestServer extends RunningServer {
  /** Origin of the server, e.g. http://127.0.0.1:41234 */
  base: string
  request(method: string, path: string, options?: RequestOptions): Promise<RawResponse>
  /** Signs in by email and password with no Origin, as the extension does; returns the encoded session. */
  signIn(email: string, password?: string, options?: RequestOptions): Promise<string>
  dev(method: string, path: string, body?: unknown): Promise<RawResponse>
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = await startServer({ port: 0, rateLimits: false, ...options })
  const base = server.endpoint.replace(/\/v1$/, '')

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<RawResponse> {
    const headers: Record<string, string> = { ...options.headers }
    const project = options.project === undefined ? 'demo' : options.project
    if (project !== null) headers['X-Appwrite-Project'] = project
    if (options.session) headers['X-Appwrite-Session'] = options.session
    let body: string | undefined
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      headers['Content-Type'] ??= 'application/json'
    }
    const response = await fetch(`${base}${path.startsWith('/__dev') ? '' : '/v1'}${path}`, { method, headers, body, redirect: 'manual' })
    const text = await response.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, json }
  }

  async function signIn(email: string, password = DEMO_PASSWORD, options: RequestOptions = {}): Promise<string> {
    const response = await request('POST', '/account/sessions/email', { ...options, body: { email, password } })
    if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${response.text}`)
    const cookies = JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>
    const session = cookies[`a_session_${options.project ?? 'demo'}`]
    if (!session) throw new Error('no X-Fallback-Cookies on sign-in')
    return session
  }

  return {
    ...server,
    base,
    request,
    signIn,
    // Dev routes take state changes only as JSON (routes/dev.ts), with or without a body.
    dev: (method, path, body) =>
      request(method, path, { project: null, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body }) }),
  }
}

/**
 * A server for the enclosing suite: started in its `beforeAll`, closed in its `afterAll`. The returned object
 * stands for it once started, so a `describe.each(APPWRITE_VERSIONS)` suite can name it at collection time.
 */
export function suiteServer(options: ServerOptions = {}): TestServer {
  let current: TestServer | null = null
  beforeAll(async () => {
    current = await startTestServer(options)
  })
  afterAll(() => current?.close())
  return new Proxy({} as TestServer, {
    get(_, key) {
      if (!current) throw new Error('suiteServer used outside its suite')
      return Reflect.get(current, key) as unknown
    },
  })
}

/** Asserts an Appwrite error answer and returns its body. */
export function expectError(response: RawResponse, code: number, type: string): v.InferOutput<typeof ErrorSchema> {
  const body = v.parse(ErrorSchema, response.json)
  if (response.status !== code || body.code !== code || body.type !== type) {
    throw new Error(`expected ${code} ${type}, got ${response.status} ${response.text}`)
  }
  return body
}

/** The demo config with changes to the `demo` project, for tests that need other settings. */
export function demoConfigWith(changes: Partial<NonNullable<ConfigObject['projects']>[number]>, extra: Partial<ConfigObject> = {}): ConfigObject {
  const [demo, ...others] = defaultConfig.projects ?? []
  if (!demo) throw new Error('default config has no demo project')
  return { ...defaultConfig, ...extra, projects: [{ ...demo, ...changes }, ...others] }
}

export function newEmail(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@example.com`
}

export interface NodeResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/** A request through node:http, for what fetch forbids: a Host header, invalid UTF-8, odd methods. */
export function httpRequest(base: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<NodeResponse> {
  const url = new URL(base)
  // Node frames GET/HEAD/OPTIONS bodies only with an explicit Content-Length.
  const framed = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: framed, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}
