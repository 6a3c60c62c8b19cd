// Finishes a challenge for an account: right after a password sign-in to an MFA account, for a held
// session that started needing a second factor, and before the routes that want a challenge from
// the last 30 minutes (docs/appwrite/mfa.md sections 1.3 to 1.5). Email and SMS send a code first; an
// authenticator or recovery code is answered at once.
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { AccountSummary, MfaChallengeFactor, MfaFactors } from '../../shared/protocol.ts'
import { clearError, useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import type { AdviceHere } from '../../ui/errors.ts'
import { TextField } from '../../ui/field.tsx'
import { type MessageKey, t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'

type DeliveredFactor = Exclude<MfaChallengeFactor, 'recoveryCode'>
const DELIVERED: DeliveredFactor[] = ['totp', 'email', 'phone']
/** A wrong code's advice by factor: only a code that was sent can be sent again (errors.ts). */
const WRONG_CODE: Record<MfaChallengeFactor, AdviceHere> = {
  totp: { user_invalid_token: 'errorWrongAppCode' },
  recoveryCode: { user_invalid_token: 'errorWrongRecoveryCode' },
  email: {},
  phone: {},
}
const FACTOR_LABEL: Record<DeliveredFactor, MessageKey> = { totp: 'mfaFactorTotp', email: 'mfaFactorEmail', phone: 'mfaFactorPhone' }

interface Props {
  model: Model
  summary: AccountSummary
  /** `signIn`: the session lacks its second factor; `recent`: the server wants a fresh challenge. */
  purpose: 'signIn' | 'recent'
  onDone(account: AccountSummary): void
}

export function SecondFactorForm({ model, summary, purpose, onDone }: Props) {
  const factors = useSignal<MfaFactors | null>(null)
  const choice = useSignal<MfaChallengeFactor | null>(null)
  const challengeId = useSignal<string | null>(null)
  const code = useSignal('')
  const sameFactor = useSignal(false)
  const loading = useAction()
  const sending = useAction()
  const verifying = useAction()

  useEffect(() => {
    void loading.run(() => model.request('getMfaFactors', { accountId: summary.id })).then((reply) => {
      if (!reply.ok) return
      factors.value = reply.value
      choice.value = DELIVERED.find((factor) => reply.value[factor]) ?? (reply.value.recoveryCode ? 'recoveryCode' : null)
    })
  }, [model, summary.id])

  function choose(factor: MfaChallengeFactor) {
    choice.value = factor
    challengeId.value = null
    code.value = ''
    sameFactor.value = false
    verifying.error.value = null
  }

  async function sendCode(factor: 'email' | 'phone') {
    const reply = await sending.run(() => model.request('createMfaChallenge', { accountId: summary.id, factor }))
    if (reply.ok) challengeId.value = reply.value.challengeId
  }

  async function verify(event: Event) {
    event.preventDefault()
    const factor = choice.value
    if (factor === null) return
    const otp = code.value.trim()
    const pending = challengeId.value
    const reply = await verifying.run(() =>
      pending !== null
        ? model.request('completeMfaChallenge', { accountId: summary.id, challengeId: pending, otp })
        : model.request('completeMfaWithCode', { accountId: summary.id, factor: factor === 'recoveryCode' ? 'recoveryCode' : 'totp', otp }),
    )
    if (!reply.ok) return
    // A second factor equal to the first (an email code on an email-code session) does not count.
    if (purpose === 'signIn' && reply.value.status === 'needsSecondFactor') sameFactor.value = true
    else onDone(reply.value)
  }

  const available = factors.value
  const factor = choice.value
  const delivered = factor === 'email' || factor === 'phone'
  const readyForCode = factor === 'totp' || factor === 'recoveryCode' || challengeId.value !== null
  return (
    <div class="card form second-factor" role="group" aria-label={t('mfaSecondFactor')}>
      <p>{purpose === 'signIn' ? t('mfaNeedsSecondFactor') : t('mfaRecentChallengeNeeded')}</p>
      <ErrorText error={loading.error} />
      {available && factor === null ? <p role="status">{t('mfaNoFactors')}</p> : null}
      {available && factor !== null && factor !== 'recoveryCode' ? (
        <fieldset class="methods">
          <legend>{t('mfaChooseFactor')}</legend>
          {DELIVERED.filter((candidate) => available[candidate]).map((candidate) => (
            <label key={candidate} class={factor === candidate ? 'method selected' : 'method'}>
              <input type="radio" name="second-factor" checked={factor === candidate} onChange={() => choose(candidate)} />
              {t(FACTOR_LABEL[candidate])}
            </label>
          ))}
        </fieldset>
      ) : null}
      {delivered ? (
        <div>
          <button type="button" disabled={sending.busy} onClick={() => void sendCode(factor)}>
            {challengeId.value === null ? t('mfaSendCode') : t('mfaSendAgain')}
          </button>
          {challengeId.value !== null ? <p role="status">{factor === 'email' ? t('mfaCodeSentEmail') : t('mfaCodeSentPhone')}</p> : null}
          <ErrorText error={sending.error} />
        </div>
      ) : null}
      {factor !== null && readyForCode ? (
        <form onInput={clearError(verifying)} onSubmit={verify}>
          <TextField
            label={factor === 'recoveryCode' ? t('mfaRecoveryCode') : t('mfaCode')}
            value={code}
            required
            autoComplete="one-time-code"
          />
          <div>
            <button type="submit" class="primary" disabled={verifying.busy}>
              {t('mfaVerify')}
            </button>
          </div>
          {sameFactor.value ? <p role="alert" class="error">{t('mfaSameFactor')}</p> : null}
          <ErrorText error={verifying.error} advice={WRONG_CODE[factor]} />
        </form>
      ) : null}
      {available?.recoveryCode && factor !== null ? (
        factor === 'recoveryCode' ? (
          DELIVERED.some((candidate) => available[candidate]) ? (
            <button type="button" class="link-button" onClick={() => choose(DELIVERED.find((candidate) => available[candidate]) ?? 'totp')}>
              {t('mfaUseOtherFactor')}
            </button>
          ) : null
        ) : (
          <button type="button" class="link-button" onClick={() => choose('recoveryCode')}>
            {t('mfaUseRecoveryCode')}
          </button>
        )
      ) : null}
    </div>
  )
}
