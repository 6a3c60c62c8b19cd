// Connected apps (2.0+) and passkeys (2.4+) of the held account (docs/appwrite/wire-2x.md sections 3.1, 6.7, 6.8).
import { ConsentListSchema, ConsentTokenListSchema, PasskeyListSchema, PasskeySchema, type ConsentList, type ConsentTokenList, type Passkey, type PasskeyList } from './access-models.ts'
import type { Transport } from './http.ts'

export function accessCalls(transport: Transport) {
  const segment = encodeURIComponent
  return {
    async listConsents(session: string): Promise<ConsentList> {
      return (await transport.send({ method: 'GET', path: '/account/consents', session }, ConsentListSchema)).data
    },
    /** Every token family issued under the consent is revoked with it. */
    async deleteConsent(session: string, consentId: string): Promise<void> {
      return transport.sendNoContent({ method: 'DELETE', path: `/account/consents/${segment(consentId)}`, session })
    },
    async listConsentTokens(session: string, consentId: string): Promise<ConsentTokenList> {
      const call = { method: 'GET' as const, path: `/account/consents/${segment(consentId)}/tokens`, session }
      return (await transport.send(call, ConsentTokenListSchema)).data
    },
    async listPasskeys(session: string): Promise<PasskeyList> {
      return (await transport.send({ method: 'GET', path: '/account/passkeys', session }, PasskeyListSchema)).data
    },
    async updatePasskey(session: string, passkeyId: string, name: string): Promise<Passkey> {
      const call = { method: 'PATCH' as const, path: `/account/passkeys/${segment(passkeyId)}`, session, body: { name } }
      return (await transport.send(call, PasskeySchema)).data
    },
    /** Needs a session at most 10 minutes old, or MFA in the last 10 minutes (docs/appwrite/wire-2x.md section 6.5). */
    async deletePasskey(session: string, passkeyId: string): Promise<void> {
      return transport.sendNoContent({ method: 'DELETE', path: `/account/passkeys/${segment(passkeyId)}`, session })
    },
  }
}
