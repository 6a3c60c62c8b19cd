import { afterEach, describe, expect, it } from 'vitest'
import german from '../../public/_locales/de/messages.json'
import english from '../../public/_locales/en/messages.json'
import { setMessageSource, tCount } from './i18n.ts'
import { englishMessages } from './testing/english.ts'

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

describe('plural forms', () => {
  afterEach(() => setMessageSource(englishMessages))

  it('picks the form for the count in the page language, the count written as that language writes it', () => {
    setMessageSource(englishMessages)
    expect(tCount('alertsChecked', 1)).toBe('Checked 1 account.')
    expect(tCount('alertsChecked', 0)).toBe('Checked 0 accounts.')
    expect(tCount('alertsChecked', 1200)).toBe('Checked 1,200 accounts.')
    const de: Record<string, { message: string }> = german
    setMessageSource((key, substitutions) => (de[key]?.message ?? '').replace('$1', substitutions[0] ?? ''), 'de')
    expect(tCount('alertsChecked', 1)).toBe('1 Konto geprüft.')
    expect(tCount('alertsChecked', 1200)).toBe('1.200 Konten geprüft.')
  })

  it('falls back to the other form for a category the catalogue lacks', () => {
    // Polish has "few" for 2-4; the catalogue has only one and other.
    setMessageSource(englishMessages, 'pl')
    expect(tCount('alertsChecked', 3)).toBe('Checked 3 accounts.')
  })

  it('has both forms of every plural message in both languages', () => {
    const bases = Object.keys(english).filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -'_other'.length))
    expect(bases.length).toBeGreaterThan(0)
    for (const base of bases) expect(english, base).toHaveProperty(`${base}_one`)
  })
})
