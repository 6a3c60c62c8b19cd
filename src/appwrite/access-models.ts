// Response schemas of the 2.x connected apps (OAuth2 consents) and passkeys, from docs/appwrite/wire-2x.md
// section 4 (Oauth2Consent, Oauth2ConsentToken, Passkey and their lists). Lenient like every schema here:
// unknown fields are left out; token secrets are never returned by the server.
import * as v from 'valibot'
import { Datetime, Int } from './models.ts'

const Strings = v.array(v.string())

const grantEntries = {
  $id: v.string(),
  $createdAt: Datetime,
  $updatedAt: Datetime,
  userId: v.string(),
  appId: v.string(),
  cimdUrl: v.optional(v.string()),
  scopes: Strings,
  resources: v.optional(Strings, []),
  /** JSON text, as Appwrite sends it. */
  authorizationDetails: v.optional(v.string()),
  expire: Datetime,
}

export const ConsentSchema = v.object(grantEntries)
export const ConsentListSchema = v.object({ total: Int, consents: v.array(ConsentSchema) })
export const ConsentTokenSchema = v.object({ ...grantEntries, consentId: v.string() })
export const ConsentTokenListSchema = v.object({ total: Int, tokens: v.array(ConsentTokenSchema) })

export const PasskeySchema = v.object({
  $id: v.string(),
  $createdAt: Datetime,
  $updatedAt: Datetime,
  name: v.string(),
  /** Empty until the passkey first signs someone in. */
  accessedAt: Datetime,
})
export const PasskeyListSchema = v.object({ total: Int, passkeys: v.array(PasskeySchema) })

export type Consent = v.InferOutput<typeof ConsentSchema>
export type ConsentList = v.InferOutput<typeof ConsentListSchema>
export type ConsentToken = v.InferOutput<typeof ConsentTokenSchema>
export type ConsentTokenList = v.InferOutput<typeof ConsentTokenListSchema>
export type Passkey = v.InferOutput<typeof PasskeySchema>
export type PasskeyList = v.InferOutput<typeof PasskeyListSchema>
