// The part of the Users API (API key) that tests and SDK-based setup need, plus GET /health/version.
import { defineRoute, noContent, type Context, type Route } from '../context.ts'
import { AppwriteError } from '../errors.ts'
import { sessionModel, userModel } from '../models.ts'
import { boolean, customId, email, integerRange, optional, password, phone, required, text, totalFlag, uid } from '../params.ts'
import { defaultListQuery, listQueries } from '../queries.ts'
import { listBody } from '../records-2x.ts'
import { encodeSession } from '../session-codec.ts'
import { randomHex, SESSION_SECRET_CHARS, sha256, uniqueId } from '../ids.ts'
import type { UserRecord } from '../state.ts'
import { issueToken, tokenBody } from '../tokens.ts'
import { assertFree, newUserRecord, resolveId } from '../user-records.ts'

function userById(ctx: Context, userId: string): UserRecord {
  const user = ctx.project.users.get(userId)
  if (!user) throw new AppwriteError('user_not_found')
  return user
}

const userIdParam = { userId: required(uid) }
const USER_ATTRIBUTES = ['name', 'email', 'phone', 'status', 'passwordUpdate', 'registration', 'emailVerification', 'phoneVerification', 'labels', 'impersonator', '$id', '$createdAt', '$updatedAt']

export const userRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    paths: ['/v1/users'],
    scope: 'users.write',
    params: {
      userId: required(customId),
      email: optional(email, ''),
      phone: optional(phone, ''),
      password: optional(password, ''),
      name: optional(text(128, 0), ''),
    },
    handler: (ctx, args) => {
      const id = resolveId(args.userId)
      const mail = args.email.toLowerCase()
      assertFree(ctx.project, id, mail, args.phone)
      const user = newUserRecord({ id, email: mail, phone: args.phone, name: args.name, password: args.password || null, passwordHistory: ctx.project.config.passwordHistory }, ctx.now)
      ctx.project.putUser(user)
      ctx.state.touch()
      return { status: 201, model: 'user', body: userModel(user) }
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/users'],
    scope: 'users.read',
    params: { queries: optional(listQueries(USER_ATTRIBUTES), defaultListQuery()), search: optional(text(256, 0), ''), total: optional(totalFlag, true) },
    handler: (ctx, args) => {
      // `search` matches words of the id, name, email and phone; impersonators pick their target this way (docs/appwrite/wire-2x.md section 5.4).
      const words = args.search.toLowerCase().split(/\s+/).filter(Boolean)
      const found = [...ctx.project.users.values()].filter((user) => words.every((word) => [user.id, user.name, user.email, user.phone].some((field) => field.toLowerCase().includes(word))))
      const { total, users } = listBody(found.map(userModel), args.queries, args.total, 'users', 'User')
      return { status: 200, model: 'userList', body: { total, users } }
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/users/:userId'],
    scope: 'users.read',
    params: userIdParam,
    handler: (ctx, args) => ({ status: 200, model: 'user', body: userModel(userById(ctx, args.userId)) }),
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/users/:userId'],
    scope: 'users.write',
    params: userIdParam,
    handler: (ctx, args) => {
      ctx.project.deleteUser(userById(ctx, args.userId))
      ctx.state.touch()
      return noContent
    },
  }),
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/users/:userId/status'],
    scope: 'users.write',
    params: { ...userIdParam, status: required(boolean) },
    handler: (ctx, args) => {
      const user = userById(ctx, args.userId)
      user.status = args.status
      user.updatedAt = ctx.now
      ctx.state.touch()
      return { status: 200, model: 'user', body: userModel(user) }
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/users/:userId/sessions'],
    scope: 'users.read',
    params: userIdParam,
    handler: (ctx, args) => {
      const user = userById(ctx, args.userId)
      const sessions = user.sessions.map((session) => sessionModel(session, user.id, { current: false, secret: '' }))
      return { status: 200, model: 'sessionList', body: { total: sessions.length, sessions } }
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/users/:userId/sessions'],
    scope: 'users.write',
    params: userIdParam,
    handler: (ctx, args) => {
      const user = userById(ctx, args.userId)
      const secret = randomHex(SESSION_SECRET_CHARS)
      const session = {
        id: uniqueId(),
        createdAt: ctx.now,
        updatedAt: ctx.now,
        expire: ctx.now + ctx.project.config.durationSec * 1000,
        provider: 'server',
        providerUid: '',
        providerAccessToken: '',
        providerAccessTokenExpiry: null,
        providerRefreshToken: '',
        secretHash: sha256(secret),
        ip: ctx.ip,
        device: ctx.device,
        countryCode: ctx.countryCode,
        factors: ['server'],
        mfaUpdatedAt: null,
      }
      user.sessions.push(session)
      ctx.state.touch()
      // The key caller gets the encoded session, usable as X-Appwrite-Session (docs/appwrite/wire.md section 2.1).
      const body = sessionModel(session, user.id, { current: false, secret: encodeSession(user.id, secret) })
      return { status: 201, model: 'session', body }
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/users/:userId/sessions'],
    scope: 'users.write',
    params: userIdParam,
    handler: (ctx, args) => {
      userById(ctx, args.userId).sessions = []
      ctx.state.touch()
      return noContent
    },
  }),
  defineRoute({
    method: 'DELETE',
    paths: ['/v1/users/:userId/sessions/:sessionId'],
    scope: 'users.write',
    params: { ...userIdParam, sessionId: required(uid) },
    handler: (ctx, args) => {
      const user = userById(ctx, args.userId)
      const remaining = user.sessions.filter((session) => session.id !== args.sessionId)
      if (remaining.length === user.sessions.length) throw new AppwriteError('user_session_not_found')
      user.sessions = remaining
      ctx.state.touch()
      return noContent
    },
  }),
  defineRoute({
    method: 'POST',
    paths: ['/v1/users/:userId/tokens'],
    scope: 'users.write',
    params: { ...userIdParam, length: optional(integerRange(4, 128), 6), expire: optional(integerRange(60, 31_536_000), 900) },
    handler: (ctx, args) => {
      const user = userById(ctx, args.userId)
      const secret = randomHex(args.length)
      const token = issueToken(ctx, user, { type: 'generic', secret, ttlMs: args.expire * 1000 })
      return { status: 201, model: 'token', body: tokenBody(ctx, token, user.id, secret) }
    },
  }),
  defineRoute({
    method: 'GET',
    paths: ['/v1/health/version'],
    scope: 'public',
    projectless: true,
    params: {},
    handler: (ctx) => ({ status: 200, body: { version: ctx.state.config.version } }),
  }),
]
