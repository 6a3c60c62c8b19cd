// Passkeys, 2.x (docs/appwrite/wire-2x.md sections 3.1, 6.5 and 6.7): list, get, rename and delete. No project
// here has a passkey policy (relying party ID and origins), so registering one answers 501, as such a project does.
import { noContent, signedInUser, type Context, type Route } from '../context.ts'
import { MINUTE_MS } from '../datetime.ts'
import { AppwriteError } from '../errors.ts'
import { customId, optional, required, text, totalFlag, uid } from '../params.ts'
import { defaultListQuery, listQueries } from '../queries.ts'
import { byId, listBody, passkeyModel, v2Route } from '../records-2x.ts'

const PASSKEY_ATTRIBUTES = ['$id', '$createdAt', '$updatedAt', 'name', 'accessedAt']
const RECENT_MS = 10 * MINUTE_MS
const passkeyParam = { passkeyId: required(uid) }

/**
 * Group `recentSession`: the session signed in, or passed an MFA challenge, at most 10 minutes ago. The error
 * type is not in any source this repository read; 401 `user_unauthorized` with the SDK's wording stands in.
 */
function requireRecentSession(ctx: Context): void {
  const session = ctx.caller.session
  const recent = session !== null && (ctx.now - session.createdAt <= RECENT_MS || (session.mfaUpdatedAt !== null && ctx.now - session.mfaUpdatedAt <= RECENT_MS))
  if (!recent) throw new AppwriteError('user_unauthorized', 'The session must have signed in or completed an MFA challenge within the last 10 minutes.')
}

function passkeyOf(ctx: Context, passkeyId: string) {
  const user = signedInUser(ctx)
  return { user, passkey: byId(user.passkeys, passkeyId, 'user_passkey_not_found') }
}

export const accountPasskeyRoutes: Route[] = [
  v2Route({
    method: 'GET',
    paths: ['/v1/account/passkeys'],
    params: { queries: optional(listQueries(PASSKEY_ATTRIBUTES), defaultListQuery()), total: optional(totalFlag, true) },
    handler: (ctx, args) => {
      const models = signedInUser(ctx).passkeys.map(passkeyModel)
      return { status: 200, body: listBody(models, args.queries, args.total, 'passkeys', 'Passkey') }
    },
  }),
  v2Route({
    method: 'POST',
    paths: ['/v1/account/passkeys'],
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{userId}'] },
    params: { passkeyId: optional(customId, 'unique()'), name: optional(text(128, 0), '') },
    handler: (ctx) => {
      requireRecentSession(ctx)
      throw new AppwriteError('user_auth_method_unsupported', 'Passkeys are not configured for this project. Set a relying party ID and origins in the passkey policy.')
    },
  }),
  v2Route({
    method: 'GET',
    paths: ['/v1/account/passkeys/:passkeyId'],
    params: passkeyParam,
    handler: (ctx, args) => ({ status: 200, body: passkeyModel(passkeyOf(ctx, args.passkeyId).passkey) }),
  }),
  v2Route({
    method: 'PATCH',
    paths: ['/v1/account/passkeys/:passkeyId'],
    params: { ...passkeyParam, name: required(text(128)) },
    handler: (ctx, args) => {
      const { passkey } = passkeyOf(ctx, args.passkeyId)
      passkey.name = args.name
      passkey.updatedAt = ctx.now
      ctx.state.touch()
      return { status: 200, body: passkeyModel(passkey) }
    },
  }),
  v2Route({
    method: 'DELETE',
    paths: ['/v1/account/passkeys/:passkeyId'],
    params: passkeyParam,
    handler: (ctx, args) => {
      requireRecentSession(ctx)
      const { user, passkey } = passkeyOf(ctx, args.passkeyId)
      user.passkeys = user.passkeys.filter((other) => other !== passkey)
      ctx.state.touch()
      return noContent
    },
  }),
]
