// What a route handler gets, and what it returns.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import type { AppwriteVersion, AuthMethod, KeyConfig } from './config.ts'
import { AppwriteError } from './errors.ts'
import { readParams, type ParamSpecs, type ParamValues, type ValidationEnv } from './params.ts'
import type { ProjectState, ServerState, SessionRecord, UserRecord } from './state.ts'
import type { DeviceInfo } from './user-agent.ts'
import type { ModelName } from './response-format.ts'

export interface Caller {
  user: UserRecord | null
  /** The session proven by cookie, X-Appwrite-Session or X-Fallback-Cookies; null for JWT callers. */
  session: SessionRecord | null
  viaJwt: boolean
  key: Required<KeyConfig> | null
  /** Impersonation (docs/appwrite/wire-2x.md section 5): the operator, and the user it acts as. */
  impersonator?: UserRecord | null
  target?: UserRecord | null
}

export interface Context {
  state: ServerState
  project: ProjectState
  req: IncomingMessage
  method: string
  path: string
  /** Host header without the port. */
  hostname: string
  /** `http://host:port`, for links in emails and OAuth2 redirects. */
  origin: string
  ip: string
  userAgent: string
  device: DeviceInfo
  countryCode: string
  now: number
  caller: Caller
  env: ValidationEnv
  /** Origin/Referer and API share a registrable domain (docs/appwrite/wire.md section 1.4). */
  domainVerification: boolean
  headers: OutgoingHttpHeaders
  cookies: string[]
}

export interface Result {
  status: number
  body?: unknown
  /** Which model the body is, for the response-format filters. */
  model?: ModelName
  html?: string
  location?: string
}

export type Scope = 'account' | 'sessions.write' | 'public' | 'users.read' | 'users.write'

export interface RateLimitSpec {
  limit: number
  windowSec: number
  /** Templates such as `url:{url},email:{param-email}`; each is counted separately. */
  keys: readonly string[]
  /** 1.9 clears the counters when the route answers 201. */
  resetOn201?: boolean
}

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** The first path is the route's own; the rest are aliases. `:name` marks a path parameter. */
  paths: readonly string[]
  scope: Scope
  rateLimit?: RateLimitSpec
  /** Sign-in routes: a caller with a valid session gets 401 `user_session_already_exists`. */
  sessionGroup?: boolean
  authMethod?: AuthMethod
  /** Group `mfa`: still open to a session that lacks its second factor (docs/appwrite/mfa.md section 1.3). */
  mfaGroup?: boolean
  /** OAuth2 routes render errors as an HTML page (docs/appwrite/wire.md section 4). */
  htmlErrors?: boolean
  /** Works without a project (health). */
  projectless?: boolean
  /** The versions that serve the route; default every version. Others answer the wildcard's 404. */
  versions?: readonly AppwriteVersion[]
}

export interface Route extends RouteSpec {
  run(ctx: Context, raw: Record<string, unknown>): Result | Promise<Result>
}

export function defineRoute<P extends ParamSpecs>(
  spec: RouteSpec & { params: P; handler: (ctx: Context, args: ParamValues<P>) => Result | Promise<Result> },
): Route {
  const { params, handler, ...rest } = spec
  return { ...rest, run: (ctx, raw) => handler(ctx, readParams(params, raw, ctx.env)) }
}

export const noContent: Result = { status: 204 }

/** The caller's user on `account`-scope routes; the scope check has already turned guests away. */
export function signedInUser(ctx: Context): UserRecord {
  const user = ctx.caller.user
  if (!user) throw new AppwriteError('general_unauthorized_scope')
  return user
}
