// Connected apps, 2.x (docs/appwrite/wire-2x.md sections 3.1, 4 and 6.8): the user's consents to third-party
// OAuth2 apps and the token families issued under each. Deleting a consent ends its tokens.
import { noContent, signedInUser, type Context, type Route } from '../context.ts'
import { optional, required, totalFlag, uid } from '../params.ts'
import { defaultListQuery, listQueries } from '../queries.ts'
import { byId, consentModel, consentTokenModel, listBody, v2Route } from '../records-2x.ts'

const GRANT_ATTRIBUTES = ['$id', '$createdAt', '$updatedAt', 'appId', 'cimdUrl', 'expire']
const listParams = { queries: optional(listQueries(GRANT_ATTRIBUTES), defaultListQuery()), total: optional(totalFlag, true) }
const consentParam = { consentId: required(uid) }
const tokenParams = { ...consentParam, tokenId: required(uid) }

function consentOf(ctx: Context, consentId: string) {
  const user = signedInUser(ctx)
  return { user, consent: byId(user.consents, consentId, 'consent_not_found') }
}

export const accountConsentRoutes: Route[] = [
  v2Route({
    method: 'GET',
    paths: ['/v1/account/consents'],
    params: listParams,
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const models = user.consents.map((consent) => consentModel(user, consent))
      return { status: 200, body: listBody(models, args.queries, args.total, 'consents', 'Consent') }
    },
  }),
  v2Route({
    method: 'GET',
    paths: ['/v1/account/consents/:consentId'],
    params: consentParam,
    handler: (ctx, args) => {
      const { user, consent } = consentOf(ctx, args.consentId)
      return { status: 200, body: consentModel(user, consent) }
    },
  }),
  v2Route({
    method: 'DELETE',
    paths: ['/v1/account/consents/:consentId'],
    params: consentParam,
    handler: (ctx, args) => {
      const { user, consent } = consentOf(ctx, args.consentId)
      // The consent's token families go with it: no token outlives its grant.
      user.consents = user.consents.filter((other) => other !== consent)
      ctx.state.touch()
      return noContent
    },
  }),
  v2Route({
    method: 'GET',
    paths: ['/v1/account/consents/:consentId/tokens'],
    params: { ...consentParam, ...listParams },
    handler: (ctx, args) => {
      const { user, consent } = consentOf(ctx, args.consentId)
      const models = consent.tokens.map((token) => consentTokenModel(user, consent, token))
      return { status: 200, body: listBody(models, args.queries, args.total, 'tokens', 'Token') }
    },
  }),
  v2Route({
    method: 'GET',
    paths: ['/v1/account/consents/:consentId/tokens/:tokenId'],
    params: tokenParams,
    handler: (ctx, args) => {
      const { user, consent } = consentOf(ctx, args.consentId)
      return { status: 200, body: consentTokenModel(user, consent, byId(consent.tokens, args.tokenId, 'consent_token_not_found')) }
    },
  }),
  v2Route({
    method: 'DELETE',
    paths: ['/v1/account/consents/:consentId/tokens/:tokenId'],
    params: tokenParams,
    handler: (ctx, args) => {
      const { consent } = consentOf(ctx, args.consentId)
      const token = byId(consent.tokens, args.tokenId, 'consent_token_not_found')
      consent.tokens = consent.tokens.filter((other) => other !== token)
      ctx.state.touch()
      return noContent
    },
  }),
]
