import type { ReadonlySignal } from '@preact/signals'
import type { ErrorData } from '../shared/protocol.ts'
import { describeError, type AdviceHere } from './errors.ts'

/** An inline error (role alert, so screen readers hear it); renders nothing without one. `advice`: words for this place (errors.ts). */
export function ErrorText({ error, advice }: { error: ReadonlySignal<ErrorData | null>; advice?: AdviceHere }) {
  const value = error.value
  return value ? (
    <p role="alert" class="error">
      {describeError(value, advice)}
    </p>
  ) : null
}
