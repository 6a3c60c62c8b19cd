// Sign-in, the session list, one session, and JWTs (docs/appwrite/wire.md sections 2.3 and 3.1).
import { audit } from '../audit.ts'
import { CONSOLE_PROJECT_ID, is2x } from '../config.ts'
import { defineRoute, signedInUser, noContent, type Context, type Result, type Route } from '../context.ts'
import { formatDatabaseDatetime } from '../datetime.ts'
import { AppwriteError } from '../errors.ts'
import { encodeJwt, decodeJwt } from '../jwt.ts'
import { sessionModel } from '../models.ts'
import { boolean, customId, email, integerRange, optional, password, required, since2x, text, totalFlag, uid, type Validator } from '../params.ts'
import { endCurrentSession, isCurrent, startSession } from '../sessions.ts'
import type { SessionRecord, TokenType, UserRecord } from '../state.ts'
import { findToken, removeToken } from '../tokens.ts'
import { newUserRecord, passwordMatches, resolveId } from '../user-records.ts'

const SIGN_IN_TOKEN_TYPES: readonly TokenType[] = ['magic-url', 'email', 'phone', 'oauth2', 'generic']
/** 1.9 wraps the OAuth2 token secret in a JWT that lives 60 seconds (docs/appwrite/wire.md section 2.3). */
export const OAUTH2_SECRET_MAX_AGE_SEC = 60


/** `current` means the caller's own session; a JWT caller has none (docs/appwrite/wire.md section 10). */
function findSession(ctx: Context, user: UserRecord, sessionId: string): SessionRecord {
  const id = sessionId === 'current' ? ctx.caller.session?.id : sessionId
  const session = user.sessions.find((candidate) => candidate.id === id)
  if (!session) throw new AppwriteError('user_session_not_found')
  return session
}

function clientSession(ctx: Context, user: UserRecord, session: SessionRecord) {
  return sessionModel(session, user.id, { current: isCurrent(ctx, session), secret: '' })
}

/** POST /account/sessions/token and the deprecated PUT magic-url/phone routes. */
function redeemToken(ctx: Context, userId: string, secret: string): Result {
  const user = ctx.project.users.get(userId)
  if (!user) throw new AppwriteError('user_invalid_token')
  let plainSecret = secret
  let oauthProvider: string | null = null
  if (secret.split('.').length === 3) {
    try {
      const claims = decodeJwt(secret, ctx.now, ctx.state.jwtKey)
      if (typeof claims['secret'] === 'string' && typeof claims['provider'] === 'string') {
        plainSecret = claims['secret']
        oauthProvider = claims['provider']
      }
    } catch {
      throw new AppwriteError('user_invalid_token')
    }
  }
  const token = findToken(user, SIGN_IN_TOKEN_TYPES, plainSecret, ctx.now)
  // An OAuth2 secret is only good inside its JWT wrapper, and the wrapper only for OAuth2 tokens.
  if (!token || (token.type === 'oauth2') !== (oauthProvider !== null)) throw new AppwriteError('user_invalid_token')
  if (!user.status) throw new AppwriteError('user_blocked')
  removeToken(user, token)
  const [provider, factors] = (() => {
    switch (token.type) {
      case 'magic-url':
        return ['magic-url', ['email']] as const
      case 'email':
        return ['token', ['email']] as const
      case 'phone':
        return ['phone', ['phone']] as const
      case 'oauth2':
        // 2.x marks it as an OAuth2 sign-in, so it skips MFA like the cookie flow (docs/appwrite/wire-2x.md section 3.3).
        return [token.provider ?? oauthProvider ?? 'oauth2', is2x(ctx.state.config.version) ? ['email', 'oauth2'] : ['email']] as const
      default:
        return ['token', ['token']] as const
    }
  })()
  if (token.type === 'phone') user.phoneVerification = true
  if (token.type === 'magic-url' || token.type === 'email' || token.type === 'oauth2') user.emailVerification = true
  return { status: 201, model: 'session', body: startSession(ctx, user, { provider, factors: [...factors] }) }
}

/** Any value; 2.x's `duration` is checked in the handler against the project's session length. */
const anything: Validator<unknown> = { check: (value) => ({ ok: true, value }) }

const tokenSessionParams = { userId: required(customId), secret: required(text(256)) }
const perIpAndUser = (limit: number, resetOn201: boolean) => ({ limit, windowSec: 3600, keys: ['ip:{ip},userId:{param-userId}'], resetOn201 })

export const accountSessionRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/sessions/email', '/v1/account/sessions'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},email:{param-email}'], resetOn201: true },
    sessionGroup: true,
    authMethod: 'email-password',
    params: { email: required(email), password: required(password), duration: since2x(optional(anything, null)) },
    handler: (ctx, args) => {
      // 2.4+: a shorter session, at least 60 seconds and at most the project's session length.
      let durationSec: number | undefined
      if (args.duration !== null) {
        const check = integerRange(60, ctx.project.config.durationSec).check(args.duration, ctx.env)
        if (!check.ok) throw new AppwriteError('general_argument_invalid', `Invalid \`duration\` param: ${check.description}`)
        durationSec = check.value
      }
      const user = ctx.project.userByEmail(args.email.toLowerCase())
      if (!user || !passwordMatches(user, args.password)) throw new AppwriteError('user_invalid_credentials')
      if (!user.status) throw new AppwriteError('user_blocked')
      const body = startSession(ctx, user, { provider: 'email', providerUid: user.email, factors: ['password'], ...(durationSec === undefined ? {} : { durationSec }) })
      return { status: 201, model: 'session', body }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/sessions/anonymous'],
    scope: 'sessions.write',
    rateLimit: { limit: 50, windowSec: 3600, keys: ['ip:{ip}'] },
    sessionGroup: true,
    authMethod: 'anonymous',
    params: {},
    handler: (ctx) => {
      if (ctx.project.id === CONSOLE_PROJECT_ID) throw new AppwriteError('user_anonymous_console_prohibited')
      const user = newUserRecord({ id: resolveId('unique()') }, ctx.now)
      ctx.project.putUser(user)
      audit(ctx, user, 'user.create')
      return { status: 201, model: 'session', body: startSession(ctx, user, { provider: 'anonymous', factors: ['anonymous'] }) }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/sessions/token'],
    scope: 'sessions.write',
    rateLimit: perIpAndUser(10, true),
    sessionGroup: true,
    params: tokenSessionParams,
    handler: (ctx, args) => redeemToken(ctx, args.userId, args.secret),
  }),
  defineRoute({
    method: 'PUT',
    paths: ['/v1/account/sessions/magic-url'],
    scope: 'sessions.write',
    rateLimit: perIpAndUser(10, true),
    sessionGroup: true,
    authMethod: 'magic-url',
    params: tokenSessionParams,
    handler: (ctx, args) => redeemToken(ctx, args.userId, args.secret),
  }),
  defineRoute({
    method: 'PUT',
    paths: ['/v1/account/sessions/phone'],
    scope: 'sessions.write',
    rateLimit: perIpAndUser(10, false),
    sessionGroup: true,
    authMethod: 'phone',
    params: tokenSessionParams,
    handler: (ctx, args) => redeemToken(ctx, args.userId, args.secret),
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/sessions'],
    scope: 'account',
    params: { total: since2x(optional(totalFlag, true)) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const sessions = user.sessions.map((session) => clientSession(ctx, user, session))
      return { status: 200, model: 'sessionList', body: { total: args.total ? sessions.length : 0, sessions } }
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/account/sessions'],
    scope: 'account',
    rateLimit: { limit: 100, windowSec: 3600, keys: ['url:{url},ip:{ip}'] },
    // 2.4+: `current=false` ends every other session and keeps the caller's.
    params: { current: since2x(optional(boolean, true)) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      if (!args.current) {
        user.sessions = user.sessions.filter((session) => isCurrent(ctx, session))
        audit(ctx, user, 'session.delete')
        ctx.state.touch()
        return noContent
      }
      const hadCurrent = ctx.caller.session !== null
      user.sessions = []
      audit(ctx, user, 'session.delete')
      ctx.state.touch()
      if (hadCurrent) endCurrentSession(ctx)
      return noContent
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/sessions/:sessionId'],
    scope: 'account',
    params: { sessionId: required(uid) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      return { status: 200, model: 'session', body: clientSession(ctx, user, findSession(ctx, user, args.sessionId)) }
    },
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/sessions/:sessionId'],
    scope: 'account',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},ip:{ip}'] },
    params: { sessionId: required(uid) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const session = findSession(ctx, user, args.sessionId)
      session.expire = ctx.now + ctx.project.config.durationSec * 1000
      session.updatedAt = ctx.now
      audit(ctx, user, 'session.update')
      ctx.state.touch()
      // This body is not a faithful session: no `current`, no `countryName`, and `expire` in the
      // database format (docs/appwrite/wire.md sections 3.1 and 10).
      const body = { ...sessionModel(session, user.id, { current: false, secret: '' }), countryName: '', expire: formatDatabaseDatetime(session.expire) }
      return { status: 200, model: 'session', body }
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/account/sessions/:sessionId'],
    scope: 'account',
    // A half-signed-in session can still sign out (docs/appwrite/mfa.md section 1.3).
    mfaGroup: true,
    rateLimit: { limit: 100, windowSec: 3600, keys: ['url:{url},ip:{ip}'] },
    params: { sessionId: required(uid) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const session = findSession(ctx, user, args.sessionId)
      user.sessions = user.sessions.filter((candidate) => candidate !== session)
      audit(ctx, user, 'session.delete')
      ctx.state.touch()
      if (isCurrent(ctx, session)) endCurrentSession(ctx)
      return noContent
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/jwts', '/v1/account/jwt'],
    scope: 'account',
    rateLimit: { limit: 120, windowSec: 60, keys: ['url:{url},userId:{userId}'] },
    authMethod: 'jwt',
    params: { duration: optional(integerRange(0, 3600), 900) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      // A JWT alone is not a session to mint from (docs/appwrite/wire.md section 2.3); 2.x says so with a 403.
      if (ctx.caller.viaJwt && is2x(ctx.state.config.version)) throw new AppwriteError('user_jwt_creation_denied')
      const session = ctx.caller.session
      if (!session) throw new AppwriteError('user_session_not_found')
      // adhocore/jwt refuses a max age below 1 second, which surfaces as a 500 from Appwrite.
      if (args.duration < 1) throw new Error('Invalid maxAge: Should be greater than 0')
      const jwt = encodeJwt({ userId: user.id, sessionId: session.id }, args.duration, ctx.now, ctx.state.jwtKey)
      return { status: 201, model: 'jwt', body: { jwt } }
    },
  }),
]
