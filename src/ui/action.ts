// One hook for a button's request: busy while it runs, the error shown inline afterwards.
import { type Signal, useSignal } from '@preact/signals'
import type { ErrorData, Reply } from '../shared/protocol.ts'

export function useAction() {
  const busy = useSignal(false)
  const error = useSignal<ErrorData | null>(null)
  async function run<T>(perform: () => Promise<Reply<T>>): Promise<Reply<T>> {
    busy.value = true
    error.value = null
    const reply = await perform()
    busy.value = false
    if (!reply.ok) error.value = reply.error
    return reply
  }
  return { busy, error, run }
}

/** A form's `onInput`: once the person types, they are fixing what went wrong, so its error goes (issue 16). */
export const clearError =
  ({ error }: { error: Signal<ErrorData | null> }) =>
  (): void => {
    error.value = null
  }
