// What the popup and the options page show while Lanyard is locked (issue 5): only the unlock
// form. Nothing of the accounts is shown (the snapshots are hidden while locked), and the form
// appears from the page-readable lock flag, without waiting for the worker. The passphrase field
// has the focus, Unlock is the primary button, a wrong try empties the field, a throttle counts down
// with the button off, and a forgotten passphrase has a way out: reset, after a confirmation (issue 16).
import { useSignal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { useAction } from './action.ts'
import { ConfirmAction } from './confirm-action.tsx'
import { ErrorText } from './error-text.tsx'
import { TextField } from './field.tsx'
import { t, tCount } from './i18n.ts'
import type { Model } from './model.ts'
import './unlock-form.css'

const SECOND = 1_000

interface Props {
  model: Model
  /** Where the reset's result is told once the page shows the accounts again (the form is gone by then). */
  onReset?(message: string): void
}

export function UnlockForm({ model, onReset }: Props) {
  const passphrase = useSignal('')
  const action = useAction()
  /** Until when (epoch ms) the worker refuses to try: the countdown and the disabled button. */
  const waitUntil = useSignal(0)
  const now = useSignal(Date.now())
  const done = useSignal('')
  const formRef = useRef<HTMLFormElement>(null)
  const focusField = () => formRef.current?.querySelector('input')?.focus()

  useEffect(focusField, [])
  useEffect(() => {
    if (waitUntil.value <= now.value) return
    const timer = setInterval(() => {
      now.value = Date.now()
      if (now.value >= waitUntil.value) clearInterval(timer)
    }, SECOND / 4)
    return () => clearInterval(timer)
  }, [waitUntil.value])

  const secondsLeft = Math.ceil((waitUntil.value - now.value) / SECOND)
  const waiting = secondsLeft > 0

  async function unlock() {
    const reply = await action.run(() => model.request('unlock', { passphrase: passphrase.value }))
    passphrase.value = ''
    if (!reply.ok) {
      const { retryAfterMs = 0, ...shown } = reply.error
      now.value = Date.now()
      waitUntil.value = now.value + retryAfterMs
      // The live countdown tells the wait; the error text says only what went wrong.
      action.error.value = reply.error.type === 'lanyard_unlock_throttled' ? null : shown
      focusField()
      return
    }
    model.refreshError.value = null
    void model.refresh()
  }

  return (
    <section class="unlock" aria-labelledby="unlock-heading">
      <h1 id="unlock-heading">{t('lockedTitle')}</h1>
      <p>{t('lockedExplain')}</p>
      <form
        ref={formRef}
        onSubmit={(event) => {
          event.preventDefault()
          if (!waiting) void unlock()
        }}
        onInput={() => (action.error.value = null)}
      >
        <TextField label={t('passphrase')} type="password" value={passphrase} autoComplete="current-password" required />
        <button type="submit" class="primary" disabled={action.busy.value || waiting}>
          {t('unlock')}
        </button>
      </form>
      <p class="muted" role="status">
        {action.busy.value ? t('unlocking') : waiting ? t('unlockWait', String(secondsLeft)) : done.value}
      </p>
      <ErrorText error={action.error} />
      <ConfirmAction
        label={t('forgotPassphrase')}
        question={t('confirmReset')}
        confirmLabel={t('resetConfirmButton')}
        triggerClass="link-button"
        onConfirm={async () => {
          const reply = await model.request('resetLanyard', undefined)
          if (reply.ok) {
            done.value = tCount('resetDone', reply.value.accounts)
            onReset?.(done.value)
          }
          return reply
        }}
      />
    </section>
  )
}
