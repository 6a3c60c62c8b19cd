import { describe, expect, it } from 'vitest'
import { log } from '../../shared/testing/fixtures.ts'
import { filterLogs, logsToCsv } from './logs-csv.ts'

describe('logsToCsv', () => {
  it('quotes separators and defuses spreadsheet formulas from server text', () => {
    const csv = logsToCsv([log({ clientName: 'Evil, "Inc"', deviceName: '=HYPERLINK("x")' })])
    const [header, row] = csv.split('\r\n')
    expect(header).toBe('time,event,ip,countryCode,countryName,clientName,clientVersion,osName,osVersion,deviceName,userEmail')
    expect(row).toContain('"Evil, ""Inc"""')
    expect(row).toContain(`"'=HYPERLINK(""x"")"`)
  })
})

describe('filterLogs', () => {
  it('matches a country by code or by name', () => {
    const logs = [log({ countryCode: 'de', countryName: 'Germany' }), log({ countryCode: 'fr', countryName: 'France' })]
    expect(filterLogs(logs, { event: '', ip: '', country: 'DE' })).toHaveLength(1)
    expect(filterLogs(logs, { event: '', ip: '', country: 'fran' })[0]?.countryCode).toBe('fr')
  })
})
