// OAuth2 identities of the account (docs/appwrite/mfa.md section 3): listed with queries, deleted one by one.
import { defineRoute, noContent, signedInUser, type Route } from '../context.ts'
import { AppwriteError } from '../errors.ts'
import { identityModel } from '../models.ts'
import { optional, required, totalFlag, uid } from '../params.ts'
import { defaultListQuery, listQueries, runListQuery } from '../queries.ts'

const IDENTITY_ATTRIBUTES = ['userId', 'provider', 'providerUid', 'providerEmail', 'providerAccessTokenExpiry', '$id', '$createdAt', '$updatedAt', '$sequence']
/** Appwrite counts at most this many (APP_LIMIT_COUNT). */
const MAX_TOTAL = 5000

export const accountIdentityRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/identities'],
    scope: 'account',
    params: { queries: optional(listQueries(IDENTITY_ATTRIBUTES), defaultListQuery()), total: optional(totalFlag, true) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const models = user.identities.map((identity) => identityModel(identity, user.id))
      const result = runListQuery(models, args.queries)
      if (!result) throw new AppwriteError('general_cursor_not_found', `Identity '${args.queries.cursor?.id}' for the 'cursor' value not found.`)
      return { status: 200, model: 'identityList', body: { total: args.total ? Math.min(result.total, MAX_TOTAL) : 0, identities: result.page } }
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/account/identities/:identityId'],
    scope: 'account',
    params: { identityId: required(uid) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const remaining = user.identities.filter((identity) => identity.id !== args.identityId)
      if (remaining.length === user.identities.length) {
        // Another user's identity is readable but not deletable: a database authorization error.
        const owned = [...ctx.project.users.values()].some((other) => other.identities.some((identity) => identity.id === args.identityId))
        throw new AppwriteError(owned ? 'user_unauthorized' : 'user_identity_not_found')
      }
      user.identities = remaining
      ctx.state.touch()
      return noContent
    },
  }),
]
