// Email verification by code (Appwrite 2.3+, docs/appwrite/wire-2x.md section 3.1): send a 6-digit code to
// the account's address, then enter it in the field named "Code". Older servers keep the link flow in
// profile-section.tsx; no link URL is involved here, so no Web platform is needed.
import { useSignal } from '@preact/signals'
import type { AccountSummary } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'

export function VerificationCodeForm({ model, summary, email }: { model: Model; summary: AccountSummary; email: string }) {
  const accountId = summary.id
  const code = useSignal('')
  const sent = useSignal(false)
  const sending = useAction()
  const confirming = useAction()

  async function send(event: Event) {
    event.preventDefault()
    const reply = await sending.run(() => model.request('sendEmailVerificationCode', { accountId }))
    sent.value = reply.ok
  }
  async function confirm(event: Event) {
    event.preventDefault()
    const reply = await confirming.run(() => model.change(accountId, 'confirmEmailVerificationCode', { accountId, code: code.value.trim() }))
    if (reply.ok) code.value = ''
  }

  return (
    <form class="subform" aria-label={t('verifyEmailByCode')} onSubmit={sent.value ? confirm : send}>
      <fieldset>
        <legend>{t('verifyEmailByCode')}</legend>
        {sent.value ? (
          <>
            <p role="status">{t('verificationCodeSent', email)}</p>
            <TextField label={t('code')} value={code} required autoComplete="one-time-code" />
          </>
        ) : null}
        <div class="actions">
          {sent.value ? (
            <button type="submit" class="primary" disabled={confirming.busy}>
              {t('confirmEmail')}
            </button>
          ) : null}
          <button type={sent.value ? 'button' : 'submit'} disabled={sending.busy} onClick={sent.value ? send : undefined}>
            {t('sendCode')}
          </button>
        </div>
        <ErrorText error={sending.error} />
        <ErrorText error={confirming.error} />
      </fieldset>
    </form>
  )
}
