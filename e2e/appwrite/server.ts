// The Appwrite-compatible local server: `startServer()` for tests, `cli.ts` for people.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createSecureServer } from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import { createCertificate, type Certificate } from './certificate.ts'
import { loadConfig, type AppwriteVersion, type ConfigObject } from './config.ts'
import { corsHeaders } from './cors.ts'
import { defaultConfig } from './default-config.ts'
import { takeFault, type Fault } from './faults.ts'
import { applySnapshot, Persistence, readSnapshot } from './persistence.ts'
import { createApiHandler } from './pipeline.ts'
import { Router } from './router.ts'
import { accountConsentRoutes } from './routes/account-consents.ts'
import { accountIdentityRoutes } from './routes/account-identities.ts'
import { accountMfaRoutes } from './routes/account-mfa.ts'
import { accountOAuthRoutes } from './routes/account-oauth.ts'
import { accountOtpRoutes } from './routes/account-otp.ts'
import { accountPasskeyRoutes } from './routes/account-passkeys.ts'
import { accountProfileRoutes } from './routes/account-profile.ts'
import { accountSessionRoutes } from './routes/account-sessions.ts'
import { accountTokenRoutes } from './routes/account-tokens.ts'
import { accountVerificationRoutes } from './routes/account-verification.ts'
import { handleDev } from './routes/dev.ts'
import { userImpersonationRoutes } from './routes/users-impersonation.ts'
import { userRoutes } from './routes/users.ts'
import { seedAll } from './seed.ts'
import { ServerState } from './state.ts'

export interface ServerOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** A config object or the path of a JSON file; default: the demo config (default-config.ts). */
  config?: ConfigObject | string
  /** Delay added to every API response, to emulate a far server. */
  latencyMs?: number
  /** Keep the state in this JSON file across restarts. */
  dataFile?: string
  /** Overrides the config's `rateLimits`. */
  rateLimits?: boolean
  /** Overrides the config's `trustProxy`. */
  trustProxy?: boolean
  /** The clock before `POST /__dev/clock` offsets; default Date.now. */
  now?: () => number
  /** Overrides the config's `version` (`--appwrite-version`). */
  version?: AppwriteVersion
  /**
   * HTTPS with HTTP/2 (HTTP/1.1 for clients that offer only that), as Appwrite Cloud and Traefik
   * speak: `true` makes a certificate at start (certificate.ts). Default: plain HTTP/1.1.
   */
  tls?: boolean | Certificate
}

export interface RunningServer {
  /** `http://host:port/v1` (`https://` in TLS mode), what a client's endpoint setting takes. */
  endpoint: string
  port: number
  /** The certificate served in TLS mode; its `spkiHash` is what a browser is told to trust. */
  certificate?: Certificate
  state: ServerState
  close(): Promise<void>
}

const ROUTES = [...accountSessionRoutes, ...accountTokenRoutes, ...accountOAuthRoutes, ...accountProfileRoutes, ...accountVerificationRoutes, ...accountMfaRoutes, ...accountIdentityRoutes, ...userRoutes,
  // 2.x additions and impersonation (docs/appwrite/wire-2x.md sections 3.1 and 5).
  ...accountConsentRoutes, ...accountOtpRoutes, ...accountPasskeyRoutes, ...userImpersonationRoutes]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Answers for an injected fault; false when the fault only delays and the request goes on. */
async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, version: string): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs)
  if (fault.dropConnection) {
    req.socket.destroy()
    return true
  }
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null
  const headers = { ...corsHeaders(origin), 'Content-Type': 'application/json; charset=UTF-8' }
  if (fault.malformedBody) {
    res.writeHead(fault.status ?? 200, headers)
    res.end('{"$id":"broken","message":')
    return true
  }
  if (fault.status === undefined) return false
  const body =
    fault.body === undefined
      ? JSON.stringify({ message: 'Injected fault', code: fault.status, type: 'general_mock', version })
      : typeof fault.body === 'string'
        ? fault.body
        : JSON.stringify(fault.body)
  res.writeHead(fault.status, headers)
  res.end(body)
  return true
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = loadConfig(options.config ?? defaultConfig, options.version)
  if (options.rateLimits !== undefined) config.rateLimits = options.rateLimits
  if (options.trustProxy !== undefined) config.trustProxy = options.trustProxy
  const snapshot = options.dataFile ? readSnapshot(options.dataFile) : null
  const jwtKey = snapshot ? Buffer.from(snapshot.jwtKey, 'hex') : randomBytes(32)
  const state = new ServerState(config, jwtKey, options.now ?? Date.now)
  seedAll(state)
  if (snapshot) applySnapshot(state, snapshot)
  const persistence = options.dataFile ? new Persistence(state, options.dataFile) : null
  const handleApi = createApiHandler({ state, router: new Router(ROUTES.filter((route) => !route.versions || route.versions.includes(config.version))) })
  const latencyMs = options.latencyMs ?? 0

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/'
    const queryStart = url.indexOf('?')
    const path = queryStart === -1 ? url : url.slice(0, queryStart)
    const query = queryStart === -1 ? '' : url.slice(queryStart + 1)
    if (path === '/__dev' || path.startsWith('/__dev/')) {
      await handleDev(state, req, res, path, query)
    } else {
      const method = (req.method ?? 'GET').toUpperCase()
      const project = req.headers['x-appwrite-project']
      const fault = state.faults.length > 0 ? takeFault(state.faults, method, path, typeof project === 'string' ? project : undefined) : undefined
      if (fault && (await applyFault(fault, req, res, config.version))) return
      if (latencyMs > 0) await sleep(latencyMs)
      await handleApi(req, res, method, path, query)
    }
    persistence?.schedule()
  }

  const respond = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[appwrite-server] request failed:', error instanceof Error ? error.message : error)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=UTF-8' })
      res.end(JSON.stringify({ message: 'Server Error', code: 500, type: 'general_unknown', version: config.version }))
    })
  }
  const certificate = options.tls === true ? createCertificate() : options.tls || undefined
  const server = certificate ? secureServer(certificate, respond) : plainServer(respond)

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    endpoint: `${certificate ? 'https' : 'http'}://${urlHost}:${port}/v1`,
    port,
    state,
    ...(certificate ? { certificate } : {}),
    close: () =>
      new Promise<void>((resolve, reject) => {
        persistence?.flush()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

type Respond = (req: IncomingMessage, res: ServerResponse) => void

interface Listening {
  once(event: 'error', listener: (error: Error) => void): void
  off(event: 'error', listener: (error: Error) => void): void
  listen(port: number, host: string, done: () => void): void
  address(): AddressInfo | string | null
  close(done: (error?: Error) => void): void
  closeAllConnections(): void
}

function plainServer(respond: Respond): Listening {
  const server = createServer(respond)
  // Bytes that are not HTTP at all get a bare 400, as Node's own default does.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })
  return server
}

/**
 * node:http2's compatibility API hands the same handler request and response objects that behave
 * as node:http's do for everything the routes use; HTTP/2 carries the host as `:authority`, which
 * is copied to `host` for the routes that read it (the dev routes answer a loopback Host only).
 */
function secureServer(certificate: Certificate, respond: Respond): Listening {
  const server = createSecureServer({ key: certificate.key, cert: certificate.cert, allowHTTP1: true }, (req, res) => {
    const authority = req.headers[':authority']
    if (req.headers.host === undefined && typeof authority === 'string') req.headers.host = authority
    respond(req as unknown as IncomingMessage, res as unknown as ServerResponse)
  })
  // Open HTTP/2 sessions and HTTP/1.1 keep-alive sockets would hold close() back: end them with it.
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  return Object.assign(server, {
    closeAllConnections: () => sockets.forEach((socket) => socket.destroy()),
  }) as unknown as Listening
}
