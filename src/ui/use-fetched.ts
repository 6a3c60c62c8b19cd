// What a view fetches from the worker when it mounts (and again after a change), with the request's busy
// and error state: the account's linked identities, connected apps and passkeys.
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { Reply } from '../shared/protocol.ts'
import { useAction } from './action.ts'

/** `deps` say when to fetch again by itself (the account shown); `reload` fetches on demand. */
export function useFetched<T>(fetch: () => Promise<Reply<T>>, deps: unknown[]) {
  const value = useSignal<T | null>(null)
  const loading = useAction()
  const reload = () =>
    loading.run(fetch).then((reply) => {
      if (reply.ok) value.value = reply.value
    })
  useEffect(() => {
    void reload()
  }, deps)
  return { value, loading, reload }
}
