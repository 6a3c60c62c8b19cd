// Tokens that lead to a session: email OTP, magic URL and phone OTP (docs/appwrite/wire.md section 2.3). The
// code or link goes to the outbox; the Token body never carries the secret for clients.
import { defineRoute, type Context, type Route } from '../context.ts'
import { formatDatetime, HOUR_MS, MINUTE_MS } from '../datetime.ts'
import { AppwriteError } from '../errors.ts'
import { LINK_SECRET_CHARS, randomDigits, randomHex } from '../ids.ts'
import { sendMessage, type OutboxKind } from '../outbox.ts'
import { boolean, customId, email, optional, phone, redirectUrl, required } from '../params.ts'
import type { TokenRecord, TokenType, UserRecord } from '../state.ts'
import { issueToken, securityPhrase, tokenBody, withQuery } from '../tokens.ts'
import { assertFree, newUserRecord, resolveId } from '../user-records.ts'

/** `TOKEN_EXPIRATION_OTP`. */
export const OTP_TTL_MS = 15 * MINUTE_MS
export const LINK_TTL_MS = HOUR_MS

export function requireSmtp(ctx: Context): void {
  if (!ctx.project.config.smtp) throw new AppwriteError('general_smtp_disabled')
}

export function requireSms(ctx: Context): void {
  if (!ctx.project.config.sms) throw new AppwriteError('general_phone_disabled')
}

/** The existing user with this email/phone (its `userId` wins), or a new one with the given id. */
function userFor(ctx: Context, userId: string, contact: { email?: string; phone?: string }): UserRecord {
  const existing = contact.email !== undefined ? ctx.project.userByEmail(contact.email) : ctx.project.userByPhone(contact.phone ?? '')
  if (existing) return existing
  const id = resolveId(userId)
  assertFree(ctx.project, id, contact.email ?? '', contact.phone ?? '')
  const user = newUserRecord({ id, ...contact }, ctx.now)
  ctx.project.putUser(user)
  return user
}

function magicLink(ctx: Context, url: string, userId: string, secret: string, expire: number): string {
  return withQuery(url, { userId, secret, expire: formatDatetime(expire), project: ctx.project.id })
}

/** Issues a link token and emails its link (magic URL, verification, recovery). */
export function emailLink(
  ctx: Context,
  user: UserRecord,
  url: string,
  mail: { type: TokenType; kind: OutboxKind; subject: string; intro: string; phrase?: string },
): { token: TokenRecord; secret: string } {
  const secret = randomHex(LINK_SECRET_CHARS)
  const token = issueToken(ctx, user, { type: mail.type, secret, ttlMs: LINK_TTL_MS, phrase: mail.phrase ?? '' })
  const link = magicLink(ctx, url, user.id, secret, token.expire)
  sendMessage(ctx.state, { channel: 'email', to: user.email, subject: mail.subject, kind: mail.kind, projectId: ctx.project.id, userId: user.id, secret, url: link, intro: mail.intro })
  return { token, secret }
}

/** Issues a code token and texts the code; a mock number has a fixed code and gets no SMS (docs/appwrite/wire.md section 10). */
export function textCode(
  ctx: Context,
  user: UserRecord,
  phone: string,
  sms: { type: TokenType; kind: OutboxKind; ttlMs: number; intro: (code: string) => string },
): { token: TokenRecord; code: string } {
  const mockCode = ctx.project.config.mockNumbers.get(phone)
  const code = mockCode ?? randomDigits(6)
  const token = issueToken(ctx, user, { type: sms.type, secret: code, ttlMs: sms.ttlMs })
  if (mockCode === undefined) {
    sendMessage(ctx.state, { channel: 'sms', to: phone, subject: '', kind: sms.kind, projectId: ctx.project.id, userId: user.id, secret: code, url: '', intro: sms.intro(code) })
  }
  return { token, code }
}

const emailKeys = ['url:{url},email:{param-email}', 'url:{url},ip:{ip}']

export const accountTokenRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/tokens/email'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: emailKeys },
    authMethod: 'email-otp',
    params: { userId: required(customId), email: required(email), phrase: optional(boolean, false) },
    handler: (ctx, args) => {
      requireSmtp(ctx)
      const user = userFor(ctx, args.userId, { email: args.email.toLowerCase() })
      const code = randomDigits(6)
      const phrase = args.phrase ? securityPhrase() : ''
      const token = issueToken(ctx, user, { type: 'email', secret: code, ttlMs: OTP_TTL_MS, phrase })
      const intro = `Use this code to sign in to ${ctx.project.config.name}${phrase ? ` (security phrase: ${phrase})` : ''}. It expires in 15 minutes.`
      sendMessage(ctx.state, { channel: 'email', to: user.email, subject: `OTP for ${ctx.project.config.name} Login`, kind: 'email-otp', projectId: ctx.project.id, userId: user.id, secret: code, url: '', intro })
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, code) }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/tokens/magic-url', '/v1/account/sessions/magic-url'],
    scope: 'sessions.write',
    rateLimit: { limit: 60, windowSec: 3600, keys: emailKeys },
    authMethod: 'magic-url',
    params: { userId: required(customId), email: required(email), url: optional(redirectUrl, ''), phrase: optional(boolean, false) },
    handler: (ctx, args) => {
      requireSmtp(ctx)
      const user = userFor(ctx, args.userId, { email: args.email.toLowerCase() })
      const phrase = args.phrase ? securityPhrase() : ''
      const base = args.url === '' ? `${ctx.origin}/console/auth/magic-url` : args.url
      const intro = `Follow this link to sign in to ${ctx.project.config.name}${phrase ? ` (security phrase: ${phrase})` : ''}. It expires in 1 hour.`
      const { token, secret } = emailLink(ctx, user, base, { type: 'magic-url', kind: 'magic-url', subject: `${ctx.project.config.name} Login`, intro, phrase })
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, secret) }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/tokens/phone', '/v1/account/sessions/phone'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},phone:{param-phone}', 'url:{url},ip:{ip}'] },
    authMethod: 'phone',
    params: { userId: required(customId), phone: required(phone) },
    handler: (ctx, args) => {
      // Even mock numbers need an SMS provider on a real server (docs/appwrite/wire.md section 10).
      requireSms(ctx)
      const user = userFor(ctx, args.userId, { phone: args.phone })
      const { token, code } = textCode(ctx, user, args.phone, {
        type: 'phone',
        kind: 'phone-otp',
        ttlMs: OTP_TTL_MS,
        intro: (secret) => `${secret} is your ${ctx.project.config.name} sign-in code.`,
      })
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, code) }
    },
  }),
]
