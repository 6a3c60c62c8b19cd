import { beforeEach, describe, expect, it } from 'vitest'
import { log, session } from '../shared/testing/fixtures.ts'
import { actorText, describeLog, EVENT_NAMES, eventName, familiarIps } from './log-entry.ts'
import { setMessageSource } from './i18n.ts'
import { englishMessages } from './testing/english.ts'

beforeEach(() => setMessageSource(englishMessages))

const none = { sessions: [], familiarIps: new Set<string>() }
const lanyard = (kind: string, ip = '203.0.113.9') => log({ event: `lanyard.${kind}`, mode: 'lanyard', ip, countryName: 'France', countryCode: 'fr' })

describe('security log entries', () => {
  it('names every event Appwrite 1.9.6 logs and every timeline kind in words, never the raw name', () => {
    for (const event of Object.keys(EVENT_NAMES)) {
      const name = eventName(log({ event }))
      expect(name, event).not.toBe(event)
      expect(name, event).not.toMatch(/^[a-z]+\.[a-zA-Z]+$/)
    }
    expect(eventName(log({ event: 'session.delete' }))).toBe('Session ended')
    expect(eventName(lanyard('revoked'))).toBe('Revoked by you in Lanyard')
    expect(eventName(lanyard('sessionFirstSeen'))).toBe('New sign-in seen by Lanyard')
    expect(eventName(lanyard('actAsStarted'))).toBe('Started acting as a user')
    expect(eventName(lanyard('actAsStopped'))).toBe('Stopped acting as a user')
  })

  it('keeps an event it does not know as the server named it', () => {
    expect(eventName(log({ event: 'passkey.create' }))).toBe('passkey.create')
  })

  it('names the way in of a sign-in whose session is still listed', () => {
    const row = log({ event: 'session.create', time: '2026-01-02T10:00:00.000+00:00' })
    const listed = (provider: string) => [session({ provider, ip: row.ip, $createdAt: '2026-01-02T10:00:01.000+00:00' })]
    expect(eventName(row, listed('email'))).toBe('Signed in with email')
    expect(eventName(row, listed('github'))).toBe('Signed in with github')
    expect(eventName(row, [session({ provider: 'email', ip: '198.51.100.1', $createdAt: row.time })])).toBe('Signed in')
  })

  it('keeps who acted apart from the session it concerned', () => {
    const revoked = describeLog(lanyard('revoked'), none)
    expect(actorText(revoked.actor)).toBe('You, in Lanyard')
    expect(revoked.session).toMatchObject({ ip: '203.0.113.9', countryName: 'France' })
    const gone = describeLog(lanyard('sessionGone'), none)
    expect(gone.actor.kind).toBe('unknown')
    const server = describeLog(log({ event: 'user.update' }), none)
    expect(actorText(server.actor)).toBe('Chrome 156 on Linux 6 · 203.0.113.7 · Germany')
    expect(server.session).toBeNull()
  })

  it('calls unfamiliar what came from an address Lanyard never signed in from; its own actions never', () => {
    const rows = [lanyard('signedIn', '10.0.0.1'), log({ ip: '10.0.0.1' }), log({ ip: '198.51.100.7' }), lanyard('sessionFirstSeen', '198.51.100.8'), lanyard('revoked', '198.51.100.9')]
    const context = { sessions: [session({ current: true, ip: '10.0.0.2' })], familiarIps: familiarIps(rows, [session({ current: true, ip: '10.0.0.2' })]) }
    expect([...context.familiarIps].sort()).toEqual(['10.0.0.1', '10.0.0.2'])
    expect(rows.map((row) => describeLog(row, context).unfamiliar)).toEqual([false, false, true, true, false])
  })
})
