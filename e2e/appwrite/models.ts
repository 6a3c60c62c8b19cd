// Records -> response bodies, field for field in the order of the spec's models (docs/appwrite/wire.md section 4).
import { formatDatetime } from './datetime.ts'
import { countryNameOf } from './geo.ts'
import type { IdentityRecord, LogRecord, SessionRecord, TokenRecord, UserRecord } from './state.ts'

function targetModel(user: UserRecord) {
  return user.targets.map((target) => ({
    $id: target.id,
    $createdAt: formatDatetime(target.createdAt),
    $updatedAt: formatDatetime(target.updatedAt),
    name: '',
    userId: user.id,
    providerId: null,
    providerType: target.providerType,
    identifier: target.identifier,
    expired: false,
  }))
}

/** `Account`: the User model without `password`, `hash` and `hashOptions`. */
export function accountModel(user: UserRecord) {
  return {
    $id: user.id,
    $createdAt: formatDatetime(user.createdAt),
    $updatedAt: formatDatetime(user.updatedAt),
    name: user.name,
    registration: formatDatetime(user.registration),
    status: user.status,
    labels: user.labels,
    passwordUpdate: formatDatetime(user.passwordUpdate),
    email: user.email,
    phone: user.phone,
    emailVerification: user.emailVerification,
    phoneVerification: user.phoneVerification,
    mfa: user.mfa,
    prefs: user.prefs,
    targets: targetModel(user),
    accessedAt: formatDatetime(user.accessedAt),
    // Optional keys of the 1.9.6 model that this server never sets are present as null (Response.php).
    emailCanonical: null,
    emailIsFree: null,
    emailIsDisposable: null,
    emailIsCorporate: null,
    emailIsCanonical: null,
    // The pipeline fills `impersonatorUserId` on the target's Account while impersonating (docs/appwrite/wire-2x.md section 5.3).
    impersonator: user.impersonator,
    impersonatorUserId: null as string | null,
  }
}

/** `User` as the Users API (API key) returns it; the hash is Appwrite's `sha` (sha256) algorithm. */
export function userModel(user: UserRecord) {
  const { prefs, targets, accessedAt, ...head } = accountModel(user)
  return {
    ...head,
    password: user.passwordHash,
    hash: user.passwordHash === null ? null : 'sha',
    hashOptions: user.passwordHash === null ? null : { type: 'sha', version: 'sha256' },
    prefs,
    targets,
    accessedAt,
  }
}

export interface SessionView {
  current: boolean
  /** The encoded session for key callers, `""` for clients (docs/appwrite/wire.md section 2.1). */
  secret: string
}

export function sessionModel(session: SessionRecord, userId: string, view: SessionView) {
  return {
    $id: session.id,
    $createdAt: formatDatetime(session.createdAt),
    $updatedAt: formatDatetime(session.updatedAt),
    userId,
    expire: formatDatetime(session.expire),
    provider: session.provider,
    providerUid: session.providerUid,
    providerAccessToken: session.providerAccessToken,
    providerAccessTokenExpiry: formatDatetime(session.providerAccessTokenExpiry),
    providerRefreshToken: session.providerRefreshToken,
    ip: session.ip,
    ...session.device,
    // Appwrite stores the code lower-cased (docs/appwrite/wire.md section 4).
    countryCode: session.countryCode.toLowerCase(),
    countryName: countryNameOf(session.countryCode),
    current: view.current,
    factors: session.factors,
    secret: view.secret,
    mfaUpdatedAt: formatDatetime(session.mfaUpdatedAt),
  }
}

export function tokenModel(token: TokenRecord, userId: string, secret: string) {
  return {
    $id: token.id,
    $createdAt: formatDatetime(token.createdAt),
    userId,
    secret,
    expire: formatDatetime(token.expire),
    phrase: token.phrase,
  }
}

export function logModel(log: LogRecord, user: UserRecord) {
  return {
    event: log.event,
    userId: user.id,
    // As they were at the time of the event (the audits worker stores them with the entry).
    userEmail: log.userEmail ?? user.email,
    userName: log.userName ?? user.name,
    mode: 'default',
    userType: log.userType,
    ip: log.ip,
    time: formatDatetime(log.time),
    ...log.device,
    countryCode: log.countryCode.toLowerCase(),
    countryName: countryNameOf(log.countryCode),
  }
}

/** No Identity field is sensitive: clients get the provider tokens too (docs/appwrite/mfa.md section 4). */
export function identityModel(identity: IdentityRecord, userId: string) {
  return {
    $id: identity.id,
    $createdAt: formatDatetime(identity.createdAt),
    $updatedAt: formatDatetime(identity.updatedAt),
    userId,
    provider: identity.provider,
    providerUid: identity.providerUid,
    providerEmail: identity.providerEmail,
    providerAccessToken: identity.providerAccessToken,
    providerAccessTokenExpiry: formatDatetime(identity.providerAccessTokenExpiry),
    providerRefreshToken: identity.providerRefreshToken,
  }
}
