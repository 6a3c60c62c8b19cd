// OAuth2 with Appwrite's `mock` provider (docs/appwrite/wire.md section 2.3): the token flow ends in a redirect to
// `success?secret=<60-second JWT>&userId=...`; the session flow sets cookies during the redirect.
import { defineRoute, type Context, type Route } from '../context.ts'
import { HOUR_MS } from '../datetime.ts'
import { AppwriteError } from '../errors.ts'
import { LINK_SECRET_CHARS, randomHex, uniqueId } from '../ids.ts'
import type { MockOAuthIdentity } from '../config.ts'
import type { UserRecord } from '../state.ts'
import { encodeJwt } from '../jwt.ts'
import { arrayOf, optional, redirectUrl, required, since2x, text, whiteList, type Validator } from '../params.ts'
import { startSession } from '../sessions.ts'
import { issueToken, withQuery } from '../tokens.ts'
import { newUserRecord, resolveId } from '../user-records.ts'
import { OAUTH2_SECRET_MAX_AGE_SEC } from './account-sessions.ts'
import { audit } from '../audit.ts'

/** The provider enum of the 1.9 spec, plus Appwrite's test provider `mock`. */
const PROVIDERS = [
  'amazon', 'apple', 'auth0', 'authentik', 'autodesk', 'bitbucket', 'bitly', 'box', 'dailymotion', 'discord', 'disqus',
  'dropbox', 'etsy', 'facebook', 'figma', 'fusionauth', 'github', 'gitlab', 'google', 'keycloak', 'kick', 'linkedin',
  'microsoft', 'notion', 'oidc', 'okta', 'paypal', 'paypalSandbox', 'podio', 'salesforce', 'slack', 'spotify', 'stripe',
  'tradeshift', 'tradeshiftBox', 'twitch', 'wordpress', 'x', 'yahoo', 'yammer', 'yandex', 'zoho', 'zoom', 'mock',
] as const

const MOCK_CODE = 'abcdef'
const MOCK_ACCESS_TOKEN = '123456'
const MOCK_AUTHORIZE_PATH = '/v1/mock/tests/general/oauth2'

interface LoginState {
  success: string
  failure: string
  token: boolean
  /** 2.x: the caller's `state`, passed back on the success and failure URLs. */
  appState?: string
}

/** 2.4+ `state`: printable ASCII, at most 256 characters. */
const appState: Validator<string> = {
  check: (value) =>
    typeof value === 'string' && value.length <= 256 && /^[\x20-\x7e]*$/.test(value)
      ? { ok: true, value }
      : { ok: false, description: 'Value must be a valid string of printable ASCII characters and no longer than 256 chars' },
}

/** The success or failure URL with `state` appended when the caller gave one. */
function backTo(url: string, state: LoginState, params: Record<string, string>): string {
  const all = state.appState ? { ...params, state: state.appState } : params
  return Object.keys(all).length === 0 ? url : withQuery(url, all)
}

const startParams = {
  provider: required(whiteList(PROVIDERS)),
  success: optional(redirectUrl, ''),
  failure: optional(redirectUrl, ''),
  scopes: optional(arrayOf(text(4096), 100, 'Value must be a valid string and at least 1 chars and no longer than 4096 chars'), [] as string[]),
  state: since2x(optional(appState, '')),
}

function startFlow(ctx: Context, args: { provider: string; success: string; failure: string; scopes: string[]; state: string }, token: boolean) {
  if (args.provider !== 'mock' || ctx.project.config.mockOAuth === null) throw new AppwriteError('project_provider_disabled')
  const state: LoginState = {
    success: args.success === '' ? `${ctx.origin}/auth/oauth2/success` : args.success,
    failure: args.failure === '' ? `${ctx.origin}/auth/oauth2/failure` : args.failure,
    token,
    ...(args.state === '' ? {} : { appState: args.state }),
  }
  const callback = `${ctx.origin}/v1/account/sessions/oauth2/callback/${args.provider}/${ctx.project.id}`
  const location = withQuery(`${ctx.origin}${MOCK_AUTHORIZE_PATH}`, {
    client_id: ctx.project.id,
    redirect_uri: callback,
    scope: args.scopes.join(' '),
    state: JSON.stringify(state),
  })
  return { status: 301, location }
}

function parseState(raw: string): LoginState {
  try {
    const value: unknown = JSON.parse(raw)
    const { success, failure, token, appState } = value as Record<string, unknown>
    if (typeof success === 'string' && typeof failure === 'string') {
      return { success, failure, token: token === true, ...(typeof appState === 'string' ? { appState } : {}) }
    }
  } catch {
    // falls through to the error below
  }
  throw new AppwriteError('general_argument_invalid', 'Failed to parse login state params as passed from OAuth2 provider')
}

/** One identity per (user, provider, providerUid); later sign-ins refresh its tokens (docs/appwrite/mfa.md section 3). */
function linkIdentity(ctx: Context, user: UserRecord, provider: string, identity: MockOAuthIdentity): void {
  const existing = user.identities.find((candidate) => candidate.provider === provider && candidate.providerUid === identity.id)
  const tokens = { providerAccessToken: MOCK_ACCESS_TOKEN, providerAccessTokenExpiry: ctx.now + HOUR_MS, providerRefreshToken: '' }
  if (existing) {
    Object.assign(existing, tokens, { updatedAt: ctx.now })
    return
  }
  user.identities.push({ id: uniqueId(), createdAt: ctx.now, updatedAt: ctx.now, provider, providerUid: identity.id, providerEmail: identity.email, ...tokens })
}

function failureRedirect(state: LoginState, error: AppwriteError) {
  return { status: 301, location: backTo(state.failure, state, { error: JSON.stringify({ message: error.message, type: error.type, code: error.code }) }) }
}

const oauthRoute = { scope: 'sessions.write', rateLimit: { limit: 50, windowSec: 3600, keys: ['ip:{ip}'] }, htmlErrors: true } as const

export const accountOAuthRoutes: Route[] = [
  defineRoute({ method: 'GET', paths: ['/v1/account/tokens/oauth2/:provider'], ...oauthRoute, params: startParams, handler: (ctx, args) => startFlow(ctx, args, true) }),
  defineRoute({ method: 'GET', paths: ['/v1/account/sessions/oauth2/:provider'], ...oauthRoute, params: startParams, handler: (ctx, args) => startFlow(ctx, args, false) }),
  defineRoute({
    method: 'GET',
    paths: [MOCK_AUTHORIZE_PATH],
    scope: 'public',
    htmlErrors: true,
    projectless: true,
    params: { client_id: optional(text(256, 0), ''), redirect_uri: required(text(2048)), scope: optional(text(4096, 0), ''), state: optional(text(4096, 0), '') },
    handler: (ctx, args) => {
      // Only this server's own callback, so the mock is no open redirect.
      if (!args.redirect_uri.startsWith(`${ctx.origin}/v1/account/sessions/oauth2/callback/`)) {
        throw new AppwriteError('general_argument_invalid', 'Invalid `redirect_uri` param: not this server')
      }
      return { status: 301, location: withQuery(args.redirect_uri, { code: MOCK_CODE, state: args.state }) }
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/sessions/oauth2/callback/:provider/:projectId'],
    scope: 'public',
    htmlErrors: true,
    projectless: true,
    params: { provider: required(whiteList(PROVIDERS)), projectId: required(text(36)), code: optional(text(2048, 0), ''), state: optional(text(4096, 0), '') },
    handler: (ctx, args) => ({
      status: 301,
      location: withQuery(`${ctx.origin}/v1/account/sessions/oauth2/${args.provider}/redirect`, { code: args.code, state: args.state, project: args.projectId }),
    }),
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/sessions/oauth2/:provider/redirect'],
    scope: 'public',
    htmlErrors: true,
    params: { provider: required(whiteList(PROVIDERS)), code: optional(text(2048, 0), ''), state: required(text(4096)) },
    handler: (ctx, args) => {
      const state = parseState(args.state)
      const identity = ctx.project.config.mockOAuth
      if (args.provider !== 'mock' || identity === null) return failureRedirect(state, new AppwriteError('project_provider_disabled'))
      if (args.code !== MOCK_CODE) return failureRedirect(state, new AppwriteError('user_invalid_token', 'Failed to obtain access token'))
      let user = ctx.project.userByEmail(identity.email.toLowerCase())
      if (!user) {
        user = newUserRecord({ id: resolveId('unique()'), email: identity.email, name: identity.name, emailVerification: true }, ctx.now)
        ctx.project.putUser(user)
        audit(ctx, user, 'user.create')
      }
      if (!user.status) return failureRedirect(state, new AppwriteError('user_blocked'))
      linkIdentity(ctx, user, args.provider, identity)
      if (state.token) {
        const secret = randomHex(LINK_SECRET_CHARS)
        issueToken(ctx, user, { type: 'oauth2', secret, ttlMs: ctx.project.config.durationSec * 1000, provider: args.provider })
        const wrapped = encodeJwt({ secret, provider: args.provider }, OAUTH2_SECRET_MAX_AGE_SEC, ctx.now, ctx.state.jwtKey)
        return { status: 301, location: backTo(state.success, state, { secret: wrapped, userId: user.id }) }
      }
      user.emailVerification = true
      startSession(ctx, user, {
        provider: args.provider,
        providerUid: identity.id,
        providerAccessToken: MOCK_ACCESS_TOKEN,
        providerAccessTokenExpiry: ctx.now + HOUR_MS,
        // Two factors, so an OAuth2 cookie session is never asked for another (docs/appwrite/mfa.md section 1.2).
        factors: ['email', 'oauth2'],
      })
      return { status: 301, location: backTo(state.success, state, {}) }
    },
  }),
]
