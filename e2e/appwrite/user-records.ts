// Creating users and changing their credentials, shared by sign-up, sign-in by token, OAuth2,
// the Users API and seeding.
import { AppwriteError } from './errors.ts'
import { sha256, uniqueId } from './ids.ts'
import type { ProjectState, UserRecord } from './state.ts'

export interface NewUser {
  id: string
  email?: string
  phone?: string
  name?: string
  password?: string | null
  emailVerification?: boolean
  phoneVerification?: boolean
  /** The project's `passwordHistory`: the first password enters the history at creation. */
  passwordHistory?: number
}

export function resolveId(id: string): string {
  return id === 'unique()' ? uniqueId() : id
}

/** 409 `user_already_exists` when the id, email or phone is taken. */
export function assertFree(project: ProjectState, id: string, email: string, phone: string): void {
  if (project.users.has(id) || (email !== '' && project.userByEmail(email)) || (phone !== '' && project.userByPhone(phone))) {
    throw new AppwriteError('user_already_exists')
  }
}

export function newUserRecord(input: NewUser, now: number): UserRecord {
  const email = (input.email ?? '').toLowerCase()
  const phone = input.phone ?? ''
  const user: UserRecord = {
    id: input.id,
    createdAt: now,
    updatedAt: now,
    name: input.name ?? '',
    email,
    phone,
    passwordHash: null,
    passwordHistory: [],
    passwordUpdate: null,
    registration: now,
    status: true,
    labels: [],
    emailVerification: input.emailVerification ?? false,
    phoneVerification: input.phoneVerification ?? false,
    mfa: false,
    prefs: {},
    targets: [],
    accessedAt: now,
    sessions: [],
    tokens: [],
    logs: [],
    totp: null,
    mfaRecoveryCodes: [],
    mfaChallenges: [],
    identities: [],
    impersonator: false,
    consents: [],
    passkeys: [],
  }
  if (email !== '') setTarget(user, 'email', email, now)
  if (phone !== '') setTarget(user, 'sms', phone, now)
  if (input.password) setPassword(user, input.password, now, input.passwordHistory ?? 0)
  return user
}

/** Sign-up by email or phone creates a messaging target for it (docs/appwrite/wire.md section 4). */
export function setTarget(user: UserRecord, providerType: 'email' | 'sms', identifier: string, now: number): void {
  const existing = user.targets.find((target) => target.providerType === providerType)
  if (existing) {
    existing.identifier = identifier
    existing.updatedAt = now
  } else {
    user.targets.push({ id: uniqueId(), createdAt: now, updatedAt: now, providerType, identifier })
  }
}

export function passwordMatches(user: UserRecord, password: string): boolean {
  return user.passwordHash !== null && user.passwordHash === sha256(password)
}

/** Keeps the last `historyLength` hashes for `password_recently_used`. */
export function setPassword(user: UserRecord, password: string, now: number, historyLength: number): void {
  const hash = sha256(password)
  if (historyLength > 0 && user.passwordHistory.includes(hash)) throw new AppwriteError('password_recently_used')
  user.passwordHash = hash
  user.passwordUpdate = now
  user.updatedAt = now
  if (historyLength > 0) user.passwordHistory = [...user.passwordHistory, hash].slice(-historyLength)
}

/** With `personalDataCheck`, a password may not contain the user's id, name, email or phone. */
export function assertNoPersonalData(enabled: boolean, password: string, user: { id: string; name: string; email: string; phone: string }): void {
  if (!enabled) return
  const lower = password.toLowerCase()
  const personal = [user.id, user.name, user.email, user.email.split('@')[0] ?? '', user.phone.replace('+', '')]
  if (personal.some((value) => value.length > 0 && lower.includes(value.toLowerCase()))) throw new AppwriteError('password_personal_data')
}
