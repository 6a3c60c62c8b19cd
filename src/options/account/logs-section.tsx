// The security log: pages from the server (Appwrite pages logs by limit/offset only, docs/appwrite/wire.md
// section 3.2) merged with Lanyard's own activity timeline (alone where the server keeps no logs),
// filters over the loaded page, a windowed table, and CSV export of the whole log.
import { type Signal, useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { AccountSummary, ErrorData, Log, LogsPage, Session } from '../../shared/protocol.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { formatNumber } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import { describeLog, familiarIps, type LogContext } from '../../ui/log-entry.ts'
import { LogActor, LogEventName, LogPlace, LogTime } from '../../ui/log-parts.tsx'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { VirtualList } from '../../ui/virtual-list.tsx'
import { type DescribedLog, filterLogs, type LogFilter, NO_FILTER } from './log-filter.ts'
import { mergedRange, mergeLogRows } from '../../ui/log-rows.ts'
import { logsToCsv } from './logs-csv.ts'
import { useActivity } from '../../ui/use-activity.ts'
import { useNextPageNewest } from './use-next-page-newest.ts'

/** Appwrite serves at most 100 log entries per request (docs/appwrite/wire.md section 3), and the worker enforces it. */
export const PAGE_SIZES = [25, 50, 100]
/** Two lines: what and where (the device, then address and country). */
const ROW_HEIGHT_PX = 52
const VIEWPORT_HEIGHT_PX = 420
/** Appwrite caps a query's limit; export reads the log in chunks of this size. */
const EXPORT_CHUNK = 100

/**
 * The page to show: the snapshot's first page whenever it answers the question (it is the one kept
 * fresh), else the page fetched for it; while a new page loads, the previous one stays.
 */
function pickPage(fetched: LogsPage | null, cached: LogsPage | null, offset: number, limit: number): LogsPage | null {
  if (cached && offset === 0 && cached.limit === limit) return cached
  return fetched
}

interface Props {
  model: Model
  io: PageIO
  summary: AccountSummary
  /** The cached first page (from the snapshot): shown at once, no request needed. */
  firstPage: LogsPage | null
  /** The sessions listed now: they name how a listed session signed in. */
  sessions: readonly Session[]
}

export function LogsSection({ model, io, summary, firstPage, sessions }: Props) {
  const accountId = summary.id
  const limit = useSignal(PAGE_SIZES[0] ?? 25)
  const offset = useSignal(0)
  const fetched = useSignal<LogsPage | null>(null)
  const loading = useSignal(false)
  const error = useSignal<ErrorData | null>(null)
  const exporting = useSignal(false)
  const filter = useSignal<LogFilter>(NO_FILTER)

  // Recomputed each render, not memoised: `firstPage` is a prop and changes with the snapshot.
  const page = pickPage(fetched.value, firstPage, offset.value, limit.value)
  const activity = useActivity(io, accountId)
  const nextPageNewest = useNextPageNewest(model, accountId, page, activity.value)
  const rows = page ? mergeLogRows(page, activity.value, summary.userId, nextPageNewest.value) : []
  const describe = (logs: Log[]): DescribedLog[] => {
    const context: LogContext = { sessions, familiarIps: familiarIps(logs, sessions) }
    return logs.map((log) => ({ log, entry: describeLog(log, context) }))
  }
  const visible = filterLogs(describe(rows), filter.value)

  useEffect(() => {
    const wanted = { offset: offset.value, limit: limit.value }
    if (page?.offset === wanted.offset && page.limit === wanted.limit) return
    let current = true
    loading.value = true
    void model.request('listLogs', { accountId, ...wanted }).then((reply) => {
      if (!current) return
      loading.value = false
      if (reply.ok) fetched.value = reply.value
      else error.value = reply.error
    })
    return () => {
      current = false
    }
  }, [model, accountId, offset.value, limit.value])

  const shown = page
  const timelineOnly = shown !== null && !shown.supported
  if (timelineOnly && activity.value.length === 0) {
    return (
      <section id="logs" class="card" aria-labelledby="logs-heading">
        <h2 id="logs-heading">{t('sectionSecurityLog')}</h2>
        <p role="status">{t('logsUnsupported')}</p>
      </section>
    )
  }
  const total = shown?.total ?? 0
  const range = shown ? mergedRange(shown, activity.value, rows.length) : { first: 0, last: 0, total: 0 }
  const pageCount = Math.max(1, Math.ceil(total / limit.value))
  const pageNumber = Math.floor(offset.value / limit.value) + 1

  async function exportCsv() {
    exporting.value = true
    const all: Log[] = []
    let supported = true
    for (let at = 0; at === 0 || at < total; at += EXPORT_CHUNK) {
      const reply = await model.request('listLogs', { accountId, offset: at, limit: EXPORT_CHUNK })
      if (!reply.ok) {
        error.value = reply.error
        exporting.value = false
        return
      }
      supported = reply.value.supported
      all.push(...reply.value.logs)
      if (reply.value.logs.length < EXPORT_CHUNK) break
    }
    const whole: LogsPage = { supported, logs: all, offset: 0, limit: all.length, total: all.length }
    const rows = filterLogs(describe(mergeLogRows(whole, activity.value, summary.userId)), filter.value)
    io.download(`lanyard-security-log-${summary.userId}.csv`, 'text/csv', logsToCsv(rows.map((row) => row.log)))
    exporting.value = false
  }

  return (
    <section id="logs" class="card" aria-labelledby="logs-heading">
      <h2 id="logs-heading">{t('sectionSecurityLog')}</h2>
      <div class="log-controls">
        <FilterBox label={t('filterEvent')} filter={filter} field="event" />
        <FilterBox label={t('filterIp')} filter={filter} field="ip" />
        <FilterBox label={t('filterCountry')} filter={filter} field="country" />
        <label class="check unfamiliar-filter">
          <input type="checkbox" checked={filter.value.unfamiliarOnly} onChange={(event) => (filter.value = { ...filter.value, unfamiliarOnly: event.currentTarget.checked })} />
          {t('filterUnfamiliar')}
        </label>
        <label class="field">
          <span class="field-label">{t('pageSize')}</span>
          <select
            value={String(limit.value)}
            onChange={(event) => {
              limit.value = Number(event.currentTarget.value)
              offset.value = 0
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={String(size)}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={exporting.value || rows.length === 0} onClick={() => void exportCsv()}>
          {t('exportCsv')}
        </button>
      </div>
      {timelineOnly ? (
        <p role="status">
          {t('logsUnsupported')} {t('activityOnlyNotice')}
        </p>
      ) : (
        <p class="muted" aria-live="polite">
          {loading.value ? t('loading') : t('logsRange', formatNumber(range.first), formatNumber(range.last), formatNumber(range.total))}
          {!loading.value && visible.length !== rows.length ? ` · ${t('logsShownFiltered', formatNumber(visible.length), formatNumber(rows.length))}` : null}
        </p>
      )}
      {!timelineOnly && activity.value.length > 0 ? <p class="muted">{t('activityMergedNotice')}</p> : null}
      {filter.value.unfamiliarOnly ? <p class="muted">{t('unfamiliarExplain')}</p> : null}
      <div class="scroll-x">
        <div role="table" aria-label={t('sectionSecurityLog')} aria-rowcount={visible.length + 1} class="log-table">
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} class="log-row log-head">
              {[t('columnEvent'), t('columnWhen'), t('columnWho'), t('columnSession')].map((heading) => (
                <span role="columnheader" key={heading}>
                  {heading}
                </span>
              ))}
            </div>
          </div>
          {visible.length === 0 ? (
            <p class="muted">{shown ? t('noEvents') : ''}</p>
          ) : (
            <VirtualList count={visible.length} rowHeightPx={ROW_HEIGHT_PX} viewportHeightPx={VIEWPORT_HEIGHT_PX} renderRow={(index) => <LogRow key={index} row={visible[index]} index={index} nowMs={model.now.value} />} />
          )}
        </div>
      </div>
      <nav class="pager" aria-label={t('logPages')} hidden={timelineOnly}>
        <button type="button" disabled={offset.value === 0 || loading.value} onClick={() => (offset.value = Math.max(0, offset.value - limit.value))}>
          {t('previousPage')}
        </button>
        <span>{t('pageOf', formatNumber(pageNumber), formatNumber(pageCount))}</span>
        <button type="button" disabled={pageNumber >= pageCount || loading.value} onClick={() => (offset.value = offset.value + limit.value)}>
          {t('nextPage')}
        </button>
      </nav>
      <ErrorText error={error} />
    </section>
  )
}

function FilterBox({ label, filter, field }: { label: string; filter: Signal<LogFilter>; field: 'event' | 'ip' | 'country' }) {
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <input type="search" value={filter.value[field]} onInput={(event) => (filter.value = { ...filter.value, [field]: event.currentTarget.value })} />
    </label>
  )
}

function LogRow({ row, index, nowMs }: { row: DescribedLog | undefined; index: number; nowMs: number }) {
  if (!row) return null
  const { log, entry } = row
  return (
    <div role="row" aria-rowindex={index + 2} class="log-row" style={{ height: `${ROW_HEIGHT_PX}px` }} data-event={log.event}>
      <span role="cell" class="log-event">
        <LogEventName entry={entry} />
      </span>
      <span role="cell">
        <LogTime log={log} nowMs={nowMs} />
      </span>
      <span role="cell">
        <LogActor actor={entry.actor} />
      </span>
      <span role="cell">{entry.session ? <LogPlace place={entry.session} /> : <span class="muted">–</span>}</span>
    </div>
  )
}
