import type { ReadonlySignal } from '@preact/signals'
import type { ErrorData } from '../shared/protocol.ts'
import { describeError } from './errors.ts'

/** An inline error (role alert, so screen readers hear it); renders nothing without one. */
export function ErrorText({ error }: { error: ReadonlySignal<ErrorData | null> }) {
  const value = error.value
  return value ? (
    <p role="alert" class="error">
      {describeError(value)}
    </p>
  ) : null
}
