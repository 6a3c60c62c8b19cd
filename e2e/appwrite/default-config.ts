// What `npm run server` and `npm start` serve: a demo project whose users already have sessions on
// several devices and countries and a history of log events, plus a second project.
// Demo passwords are public on purpose: this data exists only on a local test server.
import type { ConfigObject } from './config.ts'

export const DEMO_PASSWORD = 'lanyard-demo'
export const DEMO_API_KEY = 'standard_demo_0123456789abcdef'
export const STAGING_API_KEY = 'standard_staging_0123456789abcdef'

const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  chromePixel: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  samsungGalaxy: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
}

/** Addresses from the blocks geo.ts maps to countries. */
const IP = {
  germany: '192.0.2.10',
  unitedStates: '192.0.2.70',
  france: '192.0.2.130',
  japan: '192.0.2.200',
  brazil: '198.51.100.20',
  unitedKingdom: '198.51.100.80',
  india: '198.51.100.140',
  netherlands: '203.0.113.70',
}

export const defaultConfig: ConfigObject = {
  // The demo runs 2.x, like Appwrite Cloud; configs that name no version get 1.9.6.
  version: '2.7.1',
  rateLimits: true,
  projects: [
    {
      $id: 'demo',
      name: 'Demo project',
      platforms: [{ type: 'web', hostname: 'localhost', name: 'Local web app' }],
      keys: [{ secret: DEMO_API_KEY, name: 'Demo server key' }],
      auths: { mockNumbers: [{ phone: '+15555550100', otp: '123456' }] },
      oauth2: { mock: true },
      users: [
        {
          $id: 'ada',
          email: 'ada@example.com',
          password: DEMO_PASSWORD,
          name: 'Ada Lovelace',
          phone: '+4915112345678',
          emailVerification: true,
          labels: ['admin'],
          prefs: { theme: 'dark', language: 'en' },
          registeredHoursAgo: 24 * 90,
          devices: [
            { userAgent: UA.chromeWindows, ip: IP.germany, hoursAgo: 2 },
            { userAgent: UA.safariIphone, ip: IP.france, hoursAgo: 26 },
            { userAgent: UA.firefoxLinux, ip: IP.unitedStates, hoursAgo: 72 },
            { userAgent: UA.edgeWindows, ip: IP.unitedKingdom, hoursAgo: 240, signedOut: true },
            { userAgent: UA.safariIpad, ip: IP.japan, hoursAgo: 400 },
          ],
          // 2.x connected apps and passkeys (docs/appwrite/wire-2x.md section 3.1).
          consents: [
            { $id: 'notes-consent', appId: 'notes', scopes: ['openid', 'email', 'profile'], tokens: [{ $id: 'notes-laptop', scopes: ['openid', 'email'] }, { $id: 'notes-phone', scopes: ['openid'] }] },
            { $id: 'calendar-consent', appId: 'calendar', scopes: ['openid', 'account.read'], resources: ['https://calendar.example.com/api'] },
          ],
          passkeys: [{ $id: 'yubikey', name: 'YubiKey 5C' }],
        },
        {
          $id: 'grace',
          email: 'grace@example.com',
          password: DEMO_PASSWORD,
          name: 'Grace Hopper',
          emailVerification: true,
          prefs: { theme: 'light' },
          registeredHoursAgo: 24 * 40,
          devices: [
            { userAgent: UA.safariMac, ip: IP.unitedStates, hoursAgo: 5 },
            { userAgent: UA.chromePixel, ip: IP.brazil, hoursAgo: 30 },
            { userAgent: UA.samsungGalaxy, ip: IP.india, hoursAgo: 100, signedOut: true },
          ],
        },
        {
          $id: 'alan',
          email: 'alan@example.com',
          password: DEMO_PASSWORD,
          name: 'Alan Turing',
          registeredHoursAgo: 24 * 3,
          devices: [{ userAgent: UA.firefoxLinux, ip: IP.unitedKingdom, hoursAgo: 1 }],
        },
        {
          $id: 'mallory',
          email: 'mallory@example.com',
          password: DEMO_PASSWORD,
          name: 'Mallory (blocked)',
          status: false,
          devices: [{ userAgent: UA.chromeWindows, ip: IP.netherlands, hoursAgo: 50 }],
        },
      ],
    },
    {
      $id: 'staging',
      name: 'Staging',
      platforms: [{ type: 'web', hostname: 'localhost', name: 'Local web app' }],
      keys: [{ secret: STAGING_API_KEY, name: 'Staging server key' }],
      oauth2: { mock: true },
      users: [
        {
          $id: 'ada-staging',
          email: 'ada@example.com',
          password: DEMO_PASSWORD,
          name: 'Ada Lovelace',
          devices: [{ userAgent: UA.chromeWindows, ip: IP.germany, hoursAgo: 20 }],
        },
      ],
    },
  ],
}
