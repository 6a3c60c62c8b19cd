// User-Agent parsing into matomo's codes and names, and the country table.
import { describe, expect, it } from 'vitest'
import { countryCodeOf, countryNameOf } from './geo.ts'
import { parseUserAgent } from './user-agent.ts'

const CASES: [string, string, Record<string, string>][] = [
  [
    'Chrome on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36',
    { osCode: 'WIN', osName: 'Windows', osVersion: '10', clientCode: 'CH', clientName: 'Chrome', clientVersion: '131.0', clientEngine: 'Blink', deviceName: 'desktop' },
  ],
  [
    'Edge on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
    { clientCode: 'PS', clientName: 'Microsoft Edge', clientVersion: '131.0', clientEngine: 'Blink' },
  ],
  [
    'Firefox on Linux',
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    { osCode: 'LIN', osName: 'GNU/Linux', clientCode: 'FF', clientName: 'Firefox', clientVersion: '133.0', clientEngine: 'Gecko', clientEngineVersion: '133.0', deviceName: 'desktop' },
  ],
  [
    'Firefox on Ubuntu',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    { osCode: 'UBT', osName: 'Ubuntu', clientName: 'Firefox' },
  ],
  [
    'Safari on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    { osCode: 'MAC', osName: 'Mac', osVersion: '10.15', clientCode: 'SF', clientName: 'Safari', clientVersion: '18.1', clientEngine: 'WebKit', clientEngineVersion: '605.1.15', deviceBrand: 'Apple' },
  ],
  [
    'Mobile Safari on iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { osCode: 'IOS', osName: 'iOS', osVersion: '17.5', clientCode: 'MF', clientName: 'Mobile Safari', deviceName: 'smartphone', deviceBrand: 'Apple', deviceModel: 'iPhone' },
  ],
  [
    'Chrome on iPad',
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
    { osCode: 'IPA', osName: 'iPadOS', clientCode: 'CI', clientName: 'Chrome Mobile iOS', clientEngine: 'WebKit', deviceName: 'tablet', deviceModel: 'iPad' },
  ],
  [
    'Chrome Mobile on a Pixel',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    { osCode: 'AND', osName: 'Android', osVersion: '14', clientCode: 'CM', clientName: 'Chrome Mobile', deviceName: 'smartphone', deviceBrand: 'Google', deviceModel: 'Pixel 8' },
  ],
  [
    'Samsung Internet on a Galaxy',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
    { clientCode: 'SB', clientName: 'Samsung Browser', clientVersion: '26.0', deviceBrand: 'Samsung', deviceModel: 'SM-S918B' },
  ],
  [
    'Opera on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 OPR/114.0.0.0',
    { clientCode: 'OP', clientName: 'Opera', clientVersion: '114.0' },
  ],
  ['curl', 'curl/8.5.0', { clientType: 'library', clientName: 'curl', clientVersion: '8.5', osName: '', deviceName: '' }],
]

describe('parseUserAgent', () => {
  it.each(CASES)('reads %s', (_name, userAgent, expected) => {
    expect(parseUserAgent(userAgent)).toMatchObject(expected)
  })

  it('gives empty strings for what it does not know', () => {
    expect(Object.values(parseUserAgent('SomethingElse/1.0'))).toEqual(Array(12).fill(''))
    expect(Object.values(parseUserAgent(''))).toEqual(Array(12).fill(''))
  })
})

describe('countryCodeOf', () => {
  it('maps the documentation blocks to countries and everything else to --', () => {
    expect(countryCodeOf('192.0.2.10')).toBe('DE')
    expect(countryCodeOf('192.0.2.70')).toBe('US')
    expect(countryCodeOf('198.51.100.20')).toBe('BR')
    expect(countryCodeOf('::ffff:203.0.113.200')).toBe('IT')
    expect(countryCodeOf('127.0.0.1')).toBe('--')
    expect(countryCodeOf('10.0.0.5')).toBe('--')
    expect(countryCodeOf('::1')).toBe('--')
    expect(countryNameOf('JP')).toBe('Japan')
    expect(countryNameOf('--')).toBe('Unknown')
  })
})
