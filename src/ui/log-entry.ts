// How one security-log row reads, the same in the popup and on the options page (issue 16): a human
// event name, who acted, which session the event concerned, and whether it came from a place
// Lanyard does not know. The row itself keeps the raw event name (CSV export, filters).
import type { ActivityKind } from '../shared/activity.ts'
import type { Log, Session } from '../shared/protocol.ts'
import { type MessageKey, t } from './i18n.ts'

/** Timeline events appear in the log as `lanyard.<kind>` (src/shared/activity.ts ActivityKind). */
export const ACTIVITY_EVENT_PREFIX = 'lanyard.'

/** A name for every kind of Lanyard's own timeline: a kind added without one fails to typecheck. */
const TIMELINE_NAMES: Record<ActivityKind, MessageKey> = {
  signedIn: 'eventLanyardSignedIn',
  revoked: 'eventLanyardRevoked',
  sessionFirstSeen: 'eventLanyardFirstSeen',
  sessionGone: 'eventLanyardGone',
  actAsStarted: 'eventLanyardActAsStarted',
  actAsStopped: 'eventLanyardActAsStopped',
}

/**
 * Every event Appwrite 1.9.6 writes to an account's log (the `audits.event` labels of its account
 * routes: note the plural `challenges.update`), and every kind of Lanyard's own timeline.
 */
export const EVENT_NAMES: Record<string, MessageKey> = {
  'user.create': 'eventUserCreate',
  'user.update': 'eventUserUpdate',
  'session.create': 'eventSessionCreate',
  'session.update': 'eventSessionUpdate',
  'session.delete': 'eventSessionDelete',
  'recovery.create': 'eventRecoveryCreate',
  'recovery.update': 'eventRecoveryUpdate',
  'verification.create': 'eventVerificationCreate',
  'verification.update': 'eventVerificationUpdate',
  'challenge.create': 'eventChallengeCreate',
  'challenges.update': 'eventChallengeUpdate',
  'identity.delete': 'eventIdentityDelete',
  'target.create': 'eventTargetCreate',
  'target.update': 'eventTargetUpdate',
  'target.delete': 'eventTargetDelete',
  ...Object.fromEntries(Object.entries(TIMELINE_NAMES).map(([kind, key]) => [`${ACTIVITY_EVENT_PREFIX}${kind}`, key])),
}

/** `session.create` names its way in when the session it made is still listed (the log itself does not say). */
const SIGN_IN_BY_PROVIDER: Record<string, MessageKey> = {
  email: 'eventSignedInEmail',
  'magic-url': 'eventSignedInMagicLink',
  phone: 'eventSignedInPhone',
  anonymous: 'eventSignedInAnonymous',
  token: 'eventSignedInCode',
}

/** Where something happened: the device and the network place, as the server recorded them. */
export interface Place {
  device: string
  ip: string
  countryCode: string
  countryName: string
}

export type Actor = { kind: 'you' } | { kind: 'unknown' } | { kind: 'place'; place: Place }

export interface LogEntry {
  name: string
  /** Who made it happen. Server rows: the request's device. Lanyard's rows: you, or the new session. */
  actor: Actor
  /** The session it concerned, where Lanyard knows it (its own timeline rows). */
  session: Place | null
  /** Acted from an address where Lanyard never signed in. */
  unfamiliar: boolean
}

/** What the rest of the page knows that the row does not: the sessions listed now, the addresses Lanyard signed in from. */
export interface LogContext {
  sessions: readonly Session[]
  familiarIps: ReadonlySet<string>
}

const joined = (...parts: string[]) =>
  parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ')

function placeOf(log: Log): Place {
  const client = joined(log.clientName, log.clientVersion)
  const os = joined(log.osName, log.osVersion)
  const device = client && os ? t('sessionTitle', client, os) : client || os || joined(log.deviceBrand, log.deviceModel) || t('unknownDevice')
  const known = log.countryName && log.countryName !== 'Unknown'
  return { device, ip: log.ip, countryCode: log.countryCode, countryName: known ? log.countryName : '' }
}

/** "Firefox 120.0 on Windows 10 · 203.0.113.9 · Germany" */
function placeText(place: Place): string {
  return [place.device, place.ip, place.countryName].filter(Boolean).join(' · ')
}

export function actorText(actor: Actor): string {
  if (actor.kind === 'you') return t('actorYou')
  if (actor.kind === 'unknown') return t('actorUnknown')
  return placeText(actor.place)
}

const SAME_SIGN_IN_MS = 2_000
const timeOf = (value: string) => Date.parse(value.replace(' ', 'T'))

/** The session a `session.create` row made: listed now, created in the same moment from the same address. */
function sessionMadeBy(log: Log, sessions: readonly Session[]): Session | undefined {
  const at = timeOf(log.time)
  return sessions.find((session) => session.ip === log.ip && Math.abs(timeOf(session.$createdAt) - at) <= SAME_SIGN_IN_MS)
}

export function eventName(log: Log, sessions: readonly Session[] = []): string {
  if (log.event === 'session.create') {
    const provider = sessionMadeBy(log, sessions)?.provider
    if (provider) {
      const key = SIGN_IN_BY_PROVIDER[provider]
      return key ? t(key) : t('eventSignedInWith', provider)
    }
  }
  const key = EVENT_NAMES[log.event]
  return key ? t(key) : log.event
}

export function isActivityRow(log: Log): boolean {
  return log.mode === 'lanyard' && log.event.startsWith(ACTIVITY_EVENT_PREFIX)
}

export function describeLog(log: Log, context: LogContext): LogEntry {
  const name = eventName(log, context.sessions)
  const place = placeOf(log)
  const fromElsewhere = place.ip !== '' && !context.familiarIps.has(place.ip)
  if (!isActivityRow(log)) return { name, actor: { kind: 'place', place }, session: null, unfamiliar: fromElsewhere }
  const kind = log.event.slice(ACTIVITY_EVENT_PREFIX.length)
  // The timeline keeps the facts of the session concerned: only a new sign-in also acted from there.
  if (kind === 'sessionFirstSeen') return { name, actor: { kind: 'place', place }, session: place, unfamiliar: fromElsewhere }
  if (kind === 'sessionGone') return { name, actor: { kind: 'unknown' }, session: place, unfamiliar: false }
  return { name, actor: { kind: 'you' }, session: place, unfamiliar: false }
}

/** Where Lanyard itself signed in from: its sign-ins on the timeline and the session it holds now. */
export function familiarIps(logs: readonly Log[], sessions: readonly Session[]): Set<string> {
  const ips = logs.filter((log) => log.event === `${ACTIVITY_EVENT_PREFIX}signedIn`).map((log) => log.ip)
  const own = sessions.filter((session) => session.current).map((session) => session.ip)
  return new Set([...ips, ...own].filter(Boolean))
}
