// One-time tokens (email/SMS codes, magic URL, OAuth2, verification, recovery). Only the sha256 of
// a secret is kept; clients get `secret: ""` in the Token body (docs/appwrite/wire.md section 2.1).
import { randomInt } from 'node:crypto'
import type { Context } from './context.ts'
import { sha256, uniqueId } from './ids.ts'
import { tokenModel } from './models.ts'
import type { TokenRecord, TokenType, UserRecord } from './state.ts'

const ADJECTIVES = ['Golden', 'Silent', 'Brave', 'Clever', 'Gentle', 'Swift', 'Lucky', 'Bright', 'Calm', 'Proud']
const NOUNS = ['Fox', 'Owl', 'River', 'Falcon', 'Maple', 'Comet', 'Otter', 'Harbor', 'Lynx', 'Meadow']

/** A security phrase such as "Golden Fox", shown in the email and returned only when asked for. */
export function securityPhrase(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${NOUNS[randomInt(NOUNS.length)]}`
}

export interface TokenInput {
  type: TokenType
  secret: string
  ttlMs: number
  phrase?: string
  provider?: string
}

export function issueToken(ctx: Context, user: UserRecord, input: TokenInput): TokenRecord {
  const token: TokenRecord = {
    id: uniqueId(),
    createdAt: ctx.now,
    type: input.type,
    secretHash: sha256(input.secret),
    expire: ctx.now + input.ttlMs,
    phrase: input.phrase ?? '',
  }
  if (input.provider !== undefined) token.provider = input.provider
  // Expired tokens are dropped as new ones come, so the list stays short.
  user.tokens = user.tokens.filter((existing) => existing.expire > ctx.now)
  user.tokens.push(token)
  ctx.state.touch()
  return token
}

/** The live token of one of `types` whose secret matches, if any. */
export function findToken(user: UserRecord, types: readonly TokenType[], secret: string, now: number): TokenRecord | undefined {
  const hash = sha256(secret)
  return user.tokens.find((token) => token.secretHash === hash && token.expire > now && types.includes(token.type))
}

export function removeToken(user: UserRecord, token: TokenRecord): void {
  user.tokens = user.tokens.filter((existing) => existing !== token)
}

/** The Token body: the secret only for API-key callers. */
export function tokenBody(ctx: Context, token: TokenRecord, userId: string, secret: string) {
  return tokenModel(token, userId, ctx.caller.key ? secret : '')
}

/** Appends query parameters to a redirect URL that may already have some. */
export function withQuery(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString()
  const hashIndex = url.indexOf('#')
  const base = hashIndex === -1 ? url : url.slice(0, hashIndex)
  const fragment = hashIndex === -1 ? '' : url.slice(hashIndex)
  return `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}`
}
