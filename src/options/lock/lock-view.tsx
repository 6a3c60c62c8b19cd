// The options page's security settings (issue 5): the passphrase (set, change, remove), when Lanyard
// locks by itself, sign-in alerts per account and how often they are checked, and export and
// import of the configuration.
import { useSignal, type Signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { AlertSettings, ImportReport, LockSettings, LockStatus } from '../../shared/lock-and-alerts.ts'
import { ALERT_INTERVAL_CHOICES, IDLE_MINUTE_CHOICES } from '../../shared/lock-and-alerts.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { accountLabel } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'

const NEVER = 'never'

export function SecurityView({ model, io }: { model: Model; io: PageIO }) {
  const status = useSignal<LockStatus | null>(null)
  const settings = useSignal<{ lock: LockSettings; alerts: AlertSettings } | null>(null)
  async function load() {
    const [lockReply, settingsReply] = await Promise.all([model.request('getLockStatus', undefined), model.request('getLockAndAlertSettings', undefined)])
    if (lockReply.ok) status.value = lockReply.value
    if (settingsReply.ok) settings.value = settingsReply.value
  }
  useEffect(() => {
    void load()
  }, [model])
  return (
    <div class="view">
      <h1>{t('securityTitle')}</h1>
      <PassphraseSection model={model} status={status} onChanged={load} />
      {settings.value ? <AutoLockSection model={model} settings={settings} /> : null}
      {settings.value ? <AlertsSection model={model} settings={settings} /> : null}
      <TransferSection model={model} io={io} />
    </div>
  )
}

function PassphraseSection({ model, status, onChanged }: { model: Model; status: Signal<LockStatus | null>; onChanged: () => Promise<void> }) {
  const current = useSignal('')
  const next = useSignal('')
  const repeat = useSignal('')
  const mismatch = useSignal(false)
  const done = useSignal('')
  const action = useAction()
  const set = status.value?.passphraseSet ?? false

  async function submit(kind: 'set' | 'change' | 'remove') {
    done.value = ''
    if (kind !== 'remove' && next.value !== repeat.value) {
      mismatch.value = true
      return
    }
    mismatch.value = false
    const reply = await action.run(() =>
      kind === 'set'
        ? model.request('setPassphrase', { passphrase: next.value })
        : kind === 'change'
          ? model.request('changePassphrase', { current: current.value, next: next.value })
          : model.request('removePassphrase', { current: current.value }),
    )
    if (!reply.ok) return
    current.value = next.value = repeat.value = ''
    done.value = t(kind === 'set' ? 'passphraseSetDone' : kind === 'change' ? 'passphraseChangedDone' : 'passphraseRemovedDone')
    await onChanged()
  }

  return (
    <section id="passphrase" class="card" aria-labelledby="passphrase-heading">
      <h2 id="passphrase-heading">{t('passphraseHeading')}</h2>
      <p class="muted">{t(set ? 'passphraseIsSet' : 'passphraseExplain')}</p>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault()
          void submit(set ? 'change' : 'set')
        }}
      >
        {set ? <TextField label={t('currentPassphrase')} type="password" value={current} autoComplete="current-password" required /> : null}
        <TextField label={t('newPassphrase')} type="password" value={next} autoComplete="new-password" required hint={t('passphraseHint')} />
        <TextField label={t('repeatPassphrase')} type="password" value={repeat} autoComplete="new-password" required />
        <div class="actions">
          <button type="submit" disabled={action.busy}>
            {t(set ? 'changePassphrase' : 'setPassphrase')}
          </button>
          {set ? (
            <button type="button" class="danger" disabled={action.busy.value || current.value === ''} onClick={() => void submit('remove')}>
              {t('removePassphrase')}
            </button>
          ) : null}
          {set ? (
            <button type="button" disabled={action.busy} onClick={() => void action.run(() => model.request('lock', undefined))}>
              {t('lockNow')}
            </button>
          ) : null}
        </div>
      </form>
      {mismatch.value ? (
        <p role="alert" class="error">
          {t('passphraseMismatch')}
        </p>
      ) : null}
      {action.busy.value ? <p class="muted">{t('passphraseWorking')}</p> : null}
      {done.value ? <p role="status">{done.value}</p> : null}
      <ErrorText error={action.error} />
    </section>
  )
}

function AutoLockSection({ model, settings }: { model: Model; settings: Signal<{ lock: LockSettings; alerts: AlertSettings } | null> }) {
  const action = useAction()
  const lock = settings.value?.lock
  if (!lock) return null
  async function save(next: LockSettings) {
    const reply = await action.run(() => model.request('setLockSettings', next))
    if (reply.ok && settings.value) settings.value = { ...settings.value, lock: reply.value }
  }
  const choices: readonly number[] = IDLE_MINUTE_CHOICES
  const selected = lock.idleMinutes === null ? NEVER : String(lock.idleMinutes)
  return (
    <section id="auto-lock" class="card" aria-labelledby="auto-lock-heading">
      <h2 id="auto-lock-heading">{t('autoLockHeading')}</h2>
      <label class="field">
        <span class="field-label">{t('autoLockAfter')}</span>
        <select
          value={selected}
          disabled={action.busy}
          onChange={(event) => {
            const value = event.currentTarget.value
            void save({ ...lock, idleMinutes: value === NEVER ? null : Number(value) })
          }}
        >
          {choices.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {t('idleMinutesChoice', String(minutes))}
            </option>
          ))}
          {/* A value set outside the offered choices (only through the message) stays visible. */}
          {lock.idleMinutes !== null && !choices.includes(lock.idleMinutes) ? <option value={selected}>{t('idleMinutesChoice', selected)}</option> : null}
          <option value={NEVER}>{t('idleNever')}</option>
        </select>
      </label>
      <label class="check">
        <input type="checkbox" checked={lock.onSystemLock} disabled={action.busy} onChange={(event) => void save({ ...lock, onSystemLock: event.currentTarget.checked })} />
        {t('lockOnSystemLock')}
      </label>
      <p class="muted">{t('autoLockRestartNote')}</p>
      <ErrorText error={action.error} />
    </section>
  )
}

function AlertsSection({ model, settings }: { model: Model; settings: Signal<{ lock: LockSettings; alerts: AlertSettings } | null> }) {
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
              {t('alertsIntervalChoice', String(minutes))}
            </option>
          ))}
          {!choices.includes(alerts.intervalMinutes) ? <option value={String(alerts.intervalMinutes)}>{t('alertsIntervalChoice', String(alerts.intervalMinutes))}</option> : null}
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
    </section>
  )
}

function TransferSection({ model, io }: { model: Model; io: PageIO }) {
  const action = useAction()
  const report = useSignal<ImportReport | null>(null)
  async function exportConfig() {
    const reply = await action.run(() => model.request('exportConfig', undefined))
    if (reply.ok) io.download(reply.value.fileName, 'application/json', reply.value.text)
  }
  async function importFile(file: File | undefined) {
    if (!file) return
    report.value = null
    const text = await file.text()
    const reply = await action.run(() => model.request('importConfig', { text }))
    if (reply.ok) report.value = reply.value
  }
  const result = report.value
  return (
    <section id="transfer" class="card" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('transferHeading')}</h2>
      <p class="muted">{t('transferExplain')}</p>
      <div class="actions">
        <button type="button" disabled={action.busy} onClick={() => void exportConfig()}>
          {t('exportConfig')}
        </button>
        <label class="field">
          <span class="field-label">{t('importConfig')}</span>
          <input type="file" accept="application/json,.json" disabled={action.busy} onChange={(event) => void importFile(event.currentTarget.files?.[0])} />
        </label>
      </div>
      {result ? (
        <div role="status">
          <p>{t('importSummary', String(result.projectsAdded), String(result.projectsUpdated), String(result.accountsUpdated), String(result.settingsApplied.length))}</p>
          {result.skipped.length > 0 ? (
            <>
              <p>{t('importSkipped', String(result.skipped.length))}</p>
              <ul>
                {result.skipped.map((skip, index) => (
                  <li key={index}>
                    <span class="mono">{skip.item}</span>: {skip.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={action.error} />
    </section>
  )
}
