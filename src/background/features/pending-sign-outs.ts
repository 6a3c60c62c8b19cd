// Pending sign-outs as a worker feature (issue 17 item 7): the alarm that retries them, the person's
// "try now" and "Forget without signing out" (src/background/pending-sign-outs.ts does the work).
import type { WorkerContext } from '../context.ts'
import { forgetPendingSignOut, PENDING_SIGN_OUT_ALARM, retryPendingSignOuts } from '../pending-sign-outs.ts'
import type { Feature, Handlers } from '../spine.ts'

export function pendingSignOutsFeature(ctx: WorkerContext): Feature {
  return {
    requests: {
      retryPendingSignOuts: () => retryPendingSignOuts(ctx),
      forgetPendingSignOut: (input) => forgetPendingSignOut(ctx, input.accountId),
    } satisfies Partial<Handlers>,
    alarms: { [PENDING_SIGN_OUT_ALARM]: async () => void (await retryPendingSignOuts(ctx)) },
  }
}
