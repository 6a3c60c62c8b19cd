// Password recovery by code (Appwrite 2.3+, docs/appwrite/wire-2x.md section 3.1): the server emails a
// 6-digit code; the person enters it in the field named "Code" with the new password. Older servers keep
// the link flow (RecoveryForm in sign-in-view.tsx).
import { useSignal } from '@preact/signals'
import type { Project } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'

export function RecoveryCodeForm({ project, model }: { project: Project; model: Model }) {
  const email = useSignal('')
  const code = useSignal('')
  const password = useSignal('')
  /** Whom the code went to: the server names the user, which the confirmation needs. */
  const sentTo = useSignal<{ userId: string; email: string } | null>(null)
  const done = useSignal(false)
  const sending = useAction()
  const confirming = useAction()

  async function send(event: Event) {
    event.preventDefault()
    done.value = false
    const address = email.value.trim()
    const reply = await sending.run(() => model.request('sendRecoveryCode', { projectId: project.id, email: address }))
    sentTo.value = reply.ok ? { userId: reply.value.userId, email: address } : null
  }
  async function confirm(event: Event) {
    event.preventDefault()
    const userId = sentTo.value?.userId ?? ''
    const reply = await confirming.run(() => model.request('confirmRecoveryCode', { projectId: project.id, userId, code: code.value.trim(), password: password.value }))
    if (!reply.ok) return
    done.value = true
    code.value = password.value = ''
  }

  return (
    <>
      <p class="muted">{t('recoveryByCode')}</p>
      <form onSubmit={send}>
        <TextField label={t('email')} value={email} type="email" required />
        <div>
          <button type="submit" disabled={sending.busy}>
            {t('sendRecoveryCode')}
          </button>
        </div>
        {sentTo.value ? <p role="status">{t('recoveryCodeSent', sentTo.value.email)}</p> : null}
        <ErrorText error={sending.error} />
      </form>
      {sentTo.value ? (
        <form onSubmit={confirm}>
          <TextField label={t('code')} value={code} required autoComplete="one-time-code" />
          <TextField label={t('newPassword')} value={password} type="password" required autoComplete="new-password" hint={t('passwordRule')} />
          <div>
            <button type="submit" class="primary" disabled={confirming.busy}>
              {t('setNewPassword')}
            </button>
          </div>
          {done.value ? <p role="status">{t('passwordReset')}</p> : null}
          <ErrorText error={confirming.error} />
        </form>
      ) : null}
    </>
  )
}
