// Tokens that lead to a session: email OTP, magic URL and phone OTP (FACTS.md section 2.3). The
// code or link goes to the outbox; the Token body never carries the secret for clients.
import { defineRoute, type Context, type Route } from '../context.ts'
import { formatDatetime, HOUR_MS, MINUTE_MS } from '../datetime.ts'
import { AppwriteError } from '../errors.ts'
import { LINK_SECRET_CHARS, randomDigits, randomHex } from '../ids.ts'
import { sendMessage } from '../outbox.ts'
import { boolean, customId, email, optional, phone, redirectUrl, required } from '../params.ts'
import type { UserRecord } from '../state.ts'
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

export function magicLink(ctx: Context, url: string, userId: string, secret: string, expire: number): string {
  return withQuery(url, { userId, secret, expire: formatDatetime(expire), project: ctx.project.id })
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
      const secret = randomHex(LINK_SECRET_CHARS)
      const phrase = args.phrase ? securityPhrase() : ''
      const token = issueToken(ctx, user, { type: 'magic-url', secret, ttlMs: LINK_TTL_MS, phrase })
      const base = args.url === '' ? `${ctx.origin}/console/auth/magic-url` : args.url
      const link = magicLink(ctx, base, user.id, secret, token.expire)
      const intro = `Follow this link to sign in to ${ctx.project.config.name}${phrase ? ` (security phrase: ${phrase})` : ''}. It expires in 1 hour.`
      sendMessage(ctx.state, { channel: 'email', to: user.email, subject: `${ctx.project.config.name} Login`, kind: 'magic-url', projectId: ctx.project.id, userId: user.id, secret, url: link, intro })
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
      // Even mock numbers need an SMS provider on a real server (FACTS.md section 10).
      requireSms(ctx)
      const user = userFor(ctx, args.userId, { phone: args.phone })
      const mockCode = ctx.project.config.mockNumbers.get(args.phone)
      const code = mockCode ?? randomDigits(6)
      const token = issueToken(ctx, user, { type: 'phone', secret: code, ttlMs: OTP_TTL_MS })
      if (mockCode === undefined) {
        const intro = `${code} is your ${ctx.project.config.name} sign-in code.`
        sendMessage(ctx.state, { channel: 'sms', to: args.phone, subject: '', kind: 'phone-otp', projectId: ctx.project.id, userId: user.id, secret: code, url: '', intro })
      }
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, code) }
    },
  }),
]
