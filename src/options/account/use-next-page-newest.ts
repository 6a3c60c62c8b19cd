// The Security log section's look-ahead: the newest log of the next server page, so timeline events
// land on exactly one page (src/ui/log-rows.ts).
import { useSignal, type Signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { ActivityEvent } from '../../shared/activity.ts'
import type { Log, LogsPage } from '../../shared/protocol.ts'
import type { Model } from '../../ui/model.ts'

/**
 * The newest log of the next server page, which bounds the timeline events this page shows
 * (src/ui/log-rows.ts). Asked for only when some event is older than this page and a next page exists.
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
