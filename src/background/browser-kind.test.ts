import { describe, expect, it } from 'vitest'
import { browserKindOf, platformFor } from './browser-kind.ts'

const alert = { type: 'basic' as const, iconUrl: 'i.png', title: 't', message: 'm', buttons: [{ title: 'Revoke' }], requireInteraction: true }

describe('platform', () => {
  it('tells the browser from the extension URL scheme', () => {
    expect(browserKindOf('chrome-extension://abcdefghijklmnopabcdefghijklmnop/')).toBe('chrome')
    expect(browserKindOf('moz-extension://0a33b27b-1111-2222-3333-444455556666/')).toBe('firefox')
  })

  it('keeps notification buttons in Chrome', () => {
    expect(platformFor('chrome-extension://abc/').notificationOptions(alert)).toEqual(alert)
  })

  it('drops the fields Firefox rejects, keeping the rest', () => {
    expect(platformFor('moz-extension://0a33b27b-1111-2222-3333-444455556666/').notificationOptions(alert)).toEqual({
      type: 'basic',
      iconUrl: 'i.png',
      title: 't',
      message: 'm',
    })
  })
})
