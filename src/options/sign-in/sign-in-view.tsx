// Every way into a project the worker supports, one form at a time so each field has one name:
// email+password, email code, magic link, phone code, anonymous and OAuth2 as choices; creating an
// account and recovering a password (recovery-form.tsx: by code on 2.3+, else by link) are not ways
// in, so they are links to their own forms.
import { type Signal, useSignal } from '@preact/signals'
import type { AccountSummary, ErrorData, Project, Reply } from '../../shared/protocol.ts'
import { clearError, useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { hostOf } from '../../ui/format.ts'
import { type MessageKey, t } from '../../ui/i18n.ts'
import { linkTarget } from '../../shared/app-url.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { needsOAuthPlatform, OAuthAdvice } from './oauth-advice.tsx'
import { type Router, routeHref, type SignInForm } from '../router.ts'
import { SecondFactorForm } from './second-factor-form.tsx'
import { RecoveryForm } from './recovery-form.tsx'

const METHODS = ['email-password', 'email-code', 'magic-link', 'phone', 'anonymous', 'oauth2'] as const
type Method = (typeof METHODS)[number]
const METHOD_LABEL: Record<Method, MessageKey> = {
  'email-password': 'methodEmailPassword',
  'email-code': 'methodEmailCode',
  'magic-link': 'methodMagicLink',
  phone: 'methodPhone',
  anonymous: 'methodAnonymous',
  oauth2: 'methodOAuth2',
}
/** Offered as suggestions; any provider id Appwrite knows can be typed. */
const OAUTH_PROVIDERS = ['github', 'google', 'gitlab', 'microsoft', 'apple', 'discord', 'facebook', 'bitbucket', 'slack', 'twitch']

interface FormProps {
  project: Project
  model: Model
  onSignedIn(account: AccountSummary): void
  /** Filled in from "Sign in again" (the account's email), else empty. */
  email: string
}

interface Props {
  model: Model
  io: PageIO
  router: Router
  projectId: string
  form: SignInForm
  email: string
}

export function SignInView({ model, io, router, projectId, form, email }: Props) {
  const method = useSignal<Method>('email-password')
  /** A sign-in to an MFA account: held, but the second factor is asked for right here (docs/appwrite/mfa.md section 1.3). */
  const halfSignedIn = useSignal<AccountSummary | null>(null)
  const project = model.projectsById.value.get(projectId)
  if (!project) return <p class="view">{t('projectNotFound')}</p>
  const openAccount = (account: AccountSummary) => router.navigate(routeHref.account(account.id))
  const onSignedIn = (account: AccountSummary) => (account.status === 'needsSecondFactor' ? (halfSignedIn.value = account) : openAccount(account))
  const props: FormProps = { project, model, onSignedIn, email }
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
      {form === 'sign-in' ? (
        <>
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
            {method.value === 'email-code' ? <TwoStepForm key="email-code" {...props} steps={EMAIL_CODE} /> : null}
            {method.value === 'magic-link' ? <TwoStepForm key="magic-link" {...props} steps={MAGIC_LINK} /> : null}
            {method.value === 'phone' ? <TwoStepForm key="phone" {...props} steps={PHONE_CODE} /> : null}
            {method.value === 'anonymous' ? <AnonymousForm {...props} /> : null}
            {method.value === 'oauth2' ? <OAuth2Form {...props} io={io} /> : null}
          </div>
        </>
      ) : (
        <div class="card form">
          <h2>{t(form === 'create' ? 'methodCreateAccount' : 'methodRecovery')}</h2>
          {form === 'create' ? <CreateAccountForm {...props} /> : <RecoveryForm project={project} model={model} email={email} />}
        </div>
      )}
      <nav class="sign-in-links" aria-label={t('otherSignInActions')}>
        {form === 'sign-in' ? null : <a href={routeHref.signIn(project.id, { email })}>{t('backToSignIn')}</a>}
        {form === 'create' ? null : <a href={routeHref.signIn(project.id, { form: 'create', email })}>{t('createAccount')}</a>}
        {form === 'recover' ? null : <a href={routeHref.signIn(project.id, { form: 'recover', email })}>{t('methodRecovery')}</a>}
      </nav>
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

function EmailPasswordForm({ project, model, onSignedIn, email: knownEmail }: FormProps) {
  const email = useSignal(knownEmail)
  const password = useSignal('')
  const { action, submit } = useSignIn(onSignedIn)
  return (
    <form onInput={clearError(action)} onSubmit={submit(() => model.request('signIn', { method: 'email-password', projectId: project.id, email: email.value.trim(), password: password.value }))}>
      <TextField label={t('email')} value={email} type="email" required autoComplete="username" />
      <TextField label={t('password')} value={password} type="password" required autoComplete="current-password" />
      <SubmitButton label={t('signIn')} busy={action.busy} />
      <ErrorText error={action.error} />
    </form>
  )
}

function CreateAccountForm({ project, model, onSignedIn, email: knownEmail }: FormProps) {
  const name = useSignal('')
  const email = useSignal(knownEmail)
  const password = useSignal('')
  const { action, submit } = useSignIn(onSignedIn)
  return (
    <form
      onInput={clearError(action)}
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

type SentReply = Reply<{ userId: string; phrase?: string }>

/** How one two-step method sends its code or link and finishes with what arrived. */
interface TwoStepMethod {
  addressLabel: MessageKey
  addressType: 'email' | 'tel'
  sendLabel: MessageKey
  secretLabel: MessageKey
  sentMessage(phrase: string): string
  send(props: FormProps, address: string): Promise<SentReply>
  finish(props: FormProps, userId: string, secret: string): Promise<Reply<AccountSummary>>
}

const signInWithToken = ({ model, project }: FormProps, userId: string, secret: string) => model.request('signIn', { method: 'token', projectId: project.id, userId, secret })

const EMAIL_CODE: TwoStepMethod = {
  addressLabel: 'email',
  addressType: 'email',
  sendLabel: 'sendCode',
  secretLabel: 'code',
  sentMessage: (phrase) => (phrase ? t('codeSentWithPhrase', phrase) : t('codeSent')),
  send: ({ model, project }, email) => model.request('sendEmailOtp', { projectId: project.id, email, phrase: true }),
  finish: signInWithToken,
}

const PHONE_CODE: TwoStepMethod = {
  addressLabel: 'phone',
  addressType: 'tel',
  sendLabel: 'sendCode',
  secretLabel: 'code',
  sentMessage: () => t('smsSent'),
  send: ({ model, project }, phone) => model.request('sendPhoneOtp', { projectId: project.id, phone }),
  finish: signInWithToken,
}

const MAGIC_LINK: TwoStepMethod = {
  addressLabel: 'email',
  addressType: 'email',
  sendLabel: 'sendLink',
  secretLabel: 'magicLink',
  sentMessage: () => t('linkSent'),
  send: ({ model, project }, email) => model.request('sendMagicUrl', { projectId: project.id, email, url: linkTarget(project) }),
  finish: ({ model, project }, _userId, link) => model.request('signIn', { method: 'magic-url', projectId: project.id, link }),
}

/** Two steps: send a code or link to an address, then finish with what arrived. */
function TwoStepForm({ steps, ...props }: FormProps & { steps: TwoStepMethod }) {
  const address = useSignal(steps.addressType === 'email' ? props.email : '')
  const secret = useSignal('')
  const sent = useSignal<{ userId: string; phrase: string } | null>(null)
  const sending = useAction()
  const { action, submit } = useSignIn(props.onSignedIn)
  async function sendCode(event: Event) {
    event.preventDefault()
    const reply = await sending.run(() => steps.send(props, address.value.trim()))
    if (reply.ok) sent.value = { userId: reply.value.userId, phrase: reply.value.phrase ?? '' }
  }
  return (
    <>
      <form onInput={clearError(sending)} onSubmit={sendCode}>
        <TextField label={t(steps.addressLabel)} value={address} type={steps.addressType} required />
        <div>
          <button type="submit" disabled={sending.busy}>
            {t(steps.sendLabel)}
          </button>
        </div>
        <ErrorText error={sending.error} />
      </form>
      {sent.value ? (
        <form onInput={clearError(action)} onSubmit={submit(() => steps.finish(props, sent.value?.userId ?? '', secret.value.trim()))}>
          <p role="status">{steps.sentMessage(sent.value.phrase)}</p>
          <TextField label={t(steps.secretLabel)} value={secret} required autoComplete="one-time-code" />
          <SubmitButton label={t('signIn')} busy={action.busy} />
          <ErrorText error={action.error} />
        </form>
      ) : null}
    </>
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

function OAuth2Form({ project, model, onSignedIn, io }: FormProps & { io: PageIO }) {
  const provider = useSignal('github')
  const { action, submit } = useSignIn(onSignedIn)
  const error: ErrorData | null = action.error.value
  return (
    <form onInput={clearError(action)} onSubmit={submit(() => model.request('signIn', { method: 'oauth2', projectId: project.id, provider: provider.value.trim() }))}>
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
      <OAuthAdvice model={model} io={io} emphasis={error !== null && needsOAuthPlatform(error)} />
    </form>
  )
}
