// Who may be offered "Act as a user" (issue 15). The acting states themselves are the model's
// `actingStates`, read from storage like every cache.
import type { AccountSummary, Snapshot } from '../../shared/protocol.ts'

/** Offered only to a signed-in account whose GET /account says `impersonator: true` (docs/appwrite/wire-2x.md section 5.1). */
export function isOperator(summary: AccountSummary, snapshot: Snapshot | null | undefined): boolean {
  return summary.status === 'signedIn' && snapshot?.account?.impersonator === true
}
