// The security log: pages from the server (Appwrite pages logs by limit/offset only, docs/appwrite/wire.md
// section 3.2) merged with Lanyard's own activity timeline (alone where the server keeps no logs),
// filters over the loaded page, a windowed table, and CSV export of the whole log.
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { AccountSummary, ErrorData, Log, LogsPage } from '../../shared/protocol.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { Flag } from '../../ui/flag.tsx'
import { dateTime, formatNumber } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { VirtualList } from '../../ui/virtual-list.tsx'
import { mergeLogRows } from './log-rows.ts'
import { filterLogs, logsToCsv } from './logs-csv.ts'
import { useActivity, useNextPageNewest } from './use-activity.ts'

/** Appwrite serves at most 100 log entries per request (docs/appwrite/wire.md section 3), and the worker enforces it. */
export const PAGE_SIZES = [25, 50, 100]
const ROW_HEIGHT_PX = 34
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
}

export function LogsSection({ model, io, summary, firstPage }: Props) {
  const accountId = summary.id
  const limit = useSignal(PAGE_SIZES[0] ?? 25)
  const offset = useSignal(0)
  const fetched = useSignal<LogsPage | null>(null)
  const loading = useSignal(false)
  const error = useSignal<ErrorData | null>(null)
  const exporting = useSignal(false)
  const eventFilter = useSignal('')
  const ipFilter = useSignal('')
  const countryFilter = useSignal('')

  // Recomputed each render, not memoised: `firstPage` is a prop and changes with the snapshot.
  const page = pickPage(fetched.value, firstPage, offset.value, limit.value)
  const activity = useActivity(io, accountId)
  const nextPageNewest = useNextPageNewest(model, accountId, page, activity.value)
  const rows = page ? mergeLogRows(page, activity.value, summary.userId, nextPageNewest.value) : []
  const visible = filterLogs(rows, { event: eventFilter.value, ip: ipFilter.value, country: countryFilter.value })

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
    const rows = filterLogs(mergeLogRows(whole, activity.value, summary.userId), { event: eventFilter.value, ip: ipFilter.value, country: countryFilter.value })
    io.download(`lanyard-security-log-${summary.userId}.csv`, 'text/csv', logsToCsv(rows))
    exporting.value = false
  }

  return (
    <section id="logs" class="card" aria-labelledby="logs-heading">
      <h2 id="logs-heading">{t('sectionSecurityLog')}</h2>
      <div class="log-controls">
        <FilterBox label={t('filterEvent')} value={eventFilter} />
        <FilterBox label={t('filterIp')} value={ipFilter} />
        <FilterBox label={t('filterCountry')} value={countryFilter} />
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
          {loading.value ? t('loading') : t('logsRange', formatNumber(total === 0 ? 0 : offset.value + 1), formatNumber(Math.min(total, offset.value + limit.value)), formatNumber(total))}
        </p>
      )}
      {!timelineOnly && activity.value.length > 0 ? <p class="muted">{t('activityMergedNotice')}</p> : null}
      <div role="table" aria-label={t('sectionSecurityLog')} aria-rowcount={visible.length + 1} class="log-table">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} class="log-row log-head">
            {[t('columnEvent'), t('columnTime'), t('columnIp'), t('columnCountry'), t('columnClient'), t('columnOs')].map((heading) => (
              <span role="columnheader" key={heading}>
                {heading}
              </span>
            ))}
          </div>
        </div>
        {visible.length === 0 ? (
          <p class="muted">{shown ? t('noEvents') : ''}</p>
        ) : (
          <VirtualList count={visible.length} rowHeightPx={ROW_HEIGHT_PX} viewportHeightPx={VIEWPORT_HEIGHT_PX} renderRow={(index) => <LogRow key={index} log={visible[index]} index={index} />} />
        )}
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

function FilterBox({ label, value }: { label: string; value: { value: string } }) {
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <input type="search" value={value.value} onInput={(event) => (value.value = event.currentTarget.value)} />
    </label>
  )
}

function LogRow({ log, index }: { log: Log | undefined; index: number }) {
  if (!log) return null
  return (
    <div role="row" aria-rowindex={index + 2} class="log-row" style={{ height: `${ROW_HEIGHT_PX}px` }}>
      <span role="cell" class="mono">
        {log.event}
      </span>
      <span role="cell">{dateTime(log.time)}</span>
      <span role="cell">{log.ip}</span>
      <span role="cell">
        <Flag code={log.countryCode} name={log.countryName} /> {log.countryName}
      </span>
      <span role="cell">{[log.clientName, log.clientVersion].join(' ').trim()}</span>
      <span role="cell">{[log.osName, log.osVersion].join(' ').trim()}</span>
    </div>
  )
}
