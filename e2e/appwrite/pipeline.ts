// One API request, checked in the order Appwrite checks it (docs/appwrite/wire.md section 3.3): OPTIONS, origin,
// project, caller, scope, blocked user, rate limit, session group, auth method, parameters, action.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { CONSOLE_PROJECT_ID, is2x, type AuthMethod, type ProjectConfig } from './config.ts'
import { resolveCaller } from './auth.ts'
import type { Caller, Context, Result, Route } from './context.ts'
import { corsHeaders } from './cors.ts'
import { registrableDomain } from './domains.ts'
import { AppwriteError, errorBody } from './errors.ts'
import { countryCodeOf } from './geo.ts'
import { hostAllowed, originPolicy, originProblem, splitOrigin, type OriginPolicy } from './origin.ts'
import { errorPage } from './pages.ts'
import { BodyTooLarge, parseBody, parseQuery, readBody } from './request-input.ts'
import { filterForFormat, formatWarning, shapeFor2x } from './response-format.ts'
import type { Router } from './router.ts'
import type { ProjectState, ServerState } from './state.ts'
import { parseUserAgent } from './user-agent.ts'
import { missingFactor } from './mfa.ts'
import { applyImpersonation, markImpersonated, withImpersonatorScopes } from './impersonation.ts'

const GUEST_SCOPES = new Set(['sessions.write', 'public', 'home', 'locale.read', 'avatars.read', 'health.read'])
const USER_SCOPES = new Set([...GUEST_SCOPES, 'account', 'teams.read', 'teams.write', 'targets.read', 'targets.write', 'subscribers.write'])

const AUTH_METHOD_NAMES: Record<AuthMethod, string> = {
  'email-password': 'Email / Password',
  anonymous: 'Anonymous',
  'email-otp': 'Email OTP',
  'magic-url': 'Magic URL',
  phone: 'Phone',
  jwt: 'JWT',
  invites: 'Invites',
}

const JSON_TYPE = 'application/json; charset=UTF-8'

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name]
  return typeof value === 'string' ? value : ''
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = header(req, 'x-forwarded-for').split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  const address = req.socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

function scopeError(caller: Caller, projectId: string, hostname: string, scope: string): AppwriteError {
  const [who, role] = caller.key
    ? [`app.${projectId}@service.${hostname}`, 'applications']
    : caller.user
      ? [caller.user.email, 'users']
      : ['User', 'guests']
  return new AppwriteError('general_unauthorized_scope', `${who} (role: ${role}) missing scopes (${JSON.stringify([scope])})`)
}

function fillKey(template: string, ctx: Context, pattern: string, raw: Record<string, unknown>): string {
  return template.replace(/\{([a-zA-Z-]+)\}/g, (placeholder, name: string) => {
    if (name === 'url') return ctx.hostname + pattern
    if (name === 'ip') return ctx.ip
    if (name === 'userId') return ctx.caller.user?.id ?? ''
    if (name.startsWith('param-')) {
      const value = raw[name.slice(6)]
      if (value === undefined || value === null || value === '') return placeholder
      return typeof value === 'string' ? value : JSON.stringify(value)
    }
    return placeholder
  })
}

export interface PipelineOptions {
  state: ServerState
  router: Router
}

export function createApiHandler({ state, router }: PipelineOptions) {
  const policies = new Map<string, OriginPolicy>()
  const { version, domain } = state.config
  const v2 = is2x(version)
  function policyFor(project: ProjectConfig | undefined): OriginPolicy {
    const key = project?.id ?? ''
    let policy = policies.get(key)
    if (!policy) {
      policy = originPolicy(project, domain, is2x(version))
      if (policies.size > 100) policies.clear()
      policies.set(key, policy)
    }
    return policy
  }

  function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string | null): void {
    if (body !== null) headers['Content-Length'] = Buffer.byteLength(body)
    res.writeHead(status, headers)
    res.end(body ?? undefined)
  }

  function sendError(res: ServerResponse, error: unknown, headers: OutgoingHttpHeaders, html: boolean): void {
    if (!(error instanceof AppwriteError)) console.error('[appwrite-server] unexpected error:', error instanceof Error ? error.message : error)
    const body = errorBody(error, version)
    delete headers['X-Fallback-Cookies']
    delete headers['Set-Cookie']
    headers['Cache-Control'] = 'no-cache, no-store, must-revalidate'
    headers['Content-Type'] = html ? 'text/html; charset=UTF-8' : JSON_TYPE
    send(res, body.code, headers, html ? errorPage(body) : JSON.stringify(body))
  }

  return async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: string): Promise<void> {
    const origin = header(req, 'origin')
    const hostHeader = header(req, 'host') || 'localhost'
    const hostname = splitOrigin(`http://${hostHeader}`).host.replace(/^\[|\]$/g, '')
    const rawQuery = parseQuery(query)
    const projectParam = rawQuery['project']
    const projectId = (typeof projectParam === 'string' && projectParam !== '' ? projectParam : header(req, 'x-appwrite-project')) || CONSOLE_PROJECT_ID
    const project: ProjectState | undefined = state.projects.get(projectId)
    const policy = policyFor(project?.config)

    const originHost = origin === '' ? '' : splitOrigin(origin).host
    const headers: OutgoingHttpHeaders = corsHeaders(origin !== '' && (method === 'OPTIONS' || hostAllowed(originHost, policy)) ? origin : null)
    headers['X-Debug-Fallback'] = 'false'
    headers['Cache-Control'] = 'no-cache, no-store, must-revalidate'
    headers['Expires'] = '0'
    headers['Pragma'] = 'no-cache'
    headers['X-Content-Type-Options'] = 'nosniff'
    const format = header(req, 'x-appwrite-response-format')
    const warning = format === '' ? null : formatWarning(format, version)
    if (warning) headers['X-Appwrite-Warning'] = warning

    if (method === 'OPTIONS') return send(res, 204, headers, null)

    // utopia answers HEAD as GET without a body; Node drops the body of HEAD responses itself.
    const match = router.match(method === 'HEAD' ? 'GET' : method, path)
    // Unknown paths hit Appwrite's wildcard route, whose errors render as HTML (docs/appwrite/wire.md section 4),
    // after the project, blocked-user and MFA checks of the `api` group.
    if (!match) {
      try {
        if (!project) throw new AppwriteError('project_not_found')
        const caller = resolveCaller(state, project, req, state.now(), headers)
        if (caller.user && !caller.user.status && !caller.key) throw new AppwriteError('user_blocked')
        if (caller.user && caller.session && missingFactor(caller.user, caller.session)) throw new AppwriteError('user_more_factors_required')
        throw new AppwriteError('general_route_not_found')
      } catch (error) {
        return sendError(res, error, headers, true)
      }
    }
    const route: Route = match.route

    try {
      const body = parseBody(await readBody(req), req.headers['content-type'])
      const raw: Record<string, unknown> = { ...rawQuery, ...body, ...match.pathParams }

      // The origin check runs for every method, on the Origin header only (docs/appwrite/wire.md section 5).
      if (origin !== '' && header(req, 'x-appwrite-key') === '' && header(req, 'x-appwrite-dev-key') === '') {
        const problem = originProblem(origin, policy, projectId, 'Origin')
        if (problem !== null) throw new AppwriteError('general_unknown_origin', problem)
      }
      if (!project && !route.projectless) throw new AppwriteError('project_not_found')

      const now = state.now()
      const caller: Caller = project ? resolveCaller(state, project, req, now, headers) : { user: null, session: null, viaJwt: false, key: null }
      if (project) applyImpersonation(state, project, req, method, rawQuery, match.pattern, caller)
      const referer = header(req, 'referer')
      const verifiedHost = origin !== '' ? originHost : referer !== '' ? splitOrigin(referer).host : ''
      const registrable = registrableDomain(verifiedHost)
      const ip = clientIp(req, state.config.trustProxy)
      // X-Forwarded-User-Agent is honoured only for API-key callers (docs/appwrite/wire.md section 4).
      const userAgent = (caller.key && header(req, 'x-forwarded-user-agent')) || header(req, 'user-agent')
      const ctx: Context = {
        state,
        // Only `projectless` routes (health, the OAuth2 mock hops) run without one, and they never read it.
        project: project ?? (undefined as unknown as ProjectState),
        req,
        method,
        path,
        hostname,
        origin: `http://${hostHeader}`,
        ip,
        userAgent,
        device: parseUserAgent(userAgent),
        countryCode: countryCodeOf(ip),
        now,
        caller,
        env: { is2x: v2, redirectProblem: (url) => originProblem(url, policy, projectId, 'URI') },
        domainVerification: registrable !== '' && registrable === registrableDomain(hostname),
        headers,
        cookies: [],
      }

      const scopes = caller.key ? new Set(caller.key.scopes) : caller.user ? withImpersonatorScopes(caller, USER_SCOPES) : GUEST_SCOPES
      if (!scopes.has(route.scope) && route.scope !== 'public') throw scopeError(caller, projectId, hostname, route.scope)
      // While impersonating, the target's status and MFA minimum count (docs/appwrite/wire-2x.md section 5.3).
      const subject = caller.target ?? caller.user
      if (subject && !subject.status && !caller.key) throw new AppwriteError('user_blocked')
      if (subject && caller.session && !route.mfaGroup && missingFactor(subject, caller.session)) throw new AppwriteError('user_more_factors_required')

      const limitKeys = route.rateLimit ? route.rateLimit.keys.map((template) => `${projectId}|${fillKey(template, ctx, match.pattern, raw)}`) : []
      if (route.rateLimit) {
        const { limit, windowSec } = route.rateLimit
        // Limits are counted unless switched off or the caller has an API key; headers are sent either way.
        const record = state.config.rateLimits && !caller.key
        let closest = null
        let exceeded = false
        for (const key of limitKeys) {
          const verdict = state.rateLimiter.check(key, limit, windowSec, now, record)
          if (closest === null || verdict.remaining < closest.remaining) closest = verdict
          exceeded ||= verdict.exceeded
        }
        if (closest) {
          headers['X-RateLimit-Limit'] = String(closest.limit)
          headers['X-RateLimit-Remaining'] = String(closest.remaining)
          headers['X-RateLimit-Reset'] = String(closest.reset)
        }
        if (exceeded) throw new AppwriteError('general_rate_limit_exceeded')
      }
      if (route.sessionGroup && caller.user) throw new AppwriteError('user_session_already_exists')
      if (route.authMethod && project && !project.config.methods[route.authMethod] && !caller.key) {
        throw new AppwriteError('user_auth_method_unsupported', `${AUTH_METHOD_NAMES[route.authMethod]} authentication is disabled for this project`)
      }

      const result: Result = await route.run(ctx, raw)
      markImpersonated(caller, result)
      if (result.status === 201 && route.rateLimit?.resetOn201) for (const key of limitKeys) state.rateLimiter.reset(key)
      if (ctx.cookies.length > 0) headers['Set-Cookie'] = ctx.cookies
      if (result.location !== undefined) {
        headers['Location'] = result.location
        return send(res, result.status, headers, null)
      }
      if (result.body === undefined) return send(res, result.status, headers, null)
      headers['Content-Type'] = JSON_TYPE
      const shaped = result.model && v2 ? shapeFor2x(result.model, result.body) : result.body
      const output = result.model ? filterForFormat(format, result.model, shaped) : shaped
      return send(res, result.status, headers, JSON.stringify(output))
    } catch (error) {
      const wrapped = error instanceof BodyTooLarge ? new AppwriteError('general_argument_invalid', 'Request body is too large.') : error
      return sendError(res, wrapped, headers, route.htmlErrors === true)
    }
  }
}
