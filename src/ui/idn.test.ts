import { describe, expect, it } from 'vitest'
import { decodePunycode, idnHost } from './idn.ts'

describe('idnHost', () => {
  it('decodes punycode as the URL parser wrote it', () => {
    for (const unicode of ['bücher.example', 'пример.рф', '例え.テスト', 'аppwrite.io']) {
      const ascii = new URL(`https://${unicode}/v1`).hostname
      expect(ascii).toMatch(/xn--/)
      expect(idnHost(ascii)?.unicode).toBe(unicode)
    }
    expect(decodePunycode('bcher-kva')).toBe('bücher')
  })

  it('flags a label that mixes scripts (a look-alike), not one written in one script', () => {
    expect(idnHost(new URL('https://аppwrite.io').hostname)).toMatchObject({ unicode: 'аppwrite.io', mixedScripts: true })
    expect(idnHost(new URL('https://bücher.example').hostname)?.mixedScripts).toBe(false)
    expect(idnHost(new URL('https://пример.рф').hostname)?.mixedScripts).toBe(false)
  })

  it('has nothing to add for an ASCII host or a malformed label', () => {
    expect(idnHost('cloud.appwrite.io')).toBeNull()
    expect(idnHost('xn--!!.example')).toBeNull()
  })
})
