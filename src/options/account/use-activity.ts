// Lanyard's own timeline of an account for the Security log section (issue 5): read from storage like
// every cache (no round trip), kept current by the storage watch.
import { useSignal, type Signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { ActivityEvent } from '../../shared/activity.ts'
import { items, storedOrFallback } from '../../shared/storage.ts'
import type { Log, LogsPage } from '../../shared/protocol.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'

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

/**
 * The newest log of the next server page, which bounds the timeline events this page shows
 * (log-rows.ts). Asked for only when some event is older than this page and a next page exists.
 */
export function useNextPageNewest(model: Model, accountId: string, page: LogsPage | null, activity: readonly ActivityEvent[]): Signal<Log | undefined> {
  const next = useSignal<Log | undefined>(undefined)
  const oldestShown = page && page.logs.length > 0 ? Math.min(...page.logs.map((log) => Date.parse(log.time.replace(' ', 'T')))) : null
  const needed = page !== null && page.supported && oldestShown !== null && page.offset + page.logs.length < page.total && activity.some((e) => e.at <= oldestShown)
  const nextOffset = page ? page.offset + page.logs.length : 0
  useEffect(() => {
    next.value = undefined
    if (!needed) return
    let current = true
    void model.request('listLogs', { accountId, offset: nextOffset, limit: 1 }).then((reply) => {
      if (current && reply.ok) next.value = reply.value.logs[0]
    })
    return () => {
      current = false
    }
  }, [model, accountId, needed, nextOffset])
  return next
}
