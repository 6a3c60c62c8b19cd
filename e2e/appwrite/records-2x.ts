// What 2.x adds to a user (docs/appwrite/wire-2x.md sections 3.1 and 4): connected apps (consents and their
// token families) and passkeys: their records, models, seeds and list answers.
import type { AppwriteVersion, SeedUser } from './config.ts'
import { defineRoute, type Context, type Result, type Route, type RouteSpec } from './context.ts'
import { formatDatetime, DAY_MS } from './datetime.ts'
import { AppwriteError, type ErrorType } from './errors.ts'
import type { ParamSpecs, ParamValues } from './params.ts'
import { runListQuery, type ListQuery } from './queries.ts'
import type { UserRecord } from './state.ts'

export interface ConsentTokenRecord {
  id: string
  createdAt: number
  updatedAt: number
  scopes: string[]
  resources: string[]
  expire: number
}

/** A user's grant to a third-party OAuth2 app; deleting it ends every token family under it. */
export interface ConsentRecord {
  id: string
  createdAt: number
  updatedAt: number
  appId: string
  scopes: string[]
  resources: string[]
  expire: number
  tokens: ConsentTokenRecord[]
}

export interface PasskeyRecord {
  id: string
  createdAt: number
  updatedAt: number
  name: string
  /** Null until the passkey first signs in. */
  accessedAt: number | null
}

/** `versions` of the routes that 2.x added. */
export const V2_ONLY: readonly AppwriteVersion[] = ['2.7.1']

/** A route 2.x added; `account` scope unless given. */
export function v2Route<P extends ParamSpecs>(
  spec: Omit<RouteSpec, 'scope' | 'versions'> & { scope?: RouteSpec['scope']; params: P; handler: (ctx: Context, args: ParamValues<P>) => Result | Promise<Result> },
): Route {
  return defineRoute({ scope: 'account', versions: V2_ONLY, ...spec })
}

/** `$id`, `$createdAt` and `$updatedAt` of a stored document. */
function documentFields(record: { id: string; createdAt: number; updatedAt: number }) {
  return { $id: record.id, $createdAt: formatDatetime(record.createdAt), $updatedAt: formatDatetime(record.updatedAt) }
}

export const ONE_YEAR_MS = 365 * DAY_MS

function parseTime(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new Error(`Config has an invalid datetime "${value}"`)
  return ms
}

/** Seeds `consents`, `passkeys` and `impersonator` from the config; created at registration time. */
export function seedExtras(user: UserRecord, seed: SeedUser, now: number): void {
  user.impersonator = seed.impersonator ?? false
  const since = user.registration
  user.consents = (seed.consents ?? []).map((consent) => {
    const expire = parseTime(consent.expire, now + ONE_YEAR_MS)
    const resources = consent.resources ?? []
    return {
      id: consent.$id,
      createdAt: since,
      updatedAt: since,
      appId: consent.appId,
      scopes: consent.scopes,
      resources,
      expire,
      tokens: (consent.tokens ?? []).map((token) => ({
        id: token.$id,
        createdAt: since,
        updatedAt: since,
        scopes: token.scopes,
        resources,
        expire: parseTime(token.expire, expire),
      })),
    }
  })
  user.passkeys = (seed.passkeys ?? []).map((passkey) => ({ id: passkey.$id, createdAt: since, updatedAt: since, name: passkey.name ?? '', accessedAt: null }))
}

function grantFields(user: UserRecord, consent: ConsentRecord) {
  return { userId: user.id, appId: consent.appId, cimdUrl: '' }
}

/** `Oauth2Consent`. */
export function consentModel(user: UserRecord, consent: ConsentRecord) {
  return {
    ...documentFields(consent),
    ...grantFields(user, consent),
    scopes: consent.scopes,
    resources: consent.resources,
    authorizationDetails: '[]',
    expire: formatDatetime(consent.expire),
  }
}

/** `Oauth2ConsentToken`: the secrets are never returned. */
export function consentTokenModel(user: UserRecord, consent: ConsentRecord, token: ConsentTokenRecord) {
  return {
    ...documentFields(token),
    consentId: consent.id,
    ...grantFields(user, consent),
    scopes: token.scopes,
    resources: token.resources,
    authorizationDetails: '[]',
    expire: formatDatetime(token.expire),
  }
}

/** `Passkey`. */
export function passkeyModel(passkey: PasskeyRecord) {
  return { ...documentFields(passkey), name: passkey.name, accessedAt: formatDatetime(passkey.accessedAt) }
}

/** Appwrite counts at most this many (APP_LIMIT_COUNT). */
const MAX_TOTAL = 5000

/** `{ total, <key>: [...] }` after queries, as every 2.x list route answers. */
export function listBody<T extends Record<string, unknown>>(models: T[], queries: ListQuery, total: boolean, key: string, label: string) {
  const result = runListQuery(models, queries)
  if (!result) throw new AppwriteError('general_cursor_not_found', `${label} '${queries.cursor?.id}' for the 'cursor' value not found.`)
  return { total: total ? Math.min(result.total, MAX_TOTAL) : 0, [key]: result.page }
}

/** The item of `list` with this id, or the error. */
export function byId<T extends { id: string }>(list: readonly T[], id: string, missing: ErrorType): T {
  const found = list.find((item) => item.id === id)
  if (!found) throw new AppwriteError(missing)
  return found
}
