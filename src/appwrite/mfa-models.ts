// Response schemas for the MFA and identity routes, from the official spec (components.schemas
// mfaChallenge, mfaFactors, mfaType, mfaRecoveryCodes, identity, identityList) and docs/appwrite/mfa.md section 4.
import * as v from 'valibot'
import { Datetime, Int } from './models.ts'

export const MfaFactorsSchema = v.object({
  totp: v.boolean(),
  phone: v.boolean(),
  email: v.boolean(),
  recoveryCode: v.boolean(),
  // 2.0 on: the developer-delivered factor (docs/appwrite/wire-2x.md sections 4 and 6.5); absent on 1.9.
  custom: v.optional(v.boolean()),
})

/** The secret is shown to the person once, to type into an authenticator app if the QR code fails. */
export const MfaTypeSchema = v.object({ secret: v.string(), uri: v.string() })

/** The code itself is never returned (docs/appwrite/mfa.md section 4). */
export const MfaChallengeSchema = v.object({
  $id: v.string(),
  $createdAt: Datetime,
  userId: v.string(),
  expire: Datetime,
})

export const MfaRecoveryCodesSchema = v.object({ recoveryCodes: v.array(v.string()) })

/** No identity field is `sensitive` in Appwrite, so a client gets the provider's tokens: drop them here. */
export const IdentitySchema = v.pipe(
  v.object({
    $id: v.string(),
    $createdAt: Datetime,
    $updatedAt: Datetime,
    userId: v.string(),
    provider: v.string(),
    providerUid: v.string(),
    providerEmail: v.string(),
    providerAccessToken: v.string(),
    providerAccessTokenExpiry: Datetime,
    providerRefreshToken: v.string(),
    // 2.3 on, and not `sensitive` either (docs/appwrite/wire-2x.md section 4): read leniently, then dropped.
    providerIdToken: v.optional(v.string()),
  }),
  v.transform(({ providerAccessToken: _a, providerRefreshToken: _r, providerIdToken: _i, ...safe }) => safe),
)

export const IdentityListSchema = v.object({ total: Int, identities: v.array(IdentitySchema) })

export type MfaFactors = v.InferOutput<typeof MfaFactorsSchema>
export type MfaType = v.InferOutput<typeof MfaTypeSchema>
export type MfaChallenge = v.InferOutput<typeof MfaChallengeSchema>
export type MfaRecoveryCodes = v.InferOutput<typeof MfaRecoveryCodesSchema>
export type Identity = v.InferOutput<typeof IdentitySchema>
export type IdentityList = v.InferOutput<typeof IdentityListSchema>
