// A dangerous button that asks first, inline: the question names what will happen to whom.
import { useSignal } from '@preact/signals'
import type { Reply } from '../shared/protocol.ts'
import { useAction } from './action.ts'
import { ErrorText } from './error-text.tsx'
import { t } from './i18n.ts'

/** Stable, so Preact calls it once when the button mounts, not on every render. */
const focusOnMount = (element: HTMLButtonElement | null): void => element?.focus()

interface Props {
  label: string
  question: string
  confirmLabel: string
  onConfirm(): Promise<Reply<unknown>>
  /** The look of the button that opens the question (default: a danger button). */
  triggerClass?: string
}

export function ConfirmAction({ label, question, confirmLabel, onConfirm, triggerClass = 'danger' }: Props) {
  const asking = useSignal(false)
  const action = useAction()
  async function confirm() {
    const reply = await action.run(onConfirm)
    if (reply.ok) asking.value = false
  }
  return (
    <div class="confirm-action">
      {asking.value ? (
        <div role="alertdialog" aria-label={question} class="confirm-box">
          <p>{question}</p>
          <button type="button" class="danger" disabled={action.busy} onClick={confirm} ref={focusOnMount}>
            {confirmLabel}
          </button>
          <button type="button" onClick={() => (asking.value = false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class={triggerClass} onClick={() => (asking.value = true)}>
          {label}
        </button>
      )}
      <ErrorText error={action.error} />
    </div>
  )
}
