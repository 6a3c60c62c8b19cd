// Every start and stop of an act-as lands in the operator's activity timeline (issue 15): who acted
// (the operator account and its held session), as whom, where, and when.
import type { ActAsFacts } from '../../shared/activity.ts'
import type { ActingTarget, AccountSummary } from '../../shared/protocol.ts'
import { userLabel } from '../../shared/user-label.ts'
import type { WorkerContext } from '../context.ts'
import { recordActivity } from '../session-alerts.ts'

export function recordActAs(
  ctx: WorkerContext,
  operator: Pick<AccountSummary, 'id' | 'sessionId'>,
  kind: 'actAsStarted' | 'actAsStopped',
  target: ActingTarget,
  where: Pick<ActAsFacts, 'where' | 'appOrigin'>,
): Promise<void> {
  const actingAs: ActAsFacts = { targetUserId: target.userId, target: userLabel(target), ...where }
  return recordActivity(ctx, operator.id, [{ kind, at: ctx.now(), sessionId: operator.sessionId, actingAs }])
}
