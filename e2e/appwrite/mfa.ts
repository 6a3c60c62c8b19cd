// When a session lacks its second factor (docs/appwrite/mfa.md section 1.1): a user with `mfa` on and at least one
// verified factor needs two distinct factors on the session.
import type { SessionRecord, UserRecord } from './state.ts'

export function minimumFactors(user: UserRecord): number {
  const hasVerifiedFactor = user.emailVerification || user.phoneVerification || user.totp?.verified === true
  return user.mfa && hasVerifiedFactor ? 2 : 1
}

export function missingFactor(user: UserRecord, session: SessionRecord): boolean {
  return new Set(session.factors).size < minimumFactors(user)
}

export function addFactor(session: SessionRecord, factor: string): void {
  if (!session.factors.includes(factor)) session.factors = [...session.factors, factor]
}
