// The server's configuration: which projects exist, their platforms, keys, auth settings and seed
// users. Every field not given takes the value a project newly created in Appwrite 1.9 has.
import { readFileSync } from 'node:fs'

/** The Appwrite versions the server can imitate (docs/appwrite/wire.md, docs/appwrite/wire-2x.md). */
export type AppwriteVersion = '1.9.6' | '2.7.1'
export const APPWRITE_VERSIONS: readonly AppwriteVersion[] = ['1.9.6', '2.7.1']

/** True for the 2.x line. */
export function is2x(version: AppwriteVersion): boolean {
  return version.startsWith('2.')
}

export type AuthMethod = 'email-password' | 'anonymous' | 'email-otp' | 'magic-url' | 'phone' | 'jwt' | 'invites'
export const AUTH_METHODS: readonly AuthMethod[] = ['email-password', 'anonymous', 'email-otp', 'magic-url', 'phone', 'jwt', 'invites']

export interface PlatformConfig {
  type: string
  /** Web platforms: the allowed Origin host; `*` and `*.suffix` wildcards work (docs/appwrite/wire.md section 5). */
  hostname?: string
  /** Apple/Android/... platforms: the bundle id, matched like a hostname. */
  key?: string
  name?: string
}

export interface KeyConfig {
  secret: string
  name?: string
  scopes?: string[]
}

/** A device a seeded user signed in from: becomes a live session, or a signed-out one with `signedOut`. */
export interface SeedDevice {
  userAgent: string
  ip: string
  hoursAgo: number
  provider?: string
  signedOut?: boolean
}

export interface SeedUser {
  $id: string
  email?: string
  password?: string
  name?: string
  phone?: string
  prefs?: Record<string, unknown>
  status?: boolean
  labels?: string[]
  emailVerification?: boolean
  phoneVerification?: boolean
  registeredHoursAgo?: number
  devices?: SeedDevice[]
  /** May impersonate other users of the project (docs/appwrite/wire-2x.md section 5). */
  impersonator?: boolean
  /** 2.x connected apps; `expire` is an ISO datetime, one year ahead by default; tokens inherit `resources` and `expire`. */
  consents?: SeedConsent[]
  passkeys?: { $id: string; name?: string }[]
}

export interface SeedConsent {
  $id: string
  appId: string
  scopes: string[]
  resources?: string[]
  expire?: string
  tokens?: { $id: string; scopes: string[]; expire?: string }[]
}

export interface MockOAuthIdentity {
  email: string
  name: string
  id: string
}

export interface ProjectInput {
  $id: string
  name?: string
  platforms?: PlatformConfig[]
  keys?: KeyConfig[]
  auths?: {
    duration?: number
    invalidateSessions?: boolean
    sessionsLimit?: number
    passwordHistory?: number
    personalDataCheck?: boolean
    mockNumbers?: { phone: string; otp: string }[]
    methods?: Partial<Record<AuthMethod, boolean>>
    /** 2.x: the MFA factors policy; only `custom` is read (off unless enabled). */
    mfaFactors?: { custom?: boolean }
  }
  oauth2?: { mock?: boolean | Partial<MockOAuthIdentity> }
  /** False answers the email routes with 503 `general_smtp_disabled`, as a server without SMTP does. */
  smtp?: boolean
  /** False answers the SMS routes with 503 `general_phone_disabled`. */
  sms?: boolean
  users?: SeedUser[]
}

export interface ConfigObject {
  /** Which Appwrite to imitate; default 1.9.6 (the demo config says 2.7.1). */
  version?: AppwriteVersion
  /** The server's own domain (`_APP_DOMAIN`): always a valid Origin and redirect host. Default `localhost`. */
  domain?: string
  projects?: ProjectInput[]
  /** Abuse limits with `X-RateLimit-*` headers; false is `_APP_OPTIONS_ABUSE=disabled`. */
  rateLimits?: boolean
  /** Take the client IP from `X-Forwarded-For`, so tests can appear to come from other countries. */
  trustProxy?: boolean
}

export interface ProjectConfig {
  id: string
  name: string
  platforms: PlatformConfig[]
  keys: Required<KeyConfig>[]
  durationSec: number
  invalidateSessions: boolean
  sessionsLimit: number
  passwordHistory: number
  personalDataCheck: boolean
  mockNumbers: Map<string, string>
  methods: Record<AuthMethod, boolean>
  mockOAuth: MockOAuthIdentity | null
  smtp: boolean
  sms: boolean
  users: SeedUser[]
  /** 2.x MFA factors policy: the `custom` factor. */
  mfaCustom: boolean
}

export interface ServerConfig {
  version: AppwriteVersion
  domain: string
  projects: ProjectConfig[]
  rateLimits: boolean
  trustProxy: boolean
}

/** `TOKEN_EXPIRATION_LOGIN_LONG`: one year. */
export const DEFAULT_SESSION_DURATION_SEC = 31_536_000
/** `APP_LIMIT_USER_SESSIONS_DEFAULT` on 2.x; projects created by 1.9.5 and 1.9.6 got 0 (unlimited). */
export const DEFAULT_SESSIONS_LIMIT = 10
/** Scopes a project key gets when none are listed; `account` is not among them (docs/appwrite/wire.md section 3.3). */
export const DEFAULT_KEY_SCOPES = ['users.read', 'users.write', 'sessions.write', 'targets.read', 'targets.write']

const MOCK_OAUTH_IDENTITY: MockOAuthIdentity = { email: 'useroauth@localhost.test', name: 'User Name', id: '1' }

export function loadConfig(source: ConfigObject | string, versionOverride?: AppwriteVersion): ServerConfig {
  const input: unknown = typeof source === 'string' ? JSON.parse(readFileSync(source, 'utf8')) : source
  if (typeof input !== 'object' || input === null) throw new Error('Config must be a JSON object')
  const config = input as ConfigObject
  const version = versionOverride ?? config.version ?? '1.9.6'
  if (!APPWRITE_VERSIONS.includes(version)) throw new Error(`Unknown Appwrite version "${String(version)}" (known: ${APPWRITE_VERSIONS.join(', ')})`)
  const projects = (config.projects ?? []).map((project) => normalizeProject(project, version))
  const ids = new Set<string>()
  for (const project of projects) {
    if (ids.has(project.id)) throw new Error(`Config lists project "${project.id}" twice`)
    ids.add(project.id)
  }
  return { version, domain: (config.domain ?? 'localhost').toLowerCase(), projects, rateLimits: config.rateLimits ?? true, trustProxy: config.trustProxy ?? false }
}

export const CONSOLE_PROJECT_ID = 'console'

/** The project of requests that name none: no users, no platforms beyond localhost. */
export function consoleProjectConfig(version: AppwriteVersion = '1.9.6'): ProjectConfig {
  return normalizeProject({ $id: CONSOLE_PROJECT_ID, name: 'Appwrite' }, version)
}

function normalizeProject(project: ProjectInput, version: AppwriteVersion): ProjectConfig {
  if (typeof project.$id !== 'string' || project.$id === '') throw new Error('Every project needs a "$id"')
  const auths = project.auths ?? {}
  const methods = Object.fromEntries(AUTH_METHODS.map((method) => [method, auths.methods?.[method] ?? true])) as Record<AuthMethod, boolean>
  // OAuth providers start disabled in a new project (412 `project_provider_disabled`).
  const mock = project.oauth2?.mock ?? false
  return {
    id: project.$id,
    name: project.name ?? project.$id,
    platforms: project.platforms ?? [],
    keys: (project.keys ?? []).map((key, index) => ({
      secret: key.secret,
      name: key.name ?? `Key ${index + 1}`,
      scopes: key.scopes ?? DEFAULT_KEY_SCOPES,
    })),
    durationSec: auths.duration ?? DEFAULT_SESSION_DURATION_SEC,
    // Every project created by 1.9 has it on (docs/appwrite/wire.md section 3.2, PATCH /account/password).
    invalidateSessions: auths.invalidateSessions ?? true,
    sessionsLimit: auths.sessionsLimit ?? (is2x(version) ? DEFAULT_SESSIONS_LIMIT : 0),
    passwordHistory: auths.passwordHistory ?? 0,
    personalDataCheck: auths.personalDataCheck ?? false,
    mockNumbers: new Map((auths.mockNumbers ?? []).map(({ phone, otp }) => [phone, otp])),
    methods,
    mockOAuth: mock === false ? null : { ...MOCK_OAUTH_IDENTITY, ...(mock === true ? {} : mock) },
    smtp: project.smtp ?? true,
    sms: project.sms ?? true,
    users: project.users ?? [],
    mfaCustom: auths.mfaFactors?.custom ?? false,
  }
}
