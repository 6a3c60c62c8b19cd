// The server's in-memory data. Records are plain JSON-able objects so `--data` can save them;
// the maps beside them are indexes rebuilt on load.
import { consoleProjectConfig, CONSOLE_PROJECT_ID, type ProjectConfig, type ServerConfig } from './config.ts'
import type { DeviceInfo } from './user-agent.ts'
import type { OutboxMessage } from './outbox.ts'
import type { Fault } from './faults.ts'
import { RateLimiter } from './rate-limit.ts'
import type { ConsentRecord, PasskeyRecord } from './records-2x.ts'

export interface TargetRecord {
  id: string
  createdAt: number
  updatedAt: number
  providerType: 'email' | 'sms'
  identifier: string
}

export interface SessionRecord {
  id: string
  createdAt: number
  updatedAt: number
  expire: number
  provider: string
  providerUid: string
  providerAccessToken: string
  providerAccessTokenExpiry: number | null
  providerRefreshToken: string
  /** sha256 of the 256-hex secret; the secret itself is never kept. */
  secretHash: string
  ip: string
  device: DeviceInfo
  countryCode: string
  factors: string[]
  mfaUpdatedAt: number | null
}

export type TokenType = 'magic-url' | 'email' | 'phone' | 'oauth2' | 'generic' | 'verification' | 'phone-verification' | 'recovery' | 'verification-otp' | 'recovery-otp'

export interface TokenRecord {
  id: string
  createdAt: number
  type: TokenType
  secretHash: string
  expire: number
  phrase: string
  /** OAuth2 tokens remember their provider for the session they become. */
  provider?: string
}

export interface LogRecord {
  event: string
  userType: string
  ip: string
  time: number
  device: DeviceInfo
  countryCode: string
  /** The user's name and email at the time of the event (absent in files saved before they were kept). */
  userName?: string
  userEmail?: string
}

/** An OAuth2 provider account linked to the user (docs/appwrite/mfa.md section 3). */
export interface IdentityRecord {
  id: string
  createdAt: number
  updatedAt: number
  provider: string
  providerUid: string
  providerEmail: string
  providerAccessToken: string
  providerAccessTokenExpiry: number | null
  providerRefreshToken: string
}

export interface MfaChallengeRecord {
  id: string
  createdAt: number
  expire: number
  /** As requested; only the exact spellings complete (docs/appwrite/mfa.md section 2.5). */
  factor: string
  /** The emailed or texted code; empty for TOTP and recovery-code challenges. */
  code: string
}

export interface UserRecord {
  id: string
  createdAt: number
  updatedAt: number
  name: string
  email: string
  phone: string
  /** sha256 hex of the password (Appwrite's `sha` algorithm), null when the user never set one. */
  passwordHash: string | null
  passwordHistory: string[]
  passwordUpdate: number | null
  registration: number
  status: boolean
  labels: string[]
  emailVerification: boolean
  phoneVerification: boolean
  mfa: boolean
  prefs: Record<string, unknown>
  targets: TargetRecord[]
  accessedAt: number
  sessions: SessionRecord[]
  tokens: TokenRecord[]
  /** Oldest first; the logs route reads them newest first. */
  logs: LogRecord[]
  totp: { secret: string; verified: boolean } | null
  mfaRecoveryCodes: string[]
  mfaChallenges: MfaChallengeRecord[]
  identities: IdentityRecord[]
  /** May act as other users of the project (docs/appwrite/wire-2x.md section 5.1). */
  impersonator: boolean
  /** Connected apps, 2.x (docs/appwrite/wire-2x.md section 6.8). */
  consents: ConsentRecord[]
  passkeys: PasskeyRecord[]
}

export class ProjectState {
  readonly users = new Map<string, UserRecord>()
  private readonly byEmail = new Map<string, string>()
  private readonly byPhone = new Map<string, string>()

  constructor(readonly config: ProjectConfig) {}

  get id(): string {
    return this.config.id
  }

  userByEmail(email: string): UserRecord | undefined {
    const id = this.byEmail.get(email)
    return id === undefined ? undefined : this.users.get(id)
  }

  userByPhone(phone: string): UserRecord | undefined {
    const id = this.byPhone.get(phone)
    return id === undefined ? undefined : this.users.get(id)
  }

  putUser(user: UserRecord): void {
    const previous = this.users.get(user.id)
    if (previous) this.unindex(previous)
    this.users.set(user.id, user)
    if (user.email !== '') this.byEmail.set(user.email, user.id)
    if (user.phone !== '') this.byPhone.set(user.phone, user.id)
  }

  /** Call after changing a user's email or phone, with the old values. */
  reindex(user: UserRecord, old: { email: string; phone: string }): void {
    if (old.email !== '' && this.byEmail.get(old.email) === user.id) this.byEmail.delete(old.email)
    if (old.phone !== '' && this.byPhone.get(old.phone) === user.id) this.byPhone.delete(old.phone)
    this.putUser(user)
  }

  deleteUser(user: UserRecord): void {
    this.unindex(user)
    this.users.delete(user.id)
  }

  private unindex(user: UserRecord): void {
    if (this.byEmail.get(user.email) === user.id) this.byEmail.delete(user.email)
    if (this.byPhone.get(user.phone) === user.id) this.byPhone.delete(user.phone)
  }
}

export class ServerState {
  readonly projects = new Map<string, ProjectState>()
  outbox: OutboxMessage[] = []
  faults: Fault[] = []
  clockOffsetMs = 0
  readonly rateLimiter = new RateLimiter()
  /** Bumped on every change, so persistence knows when to save. */
  revision = 0

  constructor(
    readonly config: ServerConfig,
    readonly jwtKey: Buffer,
    private readonly baseNow: () => number,
  ) {
    for (const project of config.projects) this.projects.set(project.id, new ProjectState(project))
    // Requests without a project go to the console project, as in Appwrite (docs/appwrite/wire.md section 1.1).
    if (!this.projects.has(CONSOLE_PROJECT_ID)) this.projects.set(CONSOLE_PROJECT_ID, new ProjectState(consoleProjectConfig(config.version)))
  }

  now(): number {
    return this.baseNow() + this.clockOffsetMs
  }

  touch(): void {
    this.revision++
  }
}
