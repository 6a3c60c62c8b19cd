// Every way into a project the worker supports, one form at a time so each field has one name:
// email+password, new account, email code, magic link, phone code, anonymous, OAuth2, and
// password recovery for someone who cannot sign in.
import { type Signal, useSignal } from '@preact/signals'
import type { AccountSummary, ErrorData, Project, Reply } from '../shared/protocol.ts'
import { useAction } from '../ui/action.ts'
import { needsOAuthPlatform } from '../ui/errors.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { TextField } from '../ui/field.tsx'
import { hostOf } from '../ui/format.ts'
import { type MessageKey, t } from '../ui/i18n.ts'
import { emailLinkTarget } from '../ui/links.ts'
import type { Model } from '../ui/model.ts'
import type { Platform } from '../ui/platform.ts'
import { OAuthAdvice } from './oauth-advice.tsx'
import { type Router, routeHref } from './router.ts'
import { SecondFactorForm } from './second-factor-form.tsx'

const METHODS = ['email-password', 'create', 'email-code', 'magic-link', 'phone', 'anonymous', 'oauth2', 'recovery'] as const
type Method = (typeof METHODS)[number]
const METHOD_LABEL: Record<Method, MessageKey> = {
  'email-password': 'methodEmailPassword',
  create: 'methodCreateAccount',
  'email-code': 'methodEmailCode',
  'magic-link': 'methodMagicLink',
  phone: 'methodPhone',
  anonymous: 'methodAnonymous',
  oauth2: 'methodOAuth2',
  recovery: 'methodRecovery',
}
/** Offered as suggestions; any provider id Appwrite knows can be typed. */
const OAUTH_PROVIDERS = ['github', 'google', 'gitlab', 'microsoft', 'apple', 'discord', 'facebook', 'bitbucket', 'slack', 'twitch']

interface FormProps {
  project: Project
  model: Model
  onSignedIn(account: AccountSummary): void
}

export function SignInView({ model, platform, router, projectId }: { model: Model; platform: Platform; router: Router; projectId: string }) {
  const method = useSignal<Method>('email-password')
  /** A sign-in to an MFA account: held, but the second factor is asked for right here (MFA.md section 1.3). */
  const halfSignedIn = useSignal<AccountSummary | null>(null)
  const project = model.projectsById.value.get(projectId)
  if (!project) return <p class="view">{t('projectNotFound')}</p>
  const openAccount = (account: AccountSummary) => router.navigate(routeHref.account(account.id))
  const onSignedIn = (account: AccountSummary) => (account.status === 'needsSecondFactor' ? (halfSignedIn.value = account) : openAccount(account))
  const props: FormProps = { project, model, onSignedIn }
  if (halfSignedIn.value) {
    return (
      <div class="view">
        <h1>{t('signInTo', project.label)}</h1>
        <SecondFactorForm model={model} summary={halfSignedIn.value} purpose="signIn" onDone={openAccount} />
      </div>
    )
  }
  return (
    <div class="view">
      <h1>{t('signInTo', project.label)}</h1>
      <p class="muted">
        {hostOf(project.endpoint)} · {t('projectIdValue', project.projectId)}
      </p>
      <fieldset class="methods">
        <legend>{t('signInMethod')}</legend>
        {METHODS.map((value) => (
          <label key={value} class={method.value === value ? 'method selected' : 'method'}>
            <input type="radio" name="method" value={value} checked={method.value === value} onChange={() => (method.value = value)} />
            {t(METHOD_LABEL[value])}
          </label>
        ))}
      </fieldset>
      <div class="card form">
        {method.value === 'email-password' ? <EmailPasswordForm {...props} /> : null}
        {method.value === 'create' ? <CreateAccountForm {...props} /> : null}
        {method.value === 'email-code' ? <EmailCodeForm {...props} /> : null}
        {method.value === 'magic-link' ? <MagicLinkForm {...props} /> : null}
        {method.value === 'phone' ? <PhoneCodeForm {...props} /> : null}
        {method.value === 'anonymous' ? <AnonymousForm {...props} /> : null}
        {method.value === 'oauth2' ? <OAuth2Form {...props} platform={platform} /> : null}
        {method.value === 'recovery' ? <RecoveryForm {...props} /> : null}
      </div>
    </div>
  )
}

/** Runs a sign-in request and moves on to the new account when it succeeds. */
function useSignIn(onSignedIn: (account: AccountSummary) => void) {
  const action = useAction()
  const submit = (perform: () => Promise<Reply<AccountSummary>>) => (event: Event) => {
    event.preventDefault()
    void action.run(perform).then((reply) => reply.ok && onSignedIn(reply.value))
  }
  return { action, submit }
}

function SubmitButton({ label, busy }: { label: string; busy: Signal<boolean> }) {
  return (
    <div>
      <button type="submit" class="primary" disabled={busy}>
        {label}
      </button>
    </div>
  )
}

function EmailPasswordForm({ project, model, onSignedIn }: FormProps) {
  const email = useSignal('')
  const password = useSignal('')
  const { action, submit } = useSignIn(onSignedIn)
  return (
    <form onSubmit={submit(() => model.request('signIn', { method: 'email-password', projectId: project.id, email: email.value.trim(), password: password.value }))}>
      <TextField label={t('email')} value={email} type="email" required autoComplete="username" />
      <TextField label={t('password')} value={password} type="password" required autoComplete="current-password" />
      <SubmitButton label={t('signIn')} busy={action.busy} />
      <ErrorText error={action.error} />
    </form>
  )
}

function CreateAccountForm({ project, model, onSignedIn }: FormProps) {
  const name = useSignal('')
  const email = useSignal('')
  const password = useSignal('')
  const { action, submit } = useSignIn(onSignedIn)
  return (
    <form
      onSubmit={submit(() =>
        model.request('createAccount', { projectId: project.id, email: email.value.trim(), password: password.value, ...(name.value.trim() ? { name: name.value.trim() } : {}) }),
      )}
    >
      <TextField label={t('name')} value={name} autoComplete="name" />
      <TextField label={t('email')} value={email} type="email" required autoComplete="username" />
      <TextField label={t('password')} value={password} type="password" required autoComplete="new-password" hint={t('passwordRule')} />
      <SubmitButton label={t('createAccount')} busy={action.busy} />
      <ErrorText error={action.error} />
    </form>
  )
}

/** Two steps: send a code or link to an address, then finish with what arrived. */
function TwoStepForm({
  onSignedIn,
  addressLabel,
  addressType,
  sendLabel,
  sentMessage,
  secretLabel,
  send,
  finish,
}: Pick<FormProps, 'onSignedIn'> & {
  addressLabel: string
  addressType: 'email' | 'tel'
  sendLabel: string
  sentMessage: (phrase: string) => string
  secretLabel: string
  send(address: string): Promise<Reply<{ userId: string; phrase?: string }>>
  finish(userId: string, secret: string): Promise<Reply<AccountSummary>>
}) {
  const address = useSignal('')
  const secret = useSignal('')
  const sent = useSignal<{ userId: string; phrase: string } | null>(null)
  const sending = useAction()
  const { action, submit } = useSignIn(onSignedIn)
  async function sendCode(event: Event) {
    event.preventDefault()
    const reply = await sending.run(() => send(address.value.trim()))
    if (reply.ok) sent.value = { userId: reply.value.userId, phrase: reply.value.phrase ?? '' }
  }
  return (
    <>
      <form onSubmit={sendCode}>
        <TextField label={addressLabel} value={address} type={addressType} required />
        <div>
          <button type="submit" disabled={sending.busy}>
            {sendLabel}
          </button>
        </div>
        <ErrorText error={sending.error} />
      </form>
      {sent.value ? (
        <form onSubmit={submit(() => finish(sent.value?.userId ?? '', secret.value.trim()))}>
          <p role="status">{sentMessage(sent.value.phrase)}</p>
          <TextField label={secretLabel} value={secret} required autoComplete="one-time-code" />
          <SubmitButton label={t('signIn')} busy={action.busy} />
          <ErrorText error={action.error} />
        </form>
      ) : null}
    </>
  )
}

function EmailCodeForm(props: FormProps) {
  const { model, project } = props
  return (
    <TwoStepForm
      onSignedIn={props.onSignedIn}
      addressLabel={t('email')}
      addressType="email"
      sendLabel={t('sendCode')}
      sentMessage={(phrase) => (phrase ? t('codeSentWithPhrase', phrase) : t('codeSent'))}
      secretLabel={t('code')}
      send={(email) => model.request('sendEmailOtp', { projectId: project.id, email, phrase: true })}
      finish={(userId, secret) => model.request('signIn', { method: 'token', projectId: project.id, userId, secret })}
    />
  )
}

function PhoneCodeForm(props: FormProps) {
  const { model, project } = props
  return (
    <TwoStepForm
      onSignedIn={props.onSignedIn}
      addressLabel={t('phone')}
      addressType="tel"
      sendLabel={t('sendCode')}
      sentMessage={() => t('smsSent')}
      secretLabel={t('code')}
      send={(phone) => model.request('sendPhoneOtp', { projectId: project.id, phone })}
      finish={(userId, secret) => model.request('signIn', { method: 'token', projectId: project.id, userId, secret })}
    />
  )
}

function MagicLinkForm(props: FormProps) {
  const { model, project } = props
  return (
    <TwoStepForm
      onSignedIn={props.onSignedIn}
      addressLabel={t('email')}
      addressType="email"
      sendLabel={t('sendLink')}
      sentMessage={() => t('linkSent')}
      secretLabel={t('magicLink')}
      send={(email) => model.request('sendMagicUrl', { projectId: project.id, email, url: emailLinkTarget(project.endpoint) })}
      finish={(_userId, link) => model.request('signIn', { method: 'magic-url', projectId: project.id, link })}
    />
  )
}

function AnonymousForm({ project, model, onSignedIn }: FormProps) {
  const { action, submit } = useSignIn(onSignedIn)
  return (
    <form onSubmit={submit(() => model.request('signIn', { method: 'anonymous', projectId: project.id }))}>
      <p class="muted">{t('anonymousHint')}</p>
      <SubmitButton label={t('signInAnonymously')} busy={action.busy} />
      <ErrorText error={action.error} />
    </form>
  )
}

function OAuth2Form({ project, model, onSignedIn, platform }: FormProps & { platform: Platform }) {
  const provider = useSignal('github')
  const { action, submit } = useSignIn(onSignedIn)
  const error: ErrorData | null = action.error.value
  return (
    <form onSubmit={submit(() => model.request('signIn', { method: 'oauth2', projectId: project.id, provider: provider.value.trim() }))}>
      <label class="field">
        <span class="field-label">{t('provider')}</span>
        <input list="oauth-providers" value={provider} required onInput={(event) => (provider.value = event.currentTarget.value)} />
      </label>
      <datalist id="oauth-providers">
        {OAUTH_PROVIDERS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <SubmitButton label={t('signInWithProvider')} busy={action.busy} />
      <ErrorText error={action.error} />
      <OAuthAdvice model={model} platform={platform} emphasis={error !== null && needsOAuthPlatform(error)} />
    </form>
  )
}

function RecoveryForm({ project, model }: FormProps) {
  const email = useSignal('')
  const link = useSignal('')
  const password = useSignal('')
  const sending = useAction()
  const confirming = useAction()
  const sent = useSignal(false)
  const done = useSignal(false)
  return (
    <>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          const reply = await sending.run(() => model.request('sendRecovery', { projectId: project.id, email: email.value.trim(), url: emailLinkTarget(project.endpoint) }))
          sent.value = reply.ok
        }}
      >
        <TextField label={t('email')} value={email} type="email" required />
        <div>
          <button type="submit" disabled={sending.busy}>
            {t('sendRecoveryEmail')}
          </button>
        </div>
        {sent.value ? <p role="status">{t('recoverySent')}</p> : null}
        <ErrorText error={sending.error} />
      </form>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          const reply = await confirming.run(() => model.request('confirmRecovery', { projectId: project.id, link: link.value.trim(), password: password.value }))
          done.value = reply.ok
        }}
      >
        <TextField label={t('recoveryLink')} value={link} required />
        <TextField label={t('newPassword')} value={password} type="password" required autoComplete="new-password" />
        <div>
          <button type="submit" class="primary" disabled={confirming.busy}>
            {t('setNewPassword')}
          </button>
        </div>
        {done.value ? <p role="status">{t('passwordReset')}</p> : null}
        <ErrorText error={confirming.error} />
      </form>
    </>
  )
}
