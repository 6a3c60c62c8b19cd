import { describe, expect, it } from 'vitest'
import { ACTIVITY_LIMIT, appendActivity, sessionFacts, type ActivityEvent } from './activity.ts'

const event = (at: number): ActivityEvent => ({ at, kind: 'sessionFirstSeen', sessionId: `s${at}` })

describe('activity timeline', () => {
  it('keeps only the newest 1,000 events per account', () => {
    const full = Array.from({ length: ACTIVITY_LIMIT }, (_, i) => event(i))
    const next = appendActivity(full, [event(5000), event(5001)])
    expect(next).toHaveLength(1000)
    expect(next[0]?.at).toBe(2)
    expect(next.at(-1)?.at).toBe(5001)
  })

  it('keeps events in time order when a late observation arrives', () => {
    expect(appendActivity([event(10), event(30)], [event(20)]).map((e) => e.at)).toEqual([10, 20, 30])
  })

  it('keeps the descriptive fields of a session and nothing else', () => {
    const session = { $id: 's1', ip: '10.0.0.1', osName: 'Linux', osVersion: '', clientName: 'Chrome', clientVersion: '1', deviceName: 'desktop',
      deviceBrand: '', deviceModel: '', countryCode: 'de', countryName: 'Germany', secret: 'x' }
    expect(sessionFacts(session)).toEqual({ sessionId: 's1', ip: '10.0.0.1', osName: 'Linux', clientName: 'Chrome', clientVersion: '1',
      deviceName: 'desktop', countryCode: 'de', countryName: 'Germany' })
  })
})
