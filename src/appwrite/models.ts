// Response schemas for the Account API, written from the official spec
// (open-api3-latest-client.json, components.schemas) and docs/appwrite/wire.md section 4.
// Both the client and the local server's tests validate against these: one source of truth.
// `v.object` accepts unknown extra fields and leaves them out of the output, so a newer server
// adding fields never breaks us, and nothing we did not ask for travels further.
import * as v from 'valibot'

/**
 * Appwrite writes `Y-m-d\TH:i:s.vP` and `""` for "never" (docs/appwrite/wire.md section 4); the body of
 * PATCH /account/sessions/{id} uses `Y-m-d H:i:s.v` without an offset (docs/appwrite/wire.md section 10).
 */
const DATETIME = /^$|^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?$/
export const Datetime = v.pipe(v.string(), v.regex(DATETIME, 'Expected an Appwrite datetime'))
export const Int = v.pipe(v.number(), v.integer())
const Strings = v.array(v.string())

/** A free-form JSON object (model `Any`). Arrays are objects to JS but not to Appwrite's Assoc. */
export const PreferencesSchema = v.pipe(
  v.unknown(),
  v.check((value) => !Array.isArray(value), 'Expected an object, not an array'),
  v.record(v.string(), v.unknown()),
)

export const TargetSchema = v.object({
  $id: v.string(),
  $createdAt: Datetime,
  $updatedAt: Datetime,
  name: v.string(),
  userId: v.string(),
  providerId: v.optional(v.nullable(v.string())),
  providerType: v.string(),
  identifier: v.string(),
  expired: v.boolean(),
})

/** The spec's `user` as Account routes emit it: no `password`, `hash`, `hashOptions` (docs/appwrite/wire.md section 4). */
export const AccountSchema = v.object({
  $id: v.string(),
  $createdAt: Datetime,
  $updatedAt: Datetime,
  name: v.string(),
  registration: Datetime,
  status: v.boolean(),
  labels: Strings,
  passwordUpdate: Datetime,
  email: v.string(),
  phone: v.string(),
  emailVerification: v.boolean(),
  phoneVerification: v.boolean(),
  mfa: v.boolean(),
  prefs: PreferencesSchema,
  targets: v.array(TargetSchema),
  accessedAt: Datetime,
  impersonator: v.optional(v.nullable(v.boolean())),
  impersonatorUserId: v.optional(v.nullable(v.string())),
  // Added after the 1.9.3 spec, emitted by 1.9.6 (docs/appwrite/wire.md section 4).
  emailCanonical: v.optional(v.nullable(v.string())),
  emailIsFree: v.optional(v.nullable(v.boolean())),
  emailIsDisposable: v.optional(v.nullable(v.boolean())),
  emailIsCorporate: v.optional(v.nullable(v.boolean())),
  emailIsCanonical: v.optional(v.nullable(v.boolean())),
  // 2.3 on: found in a known breach at the last check; null if never checked (docs/appwrite/wire-2x.md section 4).
  passwordPwned: v.optional(v.nullable(v.boolean())),
})

/** Device fields shared by Session and Log. */
const deviceEntries = {
  ip: v.string(),
  osCode: v.string(),
  osName: v.string(),
  osVersion: v.string(),
  clientType: v.string(),
  clientCode: v.string(),
  clientName: v.string(),
  clientVersion: v.string(),
  clientEngine: v.string(),
  clientEngineVersion: v.string(),
  deviceName: v.string(),
  deviceBrand: v.string(),
  deviceModel: v.string(),
  countryCode: v.string(),
  countryName: v.string(),
}

/** Validates the full wire shape, then drops the fields that must never leave the client. */
export const SessionSchema = v.pipe(
  v.object({
    $id: v.string(),
    $createdAt: Datetime,
    $updatedAt: Datetime,
    userId: v.string(),
    expire: Datetime,
    provider: v.string(),
    providerUid: v.string(),
    providerAccessToken: v.string(),
    providerAccessTokenExpiry: Datetime,
    providerRefreshToken: v.string(),
    ...deviceEntries,
    current: v.boolean(),
    factors: Strings,
    secret: v.string(),
    mfaUpdatedAt: Datetime,
  }),
  v.transform(({ secret: _s, providerAccessToken: _a, providerRefreshToken: _r, ...safe }) => safe),
)

export const SessionListSchema = v.object({ total: Int, sessions: v.array(SessionSchema) })

export const LogSchema = v.object({
  event: v.string(),
  userId: v.string(),
  userEmail: v.string(),
  userName: v.string(),
  mode: v.string(),
  userType: v.string(),
  time: Datetime,
  ...deviceEntries,
})

export const LogListSchema = v.object({ total: Int, logs: v.array(LogSchema) })

export const TokenSchema = v.pipe(
  v.object({
    $id: v.string(),
    $createdAt: Datetime,
    userId: v.string(),
    secret: v.string(),
    expire: Datetime,
    phrase: v.string(),
  }),
  v.transform(({ secret: _s, ...safe }) => safe),
)

export const JwtSchema = v.object({ jwt: v.string() })

/** The spec declares `code` a string; 1.9.6 emits the HTTP status as an int (docs/appwrite/wire.md section 4). */
export const ErrorSchema = v.object({
  message: v.string(),
  code: v.union([Int, v.pipe(v.string(), v.digits(), v.transform(Number))]),
  type: v.string(),
  version: v.string(),
})

export type Preferences = v.InferOutput<typeof PreferencesSchema>
export type Target = v.InferOutput<typeof TargetSchema>
export type Account = v.InferOutput<typeof AccountSchema>
export type Session = v.InferOutput<typeof SessionSchema>
export type SessionList = v.InferOutput<typeof SessionListSchema>
export type Log = v.InferOutput<typeof LogSchema>
export type LogList = v.InferOutput<typeof LogListSchema>
export type Token = v.InferOutput<typeof TokenSchema>
export type Jwt = v.InferOutput<typeof JwtSchema>
export type AppwriteErrorBody = v.InferOutput<typeof ErrorSchema>
