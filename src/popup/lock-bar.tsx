// The popup's lock bar (issue 5): new sign-ins not yet seen, and `Lock now` once a passphrase is set.
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { useAction } from '../ui/action.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { t } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'

export function UnseenAlerts({ model }: { model: Model }) {
  const alerts = model.unseenAlerts.value
  const action = useAction()
  if (alerts.length === 0) return null
  return (
    <section class="notice alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t('alertsNew', String(alerts.length))}</h2>
      <ul>
        {alerts.map((alert) => (
          <li key={alert.id}>
            {t('alertTitle', alert.account)}: {t('alertMessage', alert.device || t('alertUnknown'), alert.location || t('alertUnknown'), alert.ip || t('alertUnknown'))}
          </li>
        ))}
      </ul>
      <button type="button" disabled={action.busy} onClick={() => void action.run(() => model.request('acknowledgeAlerts', {}))}>
        {t('alertsDismiss')}
      </button>
      <ErrorText error={action.error} />
    </section>
  )
}

export function LockNowButton({ model }: { model: Model }) {
  const passphraseSet = useSignal(false)
  const action = useAction()
  useEffect(() => {
    let current = true
    void model.request('getLockStatus', undefined).then((reply) => {
      if (current && reply.ok) passphraseSet.value = reply.value.passphraseSet
    })
    return () => {
      current = false
    }
  }, [model])
  if (!passphraseSet.value) return null
  return (
    <>
      <button type="button" disabled={action.busy} onClick={() => void action.run(() => model.request('lock', undefined))}>
        {t('lockNow')}
      </button>
      <ErrorText error={action.error} />
    </>
  )
}
