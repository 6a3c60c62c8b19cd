// What the worker knows of each account's sessions between two listings, to tell a new session
// (an alert, and "first seen" on the timeline) from one it saw before, and a session that is gone.
// Pure: the caller loads and stores the `SessionWatch` record.
import type { Session } from '../appwrite/models.ts'
import { sessionFacts, type SessionFacts, type SessionWatch } from '../shared/activity.ts'

export const EMPTY_WATCH: SessionWatch = { known: null, own: [] }

/** Enough to cover every sign-in Lanyard did on one account that could still be listed. */
const OWN_LIMIT = 50
/** Enough for the revokes whose stale listings can still land: one project's session limit. */
const ENDED_LIMIT = 100

export interface Observation {
  watch: SessionWatch
  /** Never seen before and not created by Lanyard. */
  firstSeen: SessionFacts[]
  gone: SessionFacts[]
}

/**
 * Compares a fresh listing with what was known. The first listing of an account is the baseline:
 * the sessions that existed when it was added are not news.
 */
export function observeSessions(previous: SessionWatch, listed: readonly Session[], heldSessionId: string): Observation {
  const ended = new Set(previous.ended ?? [])
  const current = listed.map(sessionFacts).filter((s) => !ended.has(s.sessionId))
  const watch: SessionWatch = { ...previous, known: current }
  if (previous.known === null) return { watch, firstSeen: [], gone: [] }
  const knownIds = new Set(previous.known.map((s) => s.sessionId))
  const currentIds = new Set(current.map((s) => s.sessionId))
  const ownIds = new Set([...previous.own, heldSessionId])
  return {
    watch,
    firstSeen: current.filter((s) => !knownIds.has(s.sessionId) && !ownIds.has(s.sessionId)),
    gone: previous.known.filter((s) => !currentIds.has(s.sessionId)),
  }
}

/** Records a session Lanyard created, before any listing can show it. */
export function noteOwnSession(previous: SessionWatch, sessionId: string): SessionWatch {
  const own = [...previous.own.filter((id) => id !== sessionId), sessionId]
  return { ...previous, own: own.slice(Math.max(0, own.length - OWN_LIMIT)) }
}

/** Records sessions Lanyard revoked, so that a listing fetched before the revoke neither alerts on them nor knows them again. */
export function noteEnded(previous: SessionWatch, sessionIds: Iterable<string>): SessionWatch {
  const ids = new Set(sessionIds)
  const ended = [...(previous.ended ?? []).filter((id) => !ids.has(id)), ...ids]
  return { ...previous, ended: ended.slice(Math.max(0, ended.length - ENDED_LIMIT)) }
}
