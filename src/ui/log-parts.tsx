// The parts of a security-log row as both pages draw them (issue 16): what happened (tagged when it
// came from an address Lanyard never signed in from), where (device, then flag, address and
// country), who acted, and when.
import type { Log } from '../shared/protocol.ts'
import { Flag } from './flag.tsx'
import { parseAppwriteTime } from './format.ts'
import { t } from './i18n.ts'
import { type Actor, actorText, type LogEntry, type Place } from './log-entry.ts'
import { RelativeTime } from './relative-time.tsx'
import './log-parts.css'

export function LogPlace({ place }: { place: Place }) {
  return (
    <span class="log-place">
      <span class="log-device">{place.device}</span>
      <span class="log-where muted">
        <Flag code={place.countryCode} name={place.countryName} /> {[place.ip, place.countryName].filter(Boolean).join(' · ')}
      </span>
    </span>
  )
}

export function LogActor({ actor }: { actor: Actor }) {
  return actor.kind === 'place' ? <LogPlace place={actor.place} /> : <span class={actor.kind === 'you' ? 'log-you' : 'muted'}>{actorText(actor)}</span>
}

export function LogTime({ log, nowMs }: { log: Log; nowMs: number }) {
  const at = parseAppwriteTime(log.time)
  return at === null ? null : <RelativeTime ms={at} nowMs={nowMs} />
}

/** The event's name and, where it came from an unfamiliar address, the tag that says so. */
export function LogEventName({ entry }: { entry: LogEntry }) {
  return (
    <>
      <span class="log-event-name">{entry.name}</span>
      {entry.unfamiliar ? <span class="badge bad">{t('unfamiliarTag')}</span> : null}
    </>
  )
}
