// Lanyard's own record of security activity per account (issue 5): what the worker observed and
// what it did. Appwrite removed `GET /account/logs` after 1.9.6 and Appwrite Cloud writes no such
// logs, so this timeline is what the Security log view can always show.
import type { Session } from '../appwrite/models.ts'

export type ActivityKind =
  /** A session the worker had not seen before appeared in the account's list. */
  | 'sessionFirstSeen'
  /** A session the worker had seen is no longer listed (expired, revoked elsewhere). */
  | 'sessionGone'
  /** Lanyard signed in (created this session). */
  | 'signedIn'
  /** Lanyard revoked this session. */
  | 'revoked'
  /** The account (an operator) started acting as another user (issue 15): `actingAs` says whom and where. */
  | 'actAsStarted'
  /** That act-as ended: stopped, restored, the tab left the app, or Lanyard locked. */
  | 'actAsStopped'

/** The descriptive fields of a session that an event keeps; never its secret. */
export const SESSION_FACTS = [
  'ip',
  'osName',
  'osVersion',
  'clientName',
  'clientVersion',
  'deviceName',
  'deviceBrand',
  'deviceModel',
  'countryCode',
  'countryName',
] as const satisfies readonly (keyof Session)[]

export type SessionFacts = { sessionId: string } & Partial<Record<(typeof SESSION_FACTS)[number], string>>

/** Whom an operator acted as, and where: in Lanyard's pages, or in a tab of `appOrigin`. */
export interface ActAsFacts {
  targetUserId: string
  /** The target's email, else phone, else id. */
  target: string
  where: 'page' | 'tab'
  appOrigin?: string
}

export interface ActivityEvent extends SessionFacts {
  /** Epoch milliseconds. */
  at: number
  kind: ActivityKind
  /** With `actAsStarted` and `actAsStopped`; `sessionId` is then the operator's held session. */
  actingAs?: ActAsFacts
}

/** What the worker knows of an account's sessions between two listings (src/background/session-watch.ts). */
export interface SessionWatch {
  /** The sessions of the last listing; `null` until the first one, which only sets the baseline. */
  known: SessionFacts[] | null
  /** Sessions Lanyard itself created: they never alert. */
  own: string[]
  /**
   * Sessions Lanyard revoked (absent in records written before it was added). A listing fetched
   * before a revoke and recorded after it still shows them: they are neither new nor known again.
   */
  ended?: string[]
}

export function sessionFacts(session: Pick<Session, '$id' | (typeof SESSION_FACTS)[number]>): SessionFacts {
  const facts: SessionFacts = { sessionId: session.$id }
  for (const field of SESSION_FACTS) if (session[field]) facts[field] = session[field]
  return facts
}
