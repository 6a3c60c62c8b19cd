// One account's Two-factor section: its multi-factor settings (docs/appwrite/mfa.md section 2): MFA on and off, the authenticator app
// (QR code drawn locally), recovery codes hidden until revealed, and linked sign-in identities.
// Reading or renewing codes and removing the authenticator need a challenge from the last 30
// minutes: such a request that the server refuses asks for one, then runs again.
import { type Signal, useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { Account, AccountSummary, MfaFactors, Reply } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { QrCode } from '../../ui/qr-code.tsx'
import { CustomFactor } from './custom-factor.tsx'
import { IdentitiesList } from './identities-list.tsx'
import { SecondFactorForm } from '../sign-in/second-factor-form.tsx'

interface Props {
  model: Model
  io: PageIO
  summary: AccountSummary
  account: Account | null
}

/** Runs requests, and when one answers `user_challenge_required`, holds it until a challenge is done. */
function useRecentChallenge() {
  const waiting = useSignal<(() => Promise<unknown>) | null>(null)
  async function guard<T>(action: ReturnType<typeof useAction>, perform: () => Promise<Reply<T>>): Promise<Reply<T>> {
    const reply = await action.run(perform)
    if (!reply.ok && reply.error.type === 'user_challenge_required') {
      action.error.value = null
      waiting.value = () => guard(action, perform)
    }
    return reply
  }
  return { waiting, guard }
}

export function TwoFactorSection({ model, io, summary, account }: Props) {
  const factors = useSignal<MfaFactors | null>(null)
  const loading = useAction()
  const recent = useRecentChallenge()
  const loadFactors = () =>
    loading.run(() => model.request('getMfaFactors', { accountId: summary.id })).then((reply) => {
      if (reply.ok) factors.value = reply.value
    })
  useEffect(() => {
    void loadFactors()
  }, [model, summary.id])

  const pending = recent.waiting.value
  return (
    <section id="two-factor" class="card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">{t('sectionTwoFactor')}</h2>
      <ErrorText error={loading.error} />
      <MfaSwitch model={model} summary={summary} account={account} factors={factors} />
      {pending ? (
        <SecondFactorForm
          model={model}
          summary={summary}
          purpose="recent"
          onDone={() => {
            recent.waiting.value = null
            void pending().then(loadFactors)
          }}
        />
      ) : null}
      <Authenticator model={model} summary={summary} factors={factors} guard={recent.guard} reload={loadFactors} />
      <RecoveryCodes model={model} io={io} summary={summary} factors={factors} guard={recent.guard} reload={loadFactors} />
      <CustomFactor factors={factors} />
      <IdentitiesList model={model} summary={summary} />
    </section>
  )
}

function MfaSwitch({ model, summary, account, factors }: Pick<Props, 'model' | 'summary' | 'account'> & { factors: Signal<MfaFactors | null> }) {
  const action = useAction()
  if (account === null) return null
  const on = account.mfa
  const hasFactor = factors.value !== null && (factors.value.totp || factors.value.email || factors.value.phone || factors.value.custom === true)
  return (
    <div class="mfa-switch">
      <p role="status">{on ? t('mfaStatusOn') : t('mfaStatusOff')}</p>
      {!on && factors.value !== null && !hasFactor ? <p class="muted">{t('mfaTurnOnNeedsFactor')}</p> : null}
      <button
        type="button"
        class={on ? undefined : 'primary'}
        disabled={action.busy}
        onClick={() => void action.run(() => model.change(summary.id, 'updateMfa', { accountId: summary.id, enabled: !on }))}
      >
        {on ? t('mfaTurnOff') : t('mfaTurnOn')}
      </button>
      <ErrorText error={action.error} />
    </div>
  )
}

interface PartProps {
  model: Model
  summary: AccountSummary
  factors: Signal<MfaFactors | null>
  guard: ReturnType<typeof useRecentChallenge>['guard']
  reload(): Promise<void>
}

function Authenticator({ model, summary, factors, guard, reload }: PartProps) {
  const enrolment = useSignal<{ secret: string; uri: string } | null>(null)
  const code = useSignal('')
  const starting = useAction()
  const verifying = useAction()
  const removing = useAction()
  if (factors.value === null) return null

  async function start() {
    const reply = await starting.run(() => model.request('createTotpAuthenticator', { accountId: summary.id }))
    if (reply.ok) enrolment.value = reply.value
  }
  async function verify(event: Event) {
    event.preventDefault()
    const reply = await verifying.run(() => model.change(summary.id, 'verifyTotpAuthenticator', { accountId: summary.id, otp: code.value.trim() }))
    if (!reply.ok) return
    enrolment.value = null
    code.value = ''
    await reload()
  }

  return (
    <div class="mfa-part">
      <h3>{t('mfaAuthenticator')}</h3>
      {factors.value.totp ? (
        <>
          <p role="status">{t('mfaAuthenticatorAdded')}</p>
          <ConfirmAction
            label={t('mfaRemoveAuthenticator')}
            question={t('mfaRemoveAuthenticatorQuestion', summary.email || summary.userId)}
            confirmLabel={t('mfaRemoveAuthenticator')}
            onConfirm={async () => {
              const reply = await guard(removing, () => model.request('deleteTotpAuthenticator', { accountId: summary.id }))
              if (reply.ok) await reload()
              return reply.ok || reply.error.type === 'user_challenge_required' ? { ok: true, value: undefined } : reply
            }}
          />
          <ErrorText error={removing.error} />
        </>
      ) : enrolment.value === null ? (
        <>
          <button type="button" disabled={starting.busy} onClick={() => void start()}>
            {t('mfaAddAuthenticator')}
          </button>
          <ErrorText error={starting.error} />
        </>
      ) : (
        <form onSubmit={verify}>
          <p>{t('mfaScanQr')}</p>
          <QrCode text={enrolment.value.uri} label={t('mfaQrLabel')} tooLong={t('mfaQrTooLong')} />
          <p class="muted">
            {t('mfaSecretManual')} <code class="totp-secret">{enrolment.value.secret}</code>
          </p>
          <TextField label={t('mfaCode')} value={code} required autoComplete="one-time-code" />
          <div>
            <button type="submit" class="primary" disabled={verifying.busy}>
              {t('mfaVerify')}
            </button>
          </div>
          <ErrorText error={verifying.error} advice={{ user_invalid_token: 'errorWrongAppCode' }} />
        </form>
      )}
    </div>
  )
}

function RecoveryCodes({ model, io, summary, factors, guard, reload }: PartProps & { io: PageIO }) {
  const codes = useSignal<string[] | null>(null)
  const copied = useSignal(false)
  const action = useAction()
  if (factors.value === null) return null

  async function show(perform: () => Promise<Reply<{ recoveryCodes: string[] }>>) {
    copied.value = false
    const reply = await guard(action, async () => {
      const answer = await perform()
      if (answer.ok) codes.value = answer.value.recoveryCodes
      return answer
    })
    if (reply.ok) await reload()
  }
  async function copy(list: string[]) {
    await io.copyText(list.join('\n'))
    copied.value = true
  }

  const list = codes.value
  return (
    <div class="mfa-part">
      <h3>{t('mfaRecoveryCodes')}</h3>
      <p class="muted">{t('mfaRecoveryCodesHint')}</p>
      {list ? (
        <>
          <ul class="recovery-codes" aria-label={t('mfaRecoveryCodes')}>
            {list.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void copy(list)}>
            {t('mfaCopyRecoveryCodes')}
          </button>
          <button type="button" onClick={() => (codes.value = null)}>
            {t('mfaHideRecoveryCodes')}
          </button>
          {copied.value ? <p role="status">{t('mfaCopied')}</p> : null}
        </>
      ) : factors.value.recoveryCode ? (
        <button type="button" disabled={action.busy} onClick={() => void show(() => model.request('getRecoveryCodes', { accountId: summary.id }))}>
          {t('mfaShowRecoveryCodes')}
        </button>
      ) : (
        <button type="button" disabled={action.busy} onClick={() => void show(() => model.request('createRecoveryCodes', { accountId: summary.id }))}>
          {t('mfaCreateRecoveryCodes')}
        </button>
      )}
      {factors.value.recoveryCode ? (
        <ConfirmAction
          label={t('mfaRegenerateRecoveryCodes')}
          question={t('mfaRegenerateQuestion')}
          confirmLabel={t('mfaRegenerateRecoveryCodes')}
          onConfirm={async () => {
            await show(() => model.request('regenerateRecoveryCodes', { accountId: summary.id }))
            return { ok: true, value: undefined }
          }}
        />
      ) : null}
      <ErrorText error={action.error} />
    </div>
  )
}
