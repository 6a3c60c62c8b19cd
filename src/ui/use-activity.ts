// Lanyard's own timeline of an account (issue 5), for the options page's Security log and the
// popup's Activity tab: read from storage like every cache (no round trip), kept current by the
// storage watch.
import { useSignal, type Signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { ActivityEvent } from '../shared/activity.ts'
import { storedOrFallback } from '../shared/storage.ts'
import { assembleTimeline, timelineItems, touchesTimeline } from '../shared/timeline.ts'
import type { PageIO } from './page-io.ts'

export function useActivity(io: PageIO, accountId: string): Signal<ActivityEvent[]> {
  const activity = useSignal<ActivityEvent[]>([])
  useEffect(() => {
    let current = true
    // The head and the sealed pages are read together, whichever of them changed (src/shared/timeline.ts).
    const read = () =>
      io.readStorage(timelineItems(accountId).map((it) => it.key)).then((stored) => {
        if (current) activity.value = assembleTimeline(accountId, (it) => storedOrFallback(it, stored[it.key]))
      })
    void read()
    const unwatch = io.watchStorage((changes) => {
      if (touchesTimeline(accountId, Object.keys(changes))) void read()
    })
    return () => {
      current = false
      unwatch()
    }
  }, [io, accountId])
  return activity
}
