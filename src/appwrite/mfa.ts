// Multi-factor authentication and linked identities (docs/appwrite/mfa.md). A password sign-in to an account
// with MFA on still answers 201 with a session; only the next call shows that the session can do
// nothing but finish a challenge (docs/appwrite/mfa.md section 1.3). `getSignInState` makes that a typed state.
import { AppwriteError } from './errors.ts'
import type { Call, Transport } from './http.ts'
import {
  type IdentityList,
  IdentityListSchema,
  type MfaChallenge,
  MfaChallengeSchema,
  type MfaFactors,
  MfaFactorsSchema,
  type MfaRecoveryCodes,
  MfaRecoveryCodesSchema,
  type MfaType,
  MfaTypeSchema,
} from './mfa-models.ts'
import { type Account, type Session, SessionSchema } from './models.ts'
import { sendForAccount } from './account-answer.ts'
import { pageQuery } from './page-query.ts'

/** The factor names Appwrite 1.9 completes; see `completeWithCode` for older spellings. */
export type MfaFactor = 'totp' | 'email' | 'phone' | 'recoveryCode'

export type SignInState =
  | { state: 'signedIn'; account: Account }
  /** The session holds one factor and must finish a challenge with one of `factors` (docs/appwrite/mfa.md section 1.1). */
  | { state: 'needsSecondFactor'; factors: MfaFactors }

/** Every route outside group `mfa` answers this to a session that lacks its second factor. */
export function isMoreFactorsRequired(error: unknown): boolean {
  return error instanceof AppwriteError && error.type === 'user_more_factors_required'
}

/** `GET`/`PATCH` recovery codes and deleting an authenticator need a challenge from the last 30 minutes. */
export function isChallengeRequired(error: unknown): boolean {
  return error instanceof AppwriteError && error.type === 'user_challenge_required'
}

/** The singular path is the only one before 1.8.1 and still an alias in 1.9.6 (docs/appwrite/mfa.md section 2.5). */
const CHALLENGE_PATH = '/account/mfa/challenge'
const TOTP_PATH = '/account/mfa/authenticators/totp'
const RECOVERY_CODES_PATH = '/account/mfa/recovery-codes'
export const DEFAULT_IDENTITIES_LIMIT = 25

export function mfaCalls(transport: Transport) {
  async function listMfaFactors(session: string): Promise<MfaFactors> {
    return (await transport.send({ method: 'GET', path: '/account/mfa/factors', session }, MfaFactorsSchema)).data
  }

  function account(call: Call): Promise<Account> {
    return sendForAccount(transport, call)
  }

  async function recoveryCodes(call: Call): Promise<MfaRecoveryCodes> {
    return (await transport.send(call, MfaRecoveryCodesSchema)).data
  }

  /** `factor` is sent as given: Appwrite validates it case-insensitively but stores it raw. */
  async function createChallenge(session: string, factor: string): Promise<MfaChallenge> {
    return (await transport.send({ method: 'POST', path: CHALLENGE_PATH, session, body: { factor } }, MfaChallengeSchema)).data
  }

  /**
   * Adds the factor to the calling session. The session id and secret stay the same (docs/appwrite/mfa.md
   * section 1.4); the answer's `current` is always false and `countryName` empty.
   */
  async function completeMfaChallenge(session: string, input: { challengeId: string; otp: string }): Promise<Session> {
    const call: Call = { method: 'PUT', path: CHALLENGE_PATH, session, body: input, secrets: [input.otp] }
    return (await transport.send(call, SessionSchema)).data
  }

  async function challengeAndComplete(session: string, factor: string, otp: string): Promise<Session> {
    const challenge = await createChallenge(session, factor)
    return completeMfaChallenge(session, { challengeId: challenge.$id, otp })
  }

  return {
    /** After a sign-in or a 401 on a held session: is the session usable, or does it need a factor? */
    async getSignInState(session: string): Promise<SignInState> {
      try {
        return { state: 'signedIn', account: await account({ method: 'GET', path: '/account', session }) }
      } catch (error) {
        if (!isMoreFactorsRequired(error)) throw error
        return { state: 'needsSecondFactor', factors: await listMfaFactors(session) }
      }
    },

    listMfaFactors,

    /** Turning MFA off needs a session that already has two factors (docs/appwrite/mfa.md section 2). */
    async updateMfa(session: string, enabled: boolean): Promise<Account> {
      return account({ method: 'PATCH', path: '/account/mfa', session, body: { mfa: enabled } })
    },

    /** Replaces an unverified authenticator with a new secret; a verified one answers 409. */
    async createTotpAuthenticator(session: string): Promise<MfaType> {
      return (await transport.send({ method: 'POST', path: TOTP_PATH, session }, MfaTypeSchema)).data
    },

    async verifyTotpAuthenticator(session: string, otp: string): Promise<Account> {
      return account({ method: 'PUT', path: TOTP_PATH, session, body: { otp }, secrets: [otp] })
    },

    async deleteTotpAuthenticator(session: string): Promise<void> {
      return transport.sendNoContent({ method: 'DELETE', path: TOTP_PATH, session })
    },

    /** Email and phone challenges send the code; the person then enters it for `completeMfaChallenge`. */
    async createMfaChallenge(session: string, factor: MfaFactor): Promise<MfaChallenge> {
      return createChallenge(session, factor)
    },

    completeMfaChallenge,

    /**
     * For factors whose code the person already has (an authenticator code, a recovery code):
     * challenge and answer in one go. 1.5.5 to 1.8.1 complete recovery codes only under the
     * spelling `recoverycode` and 1.9 only under `recoveryCode`; a failed answer does not use
     * the code up, so a refused recovery code is tried once more under the old spelling
     * (docs/appwrite/mfa.md section 2.5).
     */
    async completeWithCode(session: string, factor: 'totp' | 'recoveryCode', otp: string): Promise<Session> {
      try {
        return await challengeAndComplete(session, factor, otp)
      } catch (error) {
        const refused = error instanceof AppwriteError && error.type === 'user_invalid_token'
        if (factor !== 'recoveryCode' || !refused) throw error
        return challengeAndComplete(session, 'recoverycode', otp).catch(() => {
          throw error
        })
      }
    },

    /** Only while the account has no unused codes; the only way to see codes without a recent challenge. */
    async createRecoveryCodes(session: string): Promise<MfaRecoveryCodes> {
      return recoveryCodes({ method: 'POST', path: RECOVERY_CODES_PATH, session })
    },

    async getRecoveryCodes(session: string): Promise<MfaRecoveryCodes> {
      return recoveryCodes({ method: 'GET', path: RECOVERY_CODES_PATH, session })
    },

    /** Six new codes; the old ones stop working. */
    async regenerateRecoveryCodes(session: string): Promise<MfaRecoveryCodes> {
      return recoveryCodes({ method: 'PATCH', path: RECOVERY_CODES_PATH, session })
    },

    async listIdentities(session: string, page: { limit?: number; offset?: number } = {}): Promise<IdentityList> {
      const query = pageQuery(page.limit ?? DEFAULT_IDENTITIES_LIMIT, page.offset ?? 0)
      return (await transport.send({ method: 'GET', path: '/account/identities', session, query }, IdentityListSchema)).data
    },

    /** Removes the link only; sessions made through the provider stay. */
    async deleteIdentity(session: string, identityId: string): Promise<void> {
      return transport.sendNoContent({ method: 'DELETE', path: `/account/identities/${encodeURIComponent(identityId)}`, session })
    },
  }
}
