// The sign-in alerts part of the Lock and alerts view (issue 5): how often Lanyard checks, which
// accounts alert, and a check on demand that says how many accounts it reached.
import { useSignal, type Signal } from '@preact/signals'
import { ALERT_INTERVAL_CHOICES } from '../../shared/lock-and-alerts.ts'
import type { OutputOf } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { accountLabel } from '../../ui/format.ts'
import { t, tCount } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { RelativeTime } from '../../ui/relative-time.tsx'

/** The lock and alert settings as the worker answered them; each section saves its own part. */
export type SettingsSignal = Signal<OutputOf<'getLockAndAlertSettings'> | null>

export function AlertsSection({ model, settings }: { model: Model; settings: SettingsSignal }) {
  const action = useAction()
  const alerts = settings.value?.alerts
  if (!alerts) return null
  async function save(input: { intervalMinutes?: number; accountId?: string; enabled?: boolean }) {
    const reply = await action.run(() => model.request('setAlertSettings', input))
    if (reply.ok && settings.value) settings.value = { ...settings.value, alerts: reply.value }
  }
  const choices: readonly number[] = ALERT_INTERVAL_CHOICES
  return (
    <section id="alerts" class="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t('alertsHeading')}</h2>
      <p class="muted">{t('alertsExplain')}</p>
      <label class="field">
        <span class="field-label">{t('alertsInterval')}</span>
        <select value={String(alerts.intervalMinutes)} disabled={action.busy} onChange={(event) => void save({ intervalMinutes: Number(event.currentTarget.value) })}>
          {choices.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {tCount('alertsIntervalChoice', minutes)}
            </option>
          ))}
          {!choices.includes(alerts.intervalMinutes) ? <option value={String(alerts.intervalMinutes)}>{tCount('alertsIntervalChoice', alerts.intervalMinutes)}</option> : null}
        </select>
      </label>
      <ul class="plain-list">
        {model.accounts.value.map((account) => (
          <li key={account.id}>
            <label class="check">
              <input
                type="checkbox"
                checked={!alerts.disabledAccountIds.includes(account.id)}
                disabled={action.busy}
                onChange={(event) => void save({ accountId: account.id, enabled: event.currentTarget.checked })}
              />
              {t('alertsFor', accountLabel(account))}
            </label>
          </li>
        ))}
      </ul>
      <ErrorText error={action.error} />
      <CheckNow model={model} />
    </section>
  )
}

type CheckResult = OutputOf<'checkSignInAlerts'>

/** What a check reached: the worker counts every account it tried in `checked`, the failed ones too. */
function reachedText({ checked, failed }: CheckResult): string {
  if (checked === 0) return t('alertsCheckedNone')
  return checked > failed ? tCount('alertsChecked', checked - failed) : ''
}

/** The periodic check, now: new sign-ins it finds alert as usual (notification, badge, popup). */
function CheckNow({ model }: { model: Model }) {
  const action = useAction()
  const result = useSignal<CheckResult | null>(null)
  async function check() {
    result.value = null
    const reply = await action.run(() => model.request('checkSignInAlerts', undefined))
    if (reply.ok) result.value = reply.value
  }
  const done = result.value
  const checkedAt = model.signInCheckedAt.value
  return (
    <div class="check-now">
      <p class="muted">
        {checkedAt === null ? (
          t('alertsNeverChecked')
        ) : (
          <>
            {t('alertsLastChecked')} <RelativeTime ms={checkedAt} nowMs={model.now.value} />
          </>
        )}
      </p>
      <button type="button" disabled={action.busy} onClick={() => void check()}>
        {t('alertsCheckNow')}
      </button>
      {/* Always in the page, so screen readers announce what lands in it. */}
      <p role="status" class="muted">
        {action.busy.value ? t('alertsChecking') : done ? reachedText(done) : ''}
      </p>
      {done && done.failed > 0 ? (
        <p role="alert" class="error">
          {tCount('alertsCheckFailed', done.failed)}
        </p>
      ) : null}
      <ErrorText error={action.error} />
    </div>
  )
}
