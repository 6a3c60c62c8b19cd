import { describe, expect, it } from 'vitest'
import { sessionFacts } from './activity.ts'

describe('activity timeline', () => {
  it('keeps the descriptive fields of a session and nothing else', () => {
    const session = { $id: 's1', ip: '10.0.0.1', osName: 'Linux', osVersion: '', clientName: 'Chrome', clientVersion: '1', deviceName: 'desktop',
      deviceBrand: '', deviceModel: '', countryCode: 'de', countryName: 'Germany', secret: 'x' }
    expect(sessionFacts(session)).toEqual({ sessionId: 's1', ip: '10.0.0.1', osName: 'Linux', clientName: 'Chrome', clientVersion: '1',
      deviceName: 'desktop', countryCode: 'de', countryName: 'Germany' })
  })
})
