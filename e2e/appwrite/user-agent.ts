// User-Agent -> the os/client/device fields of sessions and logs. Appwrite runs matomo's
// device-detector; this hand-written parser knows the common browsers and systems and uses
// matomo's codes and names, with its default version truncation (major.minor). Anything it does
// not recognise gives empty strings, as Appwrite does for an undetected client.

export interface DeviceInfo {
  osCode: string
  osName: string
  osVersion: string
  clientType: string
  clientCode: string
  clientName: string
  clientVersion: string
  clientEngine: string
  clientEngineVersion: string
  deviceName: string
  deviceBrand: string
  deviceModel: string
}

const EMPTY: DeviceInfo = {
  osCode: '',
  osName: '',
  osVersion: '',
  clientType: '',
  clientCode: '',
  clientName: '',
  clientVersion: '',
  clientEngine: '',
  clientEngineVersion: '',
  deviceName: '',
  deviceBrand: '',
  deviceModel: '',
}

const cache = new Map<string, DeviceInfo>()
const CACHE_LIMIT = 500

/** Parsing is cached: a client sends the same User-Agent on every request. */
export function parseUserAgent(userAgent: string): DeviceInfo {
  const cached = cache.get(userAgent)
  if (cached) return cached
  const info = { ...EMPTY, ...parseOs(userAgent), ...parseClient(userAgent), ...parseDevice(userAgent) }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(userAgent, info)
  return info
}

/** "124.0.6367.91" -> "124.0"; "10_15_7" -> "10.15". */
function truncate(version: string | undefined): string {
  if (!version) return ''
  const parts = version.replace(/_/g, '.').split('.')
  return parts.slice(0, 2).join('.')
}

const WINDOWS_NT: Record<string, string> = { '10.0': '10', '6.3': '8.1', '6.2': '8', '6.1': '7', '6.0': 'Vista', '5.1': 'XP' }

function parseOs(ua: string): Partial<DeviceInfo> {
  let m: RegExpExecArray | null
  if ((m = /\(iPad;.*? OS (\d+[_\d]*)/.exec(ua))) return { osCode: 'IPA', osName: 'iPadOS', osVersion: truncate(m[1]) }
  if ((m = /\((?:iPhone|iPod)[^)]*? OS (\d+[_\d]*)/.exec(ua))) return { osCode: 'IOS', osName: 'iOS', osVersion: truncate(m[1]) }
  if ((m = /Android (\d+(?:\.\d+)*)/.exec(ua))) return { osCode: 'AND', osName: 'Android', osVersion: truncate(m[1]) }
  if ((m = /Windows NT (\d+\.\d+)/.exec(ua))) return { osCode: 'WIN', osName: 'Windows', osVersion: WINDOWS_NT[m[1] ?? ''] ?? '' }
  if ((m = /CrOS \S+ (\d+(?:\.\d+)*)/.exec(ua))) return { osCode: 'COS', osName: 'Chrome OS', osVersion: truncate(m[1]) }
  if ((m = /Mac OS X (\d+[_.\d]*)/.exec(ua))) return { osCode: 'MAC', osName: 'Mac', osVersion: truncate(m[1]) }
  if (/Macintosh/.test(ua)) return { osCode: 'MAC', osName: 'Mac', osVersion: '' }
  if (/Ubuntu/.test(ua)) return { osCode: 'UBT', osName: 'Ubuntu', osVersion: '' }
  if (/Fedora/.test(ua)) return { osCode: 'FED', osName: 'Fedora', osVersion: '' }
  if (/Linux/.test(ua)) return { osCode: 'LIN', osName: 'GNU/Linux', osVersion: '' }
  return {}
}

function browser(code: string, name: string, version: string | undefined, engine: string, engineVersion: string): Partial<DeviceInfo> {
  return { clientType: 'browser', clientCode: code, clientName: name, clientVersion: truncate(version), clientEngine: engine, clientEngineVersion: engineVersion }
}

function parseClient(ua: string): Partial<DeviceInfo> {
  const webkit = /AppleWebKit\/([\d.]+)/.exec(ua)?.[1] ?? ''
  const chromeVersion = /(?:Chrome|Chromium)\/([\d.]+)/.exec(ua)?.[1] ?? ''
  const mobile = /Mobile/.test(ua)
  let m: RegExpExecArray | null
  if ((m = /Edg(?:e|A|iOS)?\/([\d.]+)/.exec(ua))) return browser('PS', 'Microsoft Edge', m[1], 'Blink', chromeVersion)
  if ((m = /OPR\/([\d.]+)/.exec(ua))) return browser('OP', mobile ? 'Opera Mobile' : 'Opera', m[1], 'Blink', chromeVersion)
  if ((m = /SamsungBrowser\/([\d.]+)/.exec(ua))) return browser('SB', 'Samsung Browser', m[1], 'Blink', chromeVersion)
  if ((m = /CriOS\/([\d.]+)/.exec(ua))) return browser('CI', 'Chrome Mobile iOS', m[1], 'WebKit', webkit)
  if ((m = /FxiOS\/([\d.]+)/.exec(ua))) return browser('FI', 'Firefox iOS', m[1], 'WebKit', webkit)
  if ((m = /Firefox\/([\d.]+)/.exec(ua))) {
    const gecko = /rv:([\d.]+)/.exec(ua)?.[1] ?? ''
    return browser(mobile || /Android/.test(ua) ? 'FM' : 'FF', mobile || /Android/.test(ua) ? 'Firefox Mobile' : 'Firefox', m[1], 'Gecko', gecko)
  }
  if (chromeVersion) return browser(mobile ? 'CM' : 'CH', mobile ? 'Chrome Mobile' : 'Chrome', chromeVersion, 'Blink', chromeVersion)
  if ((m = /Version\/([\d.]+).*Safari\//.exec(ua))) return browser(mobile ? 'MF' : 'SF', mobile ? 'Mobile Safari' : 'Safari', m[1], 'WebKit', webkit)
  if ((m = /^curl\/([\d.]+)/.exec(ua))) return { clientType: 'library', clientCode: '', clientName: 'curl', clientVersion: truncate(m[1]) }
  if ((m = /^Wget\/([\d.]+)/.exec(ua))) return { clientType: 'library', clientCode: '', clientName: 'Wget', clientVersion: truncate(m[1]) }
  if ((m = /^python-requests\/([\d.]+)/.exec(ua))) return { clientType: 'library', clientCode: '', clientName: 'Python Requests', clientVersion: truncate(m[1]) }
  return {}
}

function parseDevice(ua: string): Partial<DeviceInfo> {
  if (/\(iPad;/.test(ua)) return { deviceName: 'tablet', deviceBrand: 'Apple', deviceModel: 'iPad' }
  if (/\(iPhone;/.test(ua)) return { deviceName: 'smartphone', deviceBrand: 'Apple', deviceModel: 'iPhone' }
  const android = /Android [\d.]+; ([^;)]+?)(?: Build\/[^;)]*)?\)/.exec(ua)
  if (android) {
    const model = android[1]?.trim() ?? ''
    const deviceName = /Mobile/.test(ua) ? 'smartphone' : 'tablet'
    if (/^Pixel/.test(model)) return { deviceName, deviceBrand: 'Google', deviceModel: model }
    if (/^SM-/.test(model)) return { deviceName, deviceBrand: 'Samsung', deviceModel: model }
    if (model === 'K') return { deviceName, deviceBrand: '', deviceModel: '' }
    return { deviceName, deviceBrand: '', deviceModel: model }
  }
  if (/Macintosh/.test(ua)) return { deviceName: 'desktop', deviceBrand: 'Apple', deviceModel: '' }
  if (/Windows NT|X11|CrOS/.test(ua)) return { deviceName: 'desktop', deviceBrand: '', deviceModel: '' }
  return {}
}
