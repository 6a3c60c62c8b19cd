// Multi-factor authentication (docs/appwrite/mfa.md sections 1 and 2): the TOTP authenticator, challenges by
// email, SMS, TOTP or recovery code, recovery codes, and turning MFA on and off.
import { is2x } from '../config.ts'
import { defineRoute, signedInUser, noContent, type Context, type Route } from '../context.ts'
import { HOUR_MS } from '../datetime.ts'
import { AppwriteError } from '../errors.ts'
import { randomDigits, randomHex, uniqueId } from '../ids.ts'
import { addFactor } from '../mfa.ts'
import { accountModel, sessionModel } from '../models.ts'
import { sendMessage } from '../outbox.ts'
import { required, text, type Validator } from '../params.ts'
import type { SessionRecord, UserRecord } from '../state.ts'
import { newTotpSecret, provisioningUri, totpMatches } from '../totp.ts'
import { formatDatetime } from '../datetime.ts'
import { accountUpdated } from './account-profile.ts'
import { requireSms, requireSmtp } from './account-tokens.ts'

/** `MFA_RECENT_DURATION`: a challenge completed with this session in the last 30 minutes. */
const RECENT_CHALLENGE_MS = 1_800_000
const RECOVERY_CODE_COUNT = 6


/** Group `mfaProtected` (docs/appwrite/mfa.md section 1.5); a JWT caller has no session, so never qualifies. */
function requireRecentChallenge(ctx: Context): UserRecord {
  const user = signedInUser(ctx)
  const updated = ctx.caller.session?.mfaUpdatedAt ?? null
  if (updated === null || updated + RECENT_CHALLENGE_MS < ctx.now) throw new AppwriteError('user_challenge_required')
  return user
}

/** The user, once a recent challenge is proven and recovery codes exist. */
function userWithRecoveryCodes(ctx: Context): UserRecord {
  const user = requireRecentChallenge(ctx)
  if (user.mfaRecoveryCodes.length === 0) throw new AppwriteError('user_recovery_codes_not_found')
  return user
}

function recoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => randomHex(10))
}

/** `PATCH /account/mfa` takes only a real JSON boolean. */
const strictBoolean: Validator<boolean> = {
  check: (value) => (typeof value === 'boolean' ? { ok: true, value } : { ok: false, description: 'Value must be a valid boolean' }),
}

/** utopia's WhiteList compares case-insensitively but keeps what was sent (docs/appwrite/mfa.md section 2.5). */
const FACTORS = ['email', 'phone', 'totp', 'recoverycode']
const factorName: Validator<string> = {
  check: (value) =>
    typeof value === 'string' && FACTORS.includes(value.toLowerCase())
      ? { ok: true, value }
      : { ok: false, description: `Value must be one of (${FACTORS.join(', ')})` },
}

const totpType: Validator<'totp'> = {
  check: (value) => (value === 'totp' ? { ok: true, value } : { ok: false, description: 'Value must be one of (totp)' }),
}

function sessionBody(session: SessionRecord, userId: string) {
  // Like PATCH /account/sessions/{id}: `current` and `countryName` are not filled in (docs/appwrite/mfa.md section 1.4).
  return { ...sessionModel(session, userId, { current: false, secret: '' }), countryName: '' }
}

function verifyChallenge(ctx: Context, user: UserRecord, factor: string, code: string, otp: string): boolean {
  switch (factor) {
    case 'totp':
      if (!user.totp) throw new Error('The user has no TOTP authenticator')
      return totpMatches(user.totp.secret, otp, ctx.now)
    case 'email':
    case 'phone':
      return code === otp
    case 'recoveryCode': {
      if (!user.mfaRecoveryCodes.includes(otp)) return false
      user.mfaRecoveryCodes = user.mfaRecoveryCodes.filter((existing) => existing !== otp)
      return true
    }
    default:
      return false
  }
}

const challengePaths = ['/v1/account/mfa/challenges', '/v1/account/mfa/challenge']

export const accountMfaRoutes: Route[] = [
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/mfa'],
    scope: 'account',
    params: { mfa: required(strictBoolean) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      user.mfa = args.mfa
      // The enabling session keeps working: it gains every factor the user has verified.
      const session = ctx.caller.session
      if (args.mfa && session) {
        if (user.totp?.verified) addFactor(session, 'totp')
        if (user.emailVerification) addFactor(session, 'email')
        if (user.phoneVerification) addFactor(session, 'phone')
      }
      return accountUpdated(ctx, user)
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/mfa/factors'],
    scope: 'account',
    mfaGroup: true,
    params: {},
    handler: (ctx) => {
      const user = signedInUser(ctx)
      const body = {
        totp: user.totp?.verified === true,
        phone: user.phone !== '' && user.phoneVerification,
        email: user.email !== '' && user.emailVerification,
        recoveryCode: user.mfaRecoveryCodes.length > 0,
        // 2.x: the developer's own channel, on only when the project's MFA factors policy enables it.
        ...(is2x(ctx.state.config.version) ? { custom: ctx.project.config.mfaCustom } : {}),
      }
      return { status: 200, body }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/mfa/authenticators/:type'],
    scope: 'account',
    params: { type: required(totpType) },
    handler: (ctx) => {
      const user = signedInUser(ctx)
      if (user.totp?.verified) throw new AppwriteError('user_authenticator_already_verified')
      // otphp refuses an empty label or a ':' in the issuer, which Appwrite answers with a 500.
      if (user.email === '' || ctx.project.config.name.includes(':')) throw new Error('Cannot build a TOTP provisioning URI')
      const secret = newTotpSecret()
      user.totp = { secret, verified: false }
      ctx.state.touch()
      return { status: 200, body: { secret, uri: provisioningUri(ctx.project.config.name, user.email, secret) } }
    },
  }),
  defineRoute({
    method: 'PUT',
    paths: ['/v1/account/mfa/authenticators/:type'],
    scope: 'account',
    params: { type: required(totpType), otp: required(text(256)) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      if (!user.totp) throw new AppwriteError('user_authenticator_not_found')
      if (user.totp.verified) throw new AppwriteError('user_authenticator_already_verified')
      if (!totpMatches(user.totp.secret, args.otp, ctx.now)) throw new AppwriteError('user_invalid_token')
      user.totp.verified = true
      if (ctx.caller.session) addFactor(ctx.caller.session, 'totp')
      ctx.state.touch()
      return { status: 200, model: 'account', body: accountModel(user) }
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/account/mfa/authenticators/:type'],
    scope: 'account',
    params: { type: required(totpType) },
    handler: (ctx) => {
      const user = requireRecentChallenge(ctx)
      if (!user.totp) throw new AppwriteError('user_authenticator_not_found')
      user.totp = null
      ctx.state.touch()
      return noContent
    },
  }),
  defineRoute({
    method: 'POST',
    paths: challengePaths,
    scope: 'account',
    mfaGroup: true,
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},userId:{userId}'] },
    params: { factor: required(factorName) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const code = args.factor === 'email' || args.factor === 'phone' ? randomDigits(6) : ''
      const challenge = { id: uniqueId(), createdAt: ctx.now, expire: ctx.now + HOUR_MS, factor: args.factor, code }
      // The challenge is stored before the preconditions are checked (docs/appwrite/mfa.md section 2.2).
      user.mfaChallenges.push(challenge)
      ctx.state.touch()
      const project = ctx.project.config.name
      if (args.factor === 'email') {
        requireSmtp(ctx)
        if (user.email === '') throw new AppwriteError('user_email_not_found')
        if (!user.emailVerification) throw new AppwriteError('user_email_not_verified')
        const intro = `Use this code to finish signing in to ${project}. It expires in 15 minutes.`
        sendMessage(ctx.state, { channel: 'email', to: user.email, subject: `Verification Code for ${project}`, kind: 'mfa-challenge', projectId: ctx.project.id, userId: user.id, secret: code, url: '', intro })
      } else if (args.factor === 'phone') {
        requireSms(ctx)
        if (user.phone === '') throw new AppwriteError('user_phone_not_found')
        if (!user.phoneVerification) throw new AppwriteError('user_phone_not_verified')
        sendMessage(ctx.state, { channel: 'sms', to: user.phone, subject: '', kind: 'mfa-challenge', projectId: ctx.project.id, userId: user.id, secret: code, url: '', intro: code })
      }
      const body = { $id: challenge.id, $createdAt: formatDatetime(challenge.createdAt), userId: user.id, expire: formatDatetime(challenge.expire) }
      return { status: 201, body }
    },
  }),
  defineRoute({
    method: 'PUT',
    paths: challengePaths,
    scope: 'account',
    mfaGroup: true,
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},challengeId:{param-challengeId}'] },
    params: { challengeId: required(text(256)), otp: required(text(256)) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const challenge = user.mfaChallenges.find((candidate) => candidate.id === args.challengeId)
      const session = ctx.caller.session
      // 2.x enforces the challenge's one-hour expiry; 1.9.6 never read it (docs/appwrite/mfa.md section 2.2).
      const expired = challenge !== undefined && is2x(ctx.state.config.version) && challenge.expire <= ctx.now
      if (!challenge || !session || expired || !verifyChallenge(ctx, user, challenge.factor, challenge.code, args.otp)) {
        throw new AppwriteError('user_invalid_token')
      }
      user.mfaChallenges = user.mfaChallenges.filter((candidate) => candidate !== challenge)
      addFactor(session, challenge.factor)
      session.mfaUpdatedAt = ctx.now
      ctx.state.touch()
      return { status: 200, model: 'session', body: sessionBody(session, user.id) }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account/mfa/recovery-codes'],
    scope: 'account',
    params: {},
    handler: (ctx) => {
      const user = signedInUser(ctx)
      if (user.mfaRecoveryCodes.length > 0) throw new AppwriteError('user_recovery_codes_already_exists')
      user.mfaRecoveryCodes = recoveryCodes()
      ctx.state.touch()
      return { status: 201, body: { recoveryCodes: user.mfaRecoveryCodes } }
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/mfa/recovery-codes'],
    scope: 'account',
    params: {},
    handler: (ctx) => {
      const user = userWithRecoveryCodes(ctx)
      return { status: 200, body: { recoveryCodes: user.mfaRecoveryCodes } }
    },
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/mfa/recovery-codes'],
    scope: 'account',
    params: {},
    handler: (ctx) => {
      const user = userWithRecoveryCodes(ctx)
      user.mfaRecoveryCodes = recoveryCodes()
      ctx.state.touch()
      return { status: 200, body: { recoveryCodes: user.mfaRecoveryCodes } }
    },
  }),
]
