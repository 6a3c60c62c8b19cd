// Lanyard's own timeline of an account (issue 5), for the options page's Security log and the
// popup's Activity tab: read from storage like every cache (no round trip), kept current by the
// storage watch.
import { useSignal, type Signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { ActivityEvent } from '../shared/activity.ts'
import { items, storedOrFallback } from '../shared/storage.ts'
import type { PageIO } from './page-io.ts'

export function useActivity(io: PageIO, accountId: string): Signal<ActivityEvent[]> {
  const activity = useSignal<ActivityEvent[]>([])
  useEffect(() => {
    const item = items.activity(accountId)
    let current = true
    void io.readStorage([item.key]).then((stored) => {
      if (current) activity.value = storedOrFallback(item, stored[item.key])
    })
    const unwatch = io.watchStorage((changes) => {
      if (item.key in changes) activity.value = storedOrFallback(item, changes[item.key])
    })
    return () => {
      current = false
      unwatch()
    }
  }, [io, accountId])
  return activity
}
