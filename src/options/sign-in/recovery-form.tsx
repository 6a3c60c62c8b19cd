// Password recovery for someone who cannot sign in, in the way the project's server offers: by a 6-digit
// code on Appwrite 2.3+ (docs/appwrite/wire-2x.md section 3.1; entered in the field named "Code"), else by
// the emailed link pasted back (docs/appwrite/wire.md section 3.2). Both send to an address first and
// then set the new password with what arrived.
import { useSignal } from '@preact/signals'
import type { Project, Reply } from '../../shared/protocol.ts'
import { featuresOf } from '../../shared/server-features.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { type MessageKey, t } from '../../ui/i18n.ts'
import { linkTarget } from '../../shared/app-url.ts'
import type { Model } from '../../ui/model.ts'

interface Props {
  project: Project
  model: Model
  /** Pre-fills the address, e.g. from "Sign in again". */
  email?: string
}

/** How one way of recovery sends and finishes; `userId` is what the code way's confirmation needs. */
interface RecoveryWay {
  intro: MessageKey | null
  sendLabel: MessageKey
  secretLabel: MessageKey
  sentMessage(email: string): string
  /** A link may come from an earlier email, so its field is there from the start; a code needs the send first. */
  secretBeforeSending: boolean
  /** Replies whom the code went to; the link way needs no one. */
  send(props: Props, email: string): Promise<Reply<{ userId: string } | void>>
  confirm(props: Props, userId: string, secret: string, password: string): Promise<Reply<void>>
}

const BY_LINK: RecoveryWay = {
  intro: null,
  sendLabel: 'sendRecoveryEmail',
  secretLabel: 'recoveryLink',
  sentMessage: () => t('recoverySent'),
  secretBeforeSending: true,
  send: ({ model, project }, email) => model.request('sendRecovery', { projectId: project.id, email, url: linkTarget(project) }),
  confirm: ({ model, project }, _userId, link, password) => model.request('confirmRecovery', { projectId: project.id, link, password }),
}

const BY_CODE: RecoveryWay = {
  intro: 'recoveryByCode',
  sendLabel: 'sendRecoveryCode',
  secretLabel: 'code',
  sentMessage: (email) => t('recoveryCodeSent', email),
  secretBeforeSending: false,
  send: ({ model, project }, email) => model.request('sendRecoveryCode', { projectId: project.id, email }),
  confirm: ({ model, project }, userId, code, password) => model.request('confirmRecoveryCode', { projectId: project.id, userId, code, password }),
}

export function RecoveryForm(props: Props) {
  const way = featuresOf(props.project.serverVersion).recoveryCodes ? BY_CODE : BY_LINK
  const email = useSignal(props.email ?? '')
  const secret = useSignal('')
  const password = useSignal('')
  const sentTo = useSignal<{ userId: string; email: string } | null>(null)
  const done = useSignal(false)
  const sending = useAction()
  const confirming = useAction()

  async function send(event: Event) {
    event.preventDefault()
    done.value = false
    const address = email.value.trim()
    const reply = await sending.run(() => way.send(props, address))
    sentTo.value = reply.ok ? { userId: reply.value ? reply.value.userId : '', email: address } : null
  }
  async function confirm(event: Event) {
    event.preventDefault()
    const reply = await confirming.run(() => way.confirm(props, sentTo.value?.userId ?? '', secret.value.trim(), password.value))
    if (!reply.ok) return
    done.value = true
    secret.value = password.value = ''
  }

  return (
    <>
      {way.intro ? <p class="muted">{t(way.intro)}</p> : null}
      <form onSubmit={send}>
        <TextField label={t('email')} value={email} type="email" required />
        <div>
          <button type="submit" disabled={sending.busy}>
            {t(way.sendLabel)}
          </button>
        </div>
        {sentTo.value ? <p role="status">{way.sentMessage(sentTo.value.email)}</p> : null}
        <ErrorText error={sending.error} />
      </form>
      {way.secretBeforeSending || sentTo.value ? (
        <form onSubmit={confirm}>
          <TextField label={t(way.secretLabel)} value={secret} required autoComplete={way.secretBeforeSending ? undefined : 'one-time-code'} />
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
