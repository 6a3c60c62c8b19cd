import { describe, expect, it } from 'vitest'
import { isInternalSender } from './sender.ts'

const self = { id: 'iicjoikicipfiemkmknddoopcgjkpbpb', origin: 'chrome-extension://iicjoikicipfiemkmknddoopcgjkpbpb' }
const popup = { id: self.id, url: `${self.origin}/src/popup/popup.html` }

describe('isInternalSender', () => {
  it('accepts the popup (no tab) and the options page in a tab top frame', () => {
    expect(isInternalSender(popup, self)).toBe(true)
    expect(isInternalSender({ ...popup, tab: { id: 3 }, frameId: 0 }, self)).toBe(true)
  })

  it('rejects another extension, even one claiming our page url', () => {
    expect(isInternalSender({ ...popup, id: 'otherextensionid' }, self)).toBe(false)
  })

  it('rejects a web page or a sender without a url', () => {
    expect(isInternalSender({ id: self.id, url: 'https://evil.example/' }, self)).toBe(false)
    expect(isInternalSender({ id: self.id }, self)).toBe(false)
    expect(isInternalSender({ id: self.id, url: 'not a url' }, self)).toBe(false)
  })

  it('rejects our page when it is framed inside a tab', () => {
    expect(isInternalSender({ ...popup, tab: { id: 3 }, frameId: 7 }, self)).toBe(false)
  })
})
