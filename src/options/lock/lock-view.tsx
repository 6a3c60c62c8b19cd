// The Lock and alerts view (issue 5): the passphrase (set, change, remove), when Lanyard locks by
// itself, and the sign-in alerts (alerts-section.tsx).
import { useSignal, type Signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { IDLE_MINUTE_CHOICES, type LockSettings, type LockStatus } from '../../shared/lock-and-alerts.ts'
import { clearError, useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t, tCount } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { AlertsSection, type SettingsSignal } from './alerts-section.tsx'

const NEVER = 'never'


export function LockView({ model }: { model: Model }) {
  const status = useSignal<LockStatus | null>(null)
  const settings: SettingsSignal = useSignal(null)
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
      <h1>{t('lockAndAlertsTitle')}</h1>
      <PassphraseSection model={model} status={status} onChanged={load} />
      {settings.value ? <AutoLockSection model={model} settings={settings} /> : null}
      {settings.value ? <AlertsSection model={model} settings={settings} /> : null}
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
        onInput={() => {
          mismatch.value = false
          clearError(action)()
        }}
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

function AutoLockSection({ model, settings }: { model: Model; settings: SettingsSignal }) {
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
              {tCount('idleMinutesChoice', minutes)}
            </option>
          ))}
          {/* A value set outside the offered choices (only through the message) stays visible. */}
          {lock.idleMinutes !== null && !choices.includes(lock.idleMinutes) ? <option value={selected}>{tCount('idleMinutesChoice', lock.idleMinutes)}</option> : null}
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
