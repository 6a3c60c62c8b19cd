// The latest few security events of the active account, with a way to the full log.
import type { AccountSummary } from '../shared/protocol.ts'
import { t } from '../ui/i18n.ts'
import { optionsPageLink } from '../ui/links.ts'
import { describeLog, familiarIps } from '../ui/log-entry.ts'
import { LogActor, LogTime } from '../ui/log-parts.tsx'
import type { Model } from '../ui/model.ts'
import './recent-events.css'

const RECENT_EVENTS = 3

export function RecentEvents({ model, active }: { model: Model; active: AccountSummary }) {
  const page = model.activeSnapshot.value?.logsFirstPage
  if (!page) return null
  const now = model.now.value
  const sessions = model.activeSnapshot.value?.sessions ?? []
  const context = { sessions, familiarIps: familiarIps(page.logs, sessions) }
  return (
    <section class="recent-events" aria-labelledby="events-heading">
      <h2 id="events-heading">{t('recentSecurityEvents')}</h2>
      {!page.supported ? (
        <p class="muted">{t('logsUnsupported')}</p>
      ) : page.logs.length === 0 ? (
        <p class="muted">{t('noEvents')}</p>
      ) : (
        <ul class="events" aria-label={t('recentSecurityEvents')}>
          {page.logs.slice(0, RECENT_EVENTS).map((log, index) => {
            const entry = describeLog(log, context)
            return (
              <li key={index} class="log-line">
                <span class="log-event-name">{entry.name}</span>
                <span class="muted">
                  <LogTime log={log} nowMs={now} />
                </span>
                <span class="log-line-actor">
                  <LogActor actor={entry.actor} />
                </span>
              </li>
            )
          })}
        </ul>
      )}
      <a href={optionsPageLink(`/account/${encodeURIComponent(active.id)}/logs`)} target="_blank" rel="noopener">
        {t('fullSecurityLog')}
      </a>
    </section>
  )
}
