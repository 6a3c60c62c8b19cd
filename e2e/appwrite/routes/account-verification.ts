// Email and phone verification, and password recovery (docs/appwrite/wire.md section 3.2).
import { audit } from '../audit.ts'
import { defineRoute, signedInUser, type Context, type Result, type Route } from '../context.ts'
import { AppwriteError } from '../errors.ts'
import { email, password, redirectUrl, required, text, uid } from '../params.ts'
import type { TokenType, UserRecord } from '../state.ts'
import { findToken, removeToken, tokenBody } from '../tokens.ts'
import { assertNoPersonalData, setPassword } from '../user-records.ts'
import { emailLink, LINK_TTL_MS, requireSms, requireSmtp, textCode } from './account-tokens.ts'


/** The user and live token a confirmation link or code names; 404 / 401 otherwise. */
export function confirm(ctx: Context, userId: string, secret: string, type: TokenType) {
  const user = ctx.project.users.get(userId)
  if (!user) throw new AppwriteError('user_not_found')
  const token = findToken(user, [type], secret, ctx.now)
  if (!token) throw new AppwriteError('user_invalid_token')
  return { user, token }
}

export const confirmParams = { userId: required(uid), secret: required(text(256)) }

/** Spends a verification token and sets the flag it proves. */
export function markVerified(
  ctx: Context,
  args: { userId: string; secret: string },
  type: 'verification' | 'phone-verification' | 'verification-otp',
  flag: 'emailVerification' | 'phoneVerification',
): Result {
  const { user, token } = confirm(ctx, args.userId, args.secret, type)
  removeToken(user, token)
  user[flag] = true
  user.updatedAt = ctx.now
  audit(ctx, user, 'verification.update')
  ctx.state.touch()
  return { status: 200, model: 'token', body: tokenBody(ctx, token, user.id, args.secret) }
}

/** Who asks for a recovery link or code: an existing, unblocked user, and SMTP to reach them. */
export function recoveryUser(ctx: Context, address: string): UserRecord {
  const user = ctx.project.userByEmail(address.toLowerCase())
  if (!user) throw new AppwriteError('user_not_found')
  if (!user.status) throw new AppwriteError('user_blocked')
  requireSmtp(ctx)
  return user
}

/** Sets the new password with a recovery link's secret or code (docs/appwrite/wire.md section 3.2). */
export function completeRecovery(ctx: Context, args: { userId: string; secret: string; password: string }, type: 'recovery' | 'recovery-otp'): Result {
  const { user, token } = confirm(ctx, args.userId, args.secret, type)
  const config = ctx.project.config
  assertNoPersonalData(config.personalDataCheck, args.password, user)
  setPassword(user, args.password, ctx.now, config.passwordHistory)
  removeToken(user, token)
  user.emailVerification = true
  // Recovery ends every session, the caller's included (docs/appwrite/wire.md section 3.2).
  if (config.invalidateSessions) user.sessions = []
  audit(ctx, user, 'recovery.update')
  ctx.state.touch()
  return { status: 200, model: 'token', body: tokenBody(ctx, token, user.id, args.secret) }
}

export const accountVerificationRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/verifications/email', '/v1/account/verification'],
    scope: 'account',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{userId}'] },
    params: { url: required(redirectUrl) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      if (user.email === '') throw new AppwriteError('user_email_not_found')
      if (user.emailVerification) throw new AppwriteError('user_email_already_verified')
      requireSmtp(ctx)
      const intro = `Follow this link to verify your email address for ${ctx.project.config.name}. It expires in 1 hour.`
      const { token, secret } = emailLink(ctx, user, args.url, { type: 'verification', kind: 'verification', subject: 'Account Verification', intro })
      audit(ctx, user, 'verification.create')
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, secret) }
    },
  }),
  defineRoute({
    method: 'PUT',
    paths: ['/v1/account/verifications/email', '/v1/account/verification'],
    scope: 'public',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{param-userId}'] },
    params: confirmParams,
    handler: (ctx, args) => markVerified(ctx, args, 'verification', 'emailVerification'),
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/verifications/phone', '/v1/account/verification/phone'],
    scope: 'account',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{userId}', 'url:{url},ip:{ip}'] },
    authMethod: 'phone',
    params: {},
    handler: (ctx) => {
      const user = signedInUser(ctx)
      if (user.phone === '') throw new AppwriteError('user_phone_not_found')
      if (user.phoneVerification) throw new AppwriteError('user_phone_already_verified')
      requireSms(ctx)
      const { token, code } = textCode(ctx, user, user.phone, {
        type: 'phone-verification',
        kind: 'phone-verification',
        ttlMs: LINK_TTL_MS,
        intro: (secret) => `${secret} is your ${ctx.project.config.name} verification code.`,
      })
      audit(ctx, user, 'verification.create')
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, code) }
    },
  }),
  defineRoute({
    method: 'PUT',
    paths: ['/v1/account/verifications/phone', '/v1/account/verification/phone'],
    scope: 'public',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['userId:{param-userId}'] },
    params: confirmParams,
    handler: (ctx, args) => markVerified(ctx, args, 'phone-verification', 'phoneVerification'),
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/recovery'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
    params: { email: required(email), url: required(redirectUrl) },
    handler: (ctx, args) => {
      const user = recoveryUser(ctx, args.email)
      const intro = `Follow this link to reset your ${ctx.project.config.name} password. It expires in 1 hour.`
      const { token, secret } = emailLink(ctx, user, args.url, { type: 'recovery', kind: 'recovery', subject: 'Password Reset', intro })
      audit(ctx, user, 'recovery.create')
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, secret) }
    },
  }),
  defineRoute({
    method: 'PUT',
    paths: ['/v1/account/recovery'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{param-userId}'] },
    params: { ...confirmParams, password: required(password) },
    handler: (ctx, args) => completeRecovery(ctx, args, 'recovery'),
  }),
]
