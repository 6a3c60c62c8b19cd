// PATCH /v1/users/{userId}/impersonator (API key, `users.write`): the flag that lets a user act as others
// (docs/appwrite/wire-2x.md section 5.1). Both versions serve it.
import { defineRoute, type Route } from '../context.ts'
import { AppwriteError } from '../errors.ts'
import { userModel } from '../models.ts'
import { boolean, required, uid } from '../params.ts'

export const userImpersonationRoutes: Route[] = [
  defineRoute({
    method: 'PATCH',
    paths: ['/v1/users/:userId/impersonator'],
    scope: 'users.write',
    params: { userId: required(uid), impersonator: required(boolean) },
    handler: (ctx, args) => {
      const user = ctx.project.users.get(args.userId)
      if (!user) throw new AppwriteError('user_not_found')
      user.impersonator = args.impersonator
      user.updatedAt = ctx.now
      ctx.state.touch()
      return { status: 200, model: 'user', body: userModel(user) }
    },
  }),
]
