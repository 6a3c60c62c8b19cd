// Name, email, phone and password, each with what Appwrite requires (the current password for
// email and phone changes, docs/appwrite/wire.md section 3.2), plus verification by pasted link or code
// (an emailed code on 2.3+: verification-code-form.tsx).
import { type Signal, useSignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { Account, AccountSummary, Project, Reply } from '../../shared/protocol.ts'
import { featuresOf } from '../../shared/server-features.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import { linkTarget } from '../../shared/app-url.ts'
import type { Model } from '../../ui/model.ts'
import { routeHref } from '../router.ts'
import { VerificationCodeForm } from './verification-code-form.tsx'

interface Props {
  model: Model
  summary: AccountSummary
  account: Account | null
  project: Project
}

/** A small form: one request, its own busy and error state, a confirmation, fields cleared after. */
function ActionForm({ legend, submitLabel, done, perform, clear = [], children }: {
  legend: string
  submitLabel: string
  done: string
  perform(): Promise<Reply<unknown>>
  clear?: Signal<string>[]
  children?: ComponentChildren
}) {
  const action = useAction()
  const succeeded = useSignal(false)
  return (
    <form
      class="subform"
      aria-label={legend}
      onSubmit={async (event) => {
        event.preventDefault()
        succeeded.value = false
        const reply = await action.run(perform)
        if (reply.ok) {
          succeeded.value = true
          for (const field of clear) field.value = ''
        }
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        {children}
        <div>
          <button type="submit" disabled={action.busy}>
            {submitLabel}
          </button>
        </div>
        {succeeded.value ? <p role="status">{done}</p> : null}
        <ErrorText error={action.error} />
      </fieldset>
    </form>
  )
}

export function ProfileSection({ model, summary, account, project }: Props) {
  const accountId = summary.id
  const name = useSignal(account?.name ?? summary.name)
  const newEmail = useSignal('')
  const emailPassword = useSignal('')
  const newPhone = useSignal('')
  const phonePassword = useSignal('')
  const newPassword = useSignal('')
  const oldPassword = useSignal('')
  const verificationLink = useSignal('')
  const phoneCode = useSignal('')
  const email = account?.email ?? summary.email
  const phone = account?.phone ?? summary.phone
  if (summary.status !== 'signedIn') return null
  return (
    <section id="profile" class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('sectionProfile')}</h2>
      <dl class="facts">
        <dt>{t('userId')}</dt>
        <dd>{summary.userId}</dd>
        <dt>{t('email')}</dt>
        <dd>
          {email || t('none')} {email && account ? <span class={`badge ${account.emailVerification ? 'ok' : 'warn'}`}>{t(account.emailVerification ? 'emailVerified' : 'emailUnverified')}</span> : null}
        </dd>
        <dt>{t('phone')}</dt>
        <dd>
          {phone || t('none')} {phone && account ? <span class={`badge ${account.phoneVerification ? 'ok' : 'warn'}`}>{t(account.phoneVerification ? 'phoneVerified' : 'phoneUnverified')}</span> : null}
        </dd>
      </dl>
      <div class="subforms">
        <ActionForm legend={t('changeName')} submitLabel={t('saveName')} done={t('nameSaved')} perform={() => model.change(accountId, 'updateName', { accountId, name: name.value.trim() })}>
          <TextField label={t('name')} value={name} required />
        </ActionForm>
        <ActionForm
          legend={t('changeEmail')}
          submitLabel={t('changeEmail')}
          done={t('emailChanged')}
          clear={[newEmail, emailPassword]}
          perform={() => model.change(accountId, 'updateEmail', { accountId, email: newEmail.value.trim(), password: emailPassword.value })}
        >
          <TextField label={t('newEmail')} value={newEmail} type="email" required />
          <TextField label={t('currentPassword')} value={emailPassword} type="password" required autoComplete="current-password" />
        </ActionForm>
        <ActionForm
          legend={t('changePhone')}
          submitLabel={t('changePhone')}
          done={t('phoneChanged')}
          clear={[newPhone, phonePassword]}
          perform={() => model.change(accountId, 'updatePhone', { accountId, phone: newPhone.value.trim(), password: phonePassword.value })}
        >
          <TextField label={t('newPhone')} value={newPhone} type="tel" required placeholder="+14155550100" />
          <TextField label={t('currentPassword')} value={phonePassword} type="password" required autoComplete="current-password" />
        </ActionForm>
        <ActionForm
          legend={t('changePassword')}
          submitLabel={t('changePassword')}
          done={t('passwordChanged')}
          clear={[newPassword, oldPassword]}
          perform={() =>
            model.change(accountId, 'updatePassword', { accountId, password: newPassword.value, ...(oldPassword.value ? { oldPassword: oldPassword.value } : {}) })
          }
        >
          <TextField label={t('newPassword')} value={newPassword} type="password" required autoComplete="new-password" hint={t('passwordRule')} />
          <TextField label={t('currentPassword')} value={oldPassword} type="password" autoComplete="current-password" />
        </ActionForm>
        {email && !account?.emailVerification && featuresOf(project.serverVersion).emailOtpVerification ? (
          <VerificationCodeForm model={model} summary={summary} email={email} />
        ) : email && !account?.emailVerification ? (
          <>
            <ActionForm
              legend={t('verifyEmail')}
              submitLabel={t('sendVerificationEmail')}
              done={t('verificationSent')}
              perform={() => model.request('sendEmailVerification', { accountId, url: linkTarget(project) })}
            />
            <ActionForm
              legend={t('confirmEmailVerification')}
              submitLabel={t('confirmEmail')}
              done={t('emailConfirmed')}
              clear={[verificationLink]}
              perform={() => model.change(accountId, 'confirmEmailVerification', { accountId, link: verificationLink.value.trim() })}
            >
              <TextField label={t('verificationLink')} value={verificationLink} required />
            </ActionForm>
          </>
        ) : null}
        {phone && !account?.phoneVerification ? (
          <>
            <ActionForm legend={t('verifyPhone')} submitLabel={t('sendVerificationSms')} done={t('smsSent')} perform={() => model.request('sendPhoneVerification', { accountId })} />
            <ActionForm
              legend={t('confirmPhoneVerification')}
              submitLabel={t('confirmPhone')}
              done={t('phoneConfirmed')}
              clear={[phoneCode]}
              perform={() => model.change(accountId, 'confirmPhoneVerification', { accountId, code: phoneCode.value.trim() })}
            >
              <TextField label={t('verificationCode')} value={phoneCode} required autoComplete="one-time-code" />
            </ActionForm>
          </>
        ) : null}
      </div>
      <p class="muted">
        {t('forgotPassword')} <a href={routeHref.signIn(summary.projectId)}>{t('methodRecovery')}</a>
      </p>
    </section>
  )
}
