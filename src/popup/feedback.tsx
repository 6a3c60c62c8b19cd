// Every action in the popup says how it went (issue 16): one polite live region, which screen readers
// read without interrupting, and which shows the latest result as a line at the foot of the popup.
import { type Signal, useSignal } from '@preact/signals'

export interface Feedback {
  message: Signal<string>
  say(text: string): void
}

export function useFeedback(): Feedback {
  const message = useSignal('')
  return {
    message,
    say(text) {
      // The same text twice (two revokes of the same kind of device) is announced twice.
      message.value = message.value === text ? `${text}\u00a0` : text
    },
  }
}

export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  const text = feedback.message.value
  return (
    <p class={text ? 'feedback' : 'feedback empty'} role="status" aria-live="polite">
      {text}
    </p>
  )
}
