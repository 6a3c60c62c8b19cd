import { describe, expect, it } from 'vitest'
import type { Session } from '../appwrite/models.ts'
import { afterRevoke } from './session-alerts.ts'
import { EMPTY_WATCH, noteEnded, noteOwnSession, observeSessions } from './session-watch.ts'

const session = (id: string, extra: Partial<Session> = {}) => ({ $id: id, ip: '127.0.0.1', clientName: 'Chrome', ...extra }) as Session

describe('session watch', () => {
  it('takes the first listing as the baseline: nothing is news', () => {
    const seen = observeSessions(EMPTY_WATCH, [session('a'), session('b')], 'a')
    expect(seen.firstSeen).toEqual([])
    expect(seen.gone).toEqual([])
    expect(seen.watch.known?.map((s) => s.sessionId)).toEqual(['a', 'b'])
  })

  it('finds sessions never seen before and sessions that are gone', () => {
    const base = observeSessions(EMPTY_WATCH, [session('a'), session('b', { ip: '10.0.0.2' })], 'a').watch
    const next = observeSessions(base, [session('a'), session('c', { countryName: 'Germany' })], 'a')
    expect(next.firstSeen).toEqual([{ sessionId: 'c', ip: '127.0.0.1', clientName: 'Chrome', countryName: 'Germany' }])
    expect(next.gone).toEqual([{ sessionId: 'b', ip: '10.0.0.2', clientName: 'Chrome' }])
    expect(observeSessions(next.watch, [session('a'), session('c')], 'a').firstSeen).toEqual([])
  })

  it('never reports a session Lanyard created, whether recorded as its own or held now', () => {
    const base = noteOwnSession(observeSessions(EMPTY_WATCH, [session('a')], 'a').watch, 'mine')
    const next = observeSessions(base, [session('a'), session('mine'), session('held')], 'held')
    expect(next.firstSeen).toEqual([])
  })

  it('does not take a session Lanyard revoked for a new one when a listing fetched before the revoke lands after it', () => {
    const base = observeSessions(EMPTY_WATCH, [session('held'), session('x')], 'held').watch
    const revoked = afterRevoke(base, ['x'], 1)?.watch ?? base
    const stale = observeSessions(revoked, [session('held'), session('x')], 'held')
    expect(stale.firstSeen).toEqual([])
    expect(stale.watch.known?.map((s) => s.sessionId)).toEqual(['held'])
    // Nor is it reported gone by the next, fresh listing: the revoke already said so.
    expect(observeSessions(stale.watch, [session('held')], 'held').gone).toEqual([])
  })

  it('keeps a bounded list of the sessions it revoked, newest last', () => {
    let watch = EMPTY_WATCH
    for (let i = 0; i < 120; i++) watch = noteEnded(watch, [`s${i}`])
    expect(watch.ended).toHaveLength(100)
    expect(watch.ended?.at(-1)).toBe('s119')
    expect(watch.ended?.[0]).toBe('s20')
  })

  it('keeps a bounded list of its own sessions', () => {
    let watch = EMPTY_WATCH
    for (let i = 0; i < 60; i++) watch = noteOwnSession(watch, `s${i}`)
    expect(watch.own).toHaveLength(50)
    expect(watch.own.at(-1)).toBe('s59')
  })
})
