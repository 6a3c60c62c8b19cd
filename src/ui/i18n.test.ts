import { describe, expect, it } from 'vitest'
import german from '../../public/_locales/de/messages.json'
import english from '../../public/_locales/en/messages.json'

const substitutions = (message: string) => [...message.matchAll(/\$(\d)/g)].map((m) => m[1]).sort()

describe('locales', () => {
  it('German has exactly the English keys, none empty, with the same substitutions', () => {
    const en: Record<string, { message: string }> = english
    const de: Record<string, { message: string }> = german
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
    for (const [key, { message }] of Object.entries(de)) {
      expect(message.trim(), key).not.toBe('')
      expect(substitutions(message), key).toEqual(substitutions(en[key]?.message ?? ''))
    }
  })

  it('keeps the keys the manifest references', () => {
    for (const key of ['extName', 'extDescription', 'commandOpenPopup', 'commandSwitchNext']) expect(english).toHaveProperty(key)
  })
})
