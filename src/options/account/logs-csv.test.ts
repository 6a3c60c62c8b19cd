import { describe, expect, it } from 'vitest'
import { log } from '../../shared/testing/fixtures.ts'
import { logsToCsv } from './logs-csv.ts'

describe('logsToCsv', () => {
  it('quotes every cell and defuses spreadsheet formulas from server text', () => {
    const csv = logsToCsv([log({ clientName: 'Evil, "Inc"', deviceName: '=HYPERLINK("x")', osName: "x;=cmd|' /C calc'!A0" })])
    const [header, row] = csv.split('\r\n')
    expect(header).toBe('time,event,ip,countryCode,countryName,clientName,clientVersion,osName,osVersion,deviceName,userEmail')
    expect(row).toContain('"Evil, ""Inc"""')
    expect(row).toContain(`"'=HYPERLINK(""x"")"`)
    // A `;` separator would split an unquoted cell and start a formula in the next one.
    expect(row).toContain(`"x;=cmd|' /C calc'!A0"`)
    expect(row?.replace('"Evil, ""Inc"""', '"x"').split(',').every((c) => /^".*"$/.test(c))).toBe(true)
  })

  it('neutralises a formula after leading whitespace, a non-breaking space or in full-width form', () => {
    const formulas = [' =1+1', '\u00a0=1+1', '\u3000+1', '\t@SUM(A1)', '＝1+1', ' ＋1', '－1', '＠SUM(A1)', '\r=1']
    for (const deviceName of formulas) {
      const row = logsToCsv([log({ deviceName })]).split('\r\n').slice(1).join('\r\n')
      expect(row, JSON.stringify(deviceName)).toContain(`"'${deviceName}"`)
    }
    const plain = logsToCsv([log({ deviceName: 'Pixel 8 = phone' })]).split('\r\n')[1] ?? ''
    expect(plain).toContain('"Pixel 8 = phone"')
  })
})
