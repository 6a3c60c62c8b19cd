// Email verification and password recovery by a 6-digit code instead of a link, 2.x (docs/appwrite/wire-2x.md
// section 3.1). The code goes to the outbox (kinds `verification-otp`, `recovery-otp`; `secret` is the code).
import { audit } from '../audit.ts'
import { signedInUser, type Context, type Result, type Route, type Scope } from '../context.ts'
import { AppwriteError } from '../errors.ts'
import { randomDigits } from '../ids.ts'
import { sendMessage } from '../outbox.ts'
import { boolean, email, optional, password, required, type ParamSpecs, type ParamValues } from '../params.ts'
import { v2Route } from '../records-2x.ts'
import type { UserRecord } from '../state.ts'
import { issueToken, securityPhrase, tokenBody } from '../tokens.ts'
import { OTP_TTL_MS, requireSmtp } from './account-tokens.ts'
import { completeRecovery, confirmParams, markVerified, recoveryUser } from './account-verification.ts'

/** Issues a 15-minute code token and emails the code. */
function emailCode(ctx: Context, user: UserRecord, mail: { type: 'verification-otp' | 'recovery-otp'; subject: string; purpose: string; phrase: boolean }) {
  const code = randomDigits(6)
  const phrase = mail.phrase ? securityPhrase() : ''
  const token = issueToken(ctx, user, { type: mail.type, secret: code, ttlMs: OTP_TTL_MS, phrase })
  const intro = `Use this code to ${mail.purpose} for ${ctx.project.config.name}${phrase ? ` (security phrase: ${phrase})` : ''}. It expires in 15 minutes.`
  sendMessage(ctx.state, { channel: 'email', to: user.email, subject: mail.subject, kind: mail.type, projectId: ctx.project.id, userId: user.id, secret: code, url: '', intro })
  return { status: 201, model: 'token' as const, body: tokenBody(ctx, token, user.id, code) }
}

/** PUT: spends the code, 10 tries an hour per user. */
function confirmByCode<P extends ParamSpecs>(path: string, scope: Scope, params: P, handler: (ctx: Context, args: ParamValues<P>) => Result): Route {
  return v2Route({ method: 'PUT', paths: [path], scope, rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{param-userId}'] }, params, handler })
}

export const accountOtpRoutes: Route[] = [
  v2Route({
    method: 'POST',
    paths: ['/v1/account/verifications/email/otp'],
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{userId}'] },
    params: { phrase: optional(boolean, false) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      if (user.email === '') throw new AppwriteError('user_email_not_found')
      if (user.emailVerification) throw new AppwriteError('user_email_already_verified')
      requireSmtp(ctx)
      audit(ctx, user, 'verification.create')
      return emailCode(ctx, user, { type: 'verification-otp', subject: 'Account Verification', purpose: 'verify your email address', phrase: args.phrase })
    },
  }),
  // Confirming needs no session: the code proves the address.
  confirmByCode('/v1/account/verifications/email/otp', 'public', confirmParams, (ctx, args) => markVerified(ctx, args, 'verification-otp', 'emailVerification')),
  v2Route({
    method: 'POST',
    paths: ['/v1/account/recovery/otp'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
    params: { email: required(email), phrase: optional(boolean, false) },
    handler: (ctx, args) => {
      const user = recoveryUser(ctx, args.email)
      audit(ctx, user, 'recovery.create')
      return emailCode(ctx, user, { type: 'recovery-otp', subject: 'Password Reset', purpose: 'reset your password', phrase: args.phrase })
    },
  }),
  confirmByCode('/v1/account/recovery/otp', 'sessions.write', { ...confirmParams, password: required(password) }, (ctx, args) => completeRecovery(ctx, args, 'recovery-otp')),
]
