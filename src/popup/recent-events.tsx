// The latest few security events of the active account, with a way to the full log. They are the
// options page's Security log in brief: the server's first page where it keeps a log (1.9.6), merged
// with Lanyard's own timeline, which is all there is on Appwrite 2.x and Cloud (docs/appwrite/wire.md
// section 3.2): there it is the main security signal, not a fallback.
import type { AccountSummary, Log, LogsPage } from '../shared/protocol.ts'
import { t } from '../ui/i18n.ts'
import { optionsPageLink } from '../ui/links.ts'
import { describeLog, familiarIps, type LogContext } from '../ui/log-entry.ts'
import { LogActor, LogEventName, LogPlace, LogTime } from '../ui/log-parts.tsx'
import { mergeLogRows } from '../ui/log-rows.ts'
import type { Model } from '../ui/model.ts'
import type { PageIO } from '../ui/page-io.ts'
import { useActivity } from '../ui/use-activity.ts'
import './recent-events.css'

/** Three rows of up to three lines fit the 600 px popup below the switcher without scrolling. */
const RECENT_EVENTS = 3

/** Before the first refresh the snapshot has no page yet: the timeline alone is still worth showing. */
const NO_SERVER_LOGS_YET: LogsPage = { supported: true, logs: [], offset: 0, limit: 0, total: 0 }

interface Props {
  model: Model
  io: PageIO
  active: AccountSummary
}

export function RecentEvents({ model, io, active }: Props) {
  const activity = useActivity(io, active.id)
  const snapshot = model.activeSnapshot.value
  const page = snapshot?.logsFirstPage ?? NO_SERVER_LOGS_YET
  const sessions = snapshot?.sessions ?? []
  const rows = mergeLogRows(page, activity.value, active.userId)
  // Familiar addresses come from every merged row (Lanyard's sign-ins included), as on the options page.
  const context: LogContext = { sessions, familiarIps: familiarIps(rows, sessions) }
  const recent = rows.slice(0, RECENT_EVENTS)
  return (
    <section class="recent-events" aria-labelledby="events-heading">
      <h2 id="events-heading">{t('recentSecurityEvents')}</h2>
      {recent.length === 0 ? (
        <p class="muted">{t('noEventsYet')}</p>
      ) : (
        <>
          {page.supported ? null : <p class="muted">{t('eventsLanyardRecorded')}</p>}
          <ul class="events" aria-label={t('recentSecurityEvents')}>
            {recent.map((log, index) => (
              <EventLine key={index} log={log} context={context} nowMs={model.now.value} />
            ))}
          </ul>
        </>
      )}
      <a href={optionsPageLink(`/account/${encodeURIComponent(active.id)}/logs`)} target="_blank" rel="noopener">
        {t('fullSecurityLog')}
      </a>
    </section>
  )
}

/** What happened and when; who acted; and the session it concerned when that is not who acted. */
function EventLine({ log, context, nowMs }: { log: Log; context: LogContext; nowMs: number }) {
  const entry = describeLog(log, context)
  // Act-as events keep no facts of the operator's session: no address, nothing to show.
  const session = entry.session && entry.actor.kind !== 'place' && entry.session.ip !== '' ? entry.session : null
  return (
    <li class="log-line" data-event={log.event}>
      <span class="log-event">
        <LogEventName entry={entry} />
      </span>
      <span class="muted">
        <LogTime log={log} nowMs={nowMs} />
      </span>
      <span class="log-line-actor">
        <LogActor actor={entry.actor} />
      </span>
      {session ? (
        <span class="log-line-actor">
          <LogPlace place={session} />
        </span>
      ) : null}
    </li>
  )
}
