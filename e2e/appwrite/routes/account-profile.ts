// The account itself: sign-up, profile, credentials, prefs, status and logs (docs/appwrite/wire.md section 3.2).
import { audit } from '../audit.ts'
import { defineRoute, signedInUser, noContent, type Context, type Result, type Route } from '../context.ts'
import { AppwriteError } from '../errors.ts'
import { accountModel, logModel } from '../models.ts'
import { assoc, customId, email, optional, password, phone, required, text, totalFlag } from '../params.ts'
import { defaultListQuery, limitOffsetQueries } from '../queries.ts'
import { endCurrentSession } from '../sessions.ts'
import type { UserRecord } from '../state.ts'
import { assertFree, assertNoPersonalData, newUserRecord, passwordMatches, resolveId, setPassword, setTarget } from '../user-records.ts'


/** Saves a change made by the user, logs `user.update` and answers with the account. */
export function accountUpdated(ctx: Context, user: UserRecord): Result {
  user.updatedAt = ctx.now
  audit(ctx, user, 'user.update')
  ctx.state.touch()
  return { status: 200, model: 'account', body: accountModel(user) }
}

/** Users who never set a password (anonymous, OTP, OAuth2) give one here instead of proving one. */
function proveOrSetPassword(ctx: Context, user: UserRecord, given: string): void {
  if (user.passwordHash === null) {
    setPassword(user, given, ctx.now, 0)
    return
  }
  if (!passwordMatches(user, given)) throw new AppwriteError('user_invalid_credentials')
}

/** The signed-in user's own name or prefs, replaced. */
function updateOwn(ctx: Context, change: Partial<Pick<UserRecord, 'name' | 'prefs'>>): Result {
  const user = signedInUser(ctx)
  Object.assign(user, change)
  return accountUpdated(ctx, user)
}

const contacts = {
  email: { ownerOf: 'userByEmail', taken: 'user_target_already_exists', verified: 'emailVerification', provider: 'email' },
  phone: { ownerOf: 'userByPhone', taken: 'user_phone_already_exists', verified: 'phoneVerification', provider: 'sms' },
} as const

/** A new email or phone, after the password; it starts unverified and must be free. */
function changeContact(ctx: Context, kind: keyof typeof contacts, value: string, password: string): Result {
  const contact = contacts[kind]
  const user = signedInUser(ctx)
  proveOrSetPassword(ctx, user, password)
  const owner = ctx.project[contact.ownerOf](value)
  if (owner && owner !== user) throw new AppwriteError(contact.taken)
  const old = { email: user.email, phone: user.phone }
  user[kind] = value
  user[contact.verified] = false
  setTarget(user, contact.provider, value, ctx.now)
  ctx.project.reindex(user, old)
  return accountUpdated(ctx, user)
}

export const accountProfileRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    paths: ['/v1/account'],
    scope: 'account',
    params: {},
    handler: (ctx) => ({ status: 200, model: 'account', body: accountModel(signedInUser(ctx)) }),
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/account'],
    scope: 'sessions.write',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},ip:{ip}'] },
    authMethod: 'email-password',
    params: { userId: required(customId), email: required(email), password: required(password), name: optional(text(128), '') },
    handler: (ctx, args) => {
      const id = resolveId(args.userId)
      const mail = args.email.toLowerCase()
      assertFree(ctx.project, id, mail, '')
      assertNoPersonalData(ctx.project.config.personalDataCheck, args.password, { id, name: args.name, email: mail, phone: '' })
      const user = newUserRecord({ id, email: mail, name: args.name, password: args.password, passwordHistory: ctx.project.config.passwordHistory }, ctx.now)
      ctx.project.putUser(user)
      audit(ctx, user, 'user.create')
      ctx.state.touch()
      return { status: 201, model: 'account', body: accountModel(user) }
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/account'],
    scope: 'account',
    params: {},
    handler: (ctx) => {
      const user = signedInUser(ctx)
      ctx.project.deleteUser(user)
      ctx.state.touch()
      if (ctx.caller.session) endCurrentSession(ctx)
      return noContent
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/prefs'],
    scope: 'account',
    params: {},
    handler: (ctx) => ({ status: 200, model: 'prefs', body: signedInUser(ctx).prefs }),
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/prefs'],
    scope: 'account',
    params: { prefs: required(assoc) },
    handler: (ctx, args) => updateOwn(ctx, { prefs: args.prefs }),
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/name'],
    scope: 'account',
    params: { name: required(text(128)) },
    handler: (ctx, args) => updateOwn(ctx, { name: args.name }),
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/password'],
    scope: 'account',
    rateLimit: { limit: 10, windowSec: 3600, keys: ['url:{url},ip:{ip}'] },
    params: { password: required(password), oldPassword: optional(text(256, 0), '') },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      // The old password is only checked when the user has one (docs/appwrite/wire.md section 3.2).
      if (user.passwordHash !== null && !passwordMatches(user, args.oldPassword)) throw new AppwriteError('user_invalid_credentials')
      const config = ctx.project.config
      assertNoPersonalData(config.personalDataCheck, args.password, user)
      setPassword(user, args.password, ctx.now, config.passwordHistory)
      if (config.invalidateSessions) {
        const keep = ctx.caller.session
        user.sessions = user.sessions.filter((session) => session === keep)
      }
      return accountUpdated(ctx, user)
    },
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/email'],
    scope: 'account',
    params: { email: required(email), password: required(password) },
    handler: (ctx, args) => changeContact(ctx, 'email', args.email.toLowerCase(), args.password),
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/phone'],
    scope: 'account',
    params: { phone: required(phone), password: required(password) },
    handler: (ctx, args) => changeContact(ctx, 'phone', args.phone, args.password),
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/account/status'],
    scope: 'account',
    params: {},
    handler: (ctx) => {
      const user = signedInUser(ctx)
      // Sessions stay: they work again if an admin unblocks the user (docs/appwrite/wire.md section 10).
      user.status = false
      const result = accountUpdated(ctx, user)
      endCurrentSession(ctx)
      return result
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/account/logs'],
    scope: 'account',
    // Gone on every 2.x server: the wildcard answers (docs/appwrite/wire-2x.md section 3.2).
    versions: ['1.9.6'],
    params: { queries: optional(limitOffsetQueries, defaultListQuery()), total: optional(totalFlag, true) },
    handler: (ctx, args) => {
      const user = signedInUser(ctx)
      const { limit, offset } = args.queries
      const newestFirst: UserRecord['logs'] = []
      for (let i = user.logs.length - 1 - offset; i >= 0 && newestFirst.length < limit; i--) newestFirst.push(user.logs[i] as UserRecord['logs'][number])
      const logs = newestFirst.map((log) => logModel(log, user))
      return { status: 200, model: 'logList', body: { total: args.total ? user.logs.length : 0, logs } }
    },
  }),
]
