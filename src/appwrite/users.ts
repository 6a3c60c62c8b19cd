// Impersonation (docs/appwrite/wire-2x.md section 5): an operator, a user with the `impersonator` flag,
// lists the project's users with its own session (the flag brings `users.read`, section 5.4) and
// reads GET /account as one of them by naming it in `X-Appwrite-Impersonate-User-Id` (section 5.2).
//
// The Users API's User model carries the password hash (`password`, `hash`, `hashOptions`): the
// schema below checks and then drops them, together with everything else a picker does not show,
// so they never leave this client. The MFA recovery-code route is never called.
import * as v from 'valibot'
import { AccountSchema, Datetime, Int, type Account } from './models.ts'
import type { Transport } from './http.ts'
import { pageQuery } from './page-query.ts'

export const IMPERSONATE_USER_ID_HEADER = 'X-Appwrite-Impersonate-User-Id'

/** What a picker shows of a user; built field by field, so nothing else can ride along. */
export const UserSummarySchema = v.pipe(
  v.object({
    $id: v.string(),
    name: v.string(),
    email: v.string(),
    phone: v.string(),
    status: v.boolean(),
    emailVerification: v.boolean(),
    phoneVerification: v.boolean(),
    registration: Datetime,
    impersonator: v.optional(v.nullable(v.boolean())),
  }),
  v.transform((user) => ({
    $id: user.$id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    status: user.status,
    emailVerification: user.emailVerification,
    phoneVerification: user.phoneVerification,
    registration: user.registration,
    impersonator: user.impersonator === true,
  })),
)

export const UserSummaryListSchema = v.pipe(
  v.object({ total: Int, users: v.array(UserSummarySchema) }),
  v.transform(({ total, users }) => ({ total, users })),
)

export type UserSummary = v.InferOutput<typeof UserSummarySchema>
export type UserSummaryList = v.InferOutput<typeof UserSummaryListSchema>

export function userCalls(transport: Transport) {
  return {
    /** GET /users with the operator's session: `search` matches id, name, email and phone words. */
    async searchUsers(session: string, search: string, limit: number, offset: number): Promise<UserSummaryList> {
      const query = pageQuery(limit, offset)
      if (search.trim() !== '') query.set('search', search.trim())
      return (await transport.send({ method: 'GET', path: '/users', query, session }, UserSummaryListSchema)).data
    },
    /**
     * GET /account as `userId`: the target's profile, with `impersonatorUserId` naming the operator.
     * The server ignores an unknown target or a caller without the flag and answers as the caller.
     */
    async getAccountAs(session: string, userId: string): Promise<Account> {
      const call = { method: 'GET' as const, path: '/account', session, headers: { [IMPERSONATE_USER_ID_HEADER]: userId } }
      return (await transport.send(call, AccountSchema)).data
    },
  }
}
