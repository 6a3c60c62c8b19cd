// Audit events behind GET /account/logs: one per account action, attributed to the acting user.
import type { Context } from './context.ts'
import type { UserRecord } from './state.ts'

/** A memory bound, not Appwrite behaviour (it keeps logs by age); high enough for the bench's 5,000-entry log. */
const MAX_LOGS_PER_USER = 10_000

export function audit(ctx: Context, user: UserRecord, event: string): void {
  user.logs.push({ event, userType: 'user', ip: ctx.ip, time: ctx.now, device: ctx.device, countryCode: ctx.countryCode, userName: user.name, userEmail: user.email })
  if (user.logs.length > MAX_LOGS_PER_USER) user.logs.splice(0, user.logs.length - MAX_LOGS_PER_USER)
}
