// `X-Appwrite-Response-Format` (docs/appwrite/wire.md section 4): newer formats than the server's get a warning
// header; formats before 1.5.0 get the V17 filter (no session factors/secret, token phrase, user
// targets/mfa). Formats from 1.5.0 to 1.9.6 need no change to the models this server emits.

export type ModelName = 'account' | 'user' | 'userList' | 'session' | 'sessionList' | 'token' | 'logList' | 'jwt' | 'prefs' | 'identityList'

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0)
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0)
  for (let i = 0; i < 3; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

export function formatWarning(format: string, serverVersion: string): string | null {
  if (format === '' || compareVersions(format, serverVersion) <= 0) return null
  return `The current SDK is built for Appwrite ${format}. However, the current Appwrite server version is ${serverVersion}. Please downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks`
}

function omit(record: unknown, keys: readonly string[]): unknown {
  if (typeof record !== 'object' || record === null) return record
  const copy = { ...(record as Record<string, unknown>) }
  for (const key of keys) delete copy[key]
  return copy
}

/** Copies `record` with `extra` inserted after the key `after` (or at the end). */
function insertAfter(record: unknown, after: string, extra: Record<string, unknown>): unknown {
  if (typeof record !== 'object' || record === null) return record
  const copy: Record<string, unknown> = {}
  let placed = false
  for (const [key, value] of Object.entries(record)) {
    copy[key] = value
    if (key === after) {
      Object.assign(copy, extra)
      placed = true
    }
  }
  return placed ? copy : { ...copy, ...extra }
}

/**
 * 2.x model additions: User and Account gain `passwordPwned` (null until checked), Identity gains
 * `providerIdToken`. No 2.x response filter removes them, so every format gets them (docs/appwrite/wire-2x.md section 4).
 */
export function shapeFor2x(model: ModelName, body: unknown): unknown {
  switch (model) {
    case 'account':
    case 'user':
      return insertAfter(body, 'mfa', { passwordPwned: null })
    case 'userList': {
      const list = body as { total: number; users: unknown[] }
      return { ...list, users: list.users.map((user) => insertAfter(user, 'mfa', { passwordPwned: null })) }
    }
    case 'identityList': {
      const list = body as { total: number; identities: unknown[] }
      return { ...list, identities: list.identities.map((identity) => insertAfter(identity, 'providerRefreshToken', { providerIdToken: '' })) }
    }
    default:
      return body
  }
}

const V17_SESSION = ['factors', 'secret', 'mfaUpdatedAt']
const V17_USER = ['targets', 'mfa']

export function filterForFormat(format: string, model: ModelName, body: unknown): unknown {
  if (format === '' || compareVersions(format, '1.5.0') >= 0) return body
  switch (model) {
    case 'session':
      return omit(body, V17_SESSION)
    case 'sessionList': {
      const list = body as { total: number; sessions: unknown[] }
      return { ...list, sessions: list.sessions.map((session) => omit(session, V17_SESSION)) }
    }
    case 'token':
      return omit(body, ['phrase'])
    case 'account':
    case 'user':
      return omit(body, V17_USER)
    default:
      return body
  }
}
