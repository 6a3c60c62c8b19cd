// The alert cards behind the popup's red summary line (issue 16): one card per device (sign-ins
// from the same device of the same account are one card), each with Revoke and It was me. Loaded
// when the person opens the line, so the popup's first files stay within their size budget.
import type { SignInAlert } from '../shared/lock-and-alerts.ts'
import type { Reply } from '../shared/protocol.ts'
import { useAction } from '../ui/action.ts'
import { Avatar } from '../ui/avatar.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { relativeTime } from '../ui/format.ts'
import { t, tCount } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { Feedback } from './feedback.tsx'
import './alert-cards.css'

export interface AlertGroup {
  key: string
  accountId: string
  account: string
  device: string
  alerts: SignInAlert[]
}

/** Alerts of the same account from the same device, newest group first. */
export function groupAlerts(alerts: readonly SignInAlert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>()
  for (const alert of [...alerts].sort((a, b) => b.at - a.at)) {
    const key = `${alert.accountId}\n${alert.device}`
    const group = groups.get(key) ?? { key, accountId: alert.accountId, account: alert.account, device: alert.device || t('unknownDevice'), alerts: [] }
    group.alerts.push(alert)
    groups.set(key, group)
  }
  return [...groups.values()]
}

export function AlertCards({ model, feedback, alerts }: { model: Model; feedback: Feedback; alerts: readonly SignInAlert[] }) {
  return (
    <ul id="alert-cards" class="alert-cards" aria-label={tCount('alertsSummary', alerts.length)}>
      {groupAlerts(alerts).map((group) => (
        <AlertCard key={group.key} group={group} model={model} feedback={feedback} />
      ))}
    </ul>
  )
}

function AlertCard({ group, model, feedback }: { group: AlertGroup; model: Model; feedback: Feedback }) {
  const action = useAction()
  const summary = model.accounts.value.find((a) => a.id === group.accountId)
  const ids = group.alerts.map((a) => a.id)
  const now = model.now.value

  /**
   * Revokes every session of the card, then takes its alerts off, then refreshes once. No refresh in
   * between: a listing fetched before a delete and recorded after it would see the deleted session as
   * new and raise its alert again.
   */
  async function revoke(): Promise<Reply<unknown>> {
    for (const alert of group.alerts) {
      const reply = await model.request('revokeSession', { accountId: alert.accountId, sessionId: alert.sessionId })
      // A session already gone counts as revoked; anything else stops here and says why.
      if (!reply.ok && reply.error.code !== 404) return reply
    }
    const reply = await model.request('acknowledgeAlerts', { ids })
    void model.refresh(group.accountId)
    return reply
  }

  return (
    <li class="alert-card" aria-label={t('alertTitle', group.account)}>
      <div class="alert-card-head">
        <Avatar name={summary?.name ?? ''} email={summary?.email ?? group.account} color={summary?.color ?? '#5b6270'} size={28} />
        <p class="alert-card-title">
          <strong>{t('alertTitle', group.account)}</strong>
          <span>{group.alerts.length > 1 ? `${group.device} · ${tCount('alertGroupCount', group.alerts.length)}` : group.device}</span>
        </p>
      </div>
      <ul class="alert-lines">
        {group.alerts.map((alert) => (
          <li key={alert.id}>{t('alertWhere', alert.location || t('alertUnknown'), alert.ip || t('alertUnknown'), relativeTime(alert.at, now))}</li>
        ))}
      </ul>
      <div class="row-actions">
        <button
          type="button"
          class="danger-solid"
          aria-label={t('revokeNamed', `${group.device} (${group.account})`)}
          disabled={action.busy}
          onClick={async () => {
            const reply = await action.run(revoke)
            if (reply.ok) feedback.say(t('revokedNamed', group.device))
          }}
        >
          {t('revoke')}
        </button>
        <button
          type="button"
          aria-label={t('alertItWasMeNamed', `${group.device} (${group.account})`)}
          disabled={action.busy}
          onClick={async () => {
            const reply = await action.run(() => model.request('acknowledgeAlerts', { ids }))
            if (reply.ok) feedback.say(t('alertMarkedMine', group.device))
          }}
        >
          {t('alertItWasMe')}
        </button>
      </div>
      <ErrorText error={action.error} />
    </li>
  )
}
