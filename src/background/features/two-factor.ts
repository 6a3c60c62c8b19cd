// Multi-factor authentication and linked identities of one account (docs/appwrite/mfa.md). An account whose
// session lacks its second factor is `needsSecondFactor`: only the factor list and the challenge
// messages work for it, and completing a challenge upgrades the held session in place (same id and
// secret, docs/appwrite/mfa.md section 1.4), so nothing new is stored.
import type { Account } from '../../appwrite/index.ts'
import type { Feature, Handlers } from '../spine.ts'
import type { AccountSummary } from '../../shared/protocol.ts'
import { applyProfile, requireAccount, setStatus } from '../accounts.ts'
import { type HeldSession, withSession } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { refreshAccount } from '../refresh.ts'
import { patchSnapshot } from '../snapshots.ts'

export function twoFactorFeature(ctx: WorkerContext): Feature {
  /** Routes in Appwrite's group `mfa`: open to a session without its second factor. */
  function mfaGroup<T>(accountId: string, task: (held: HeldSession) => Promise<T>): Promise<T> {
    return withSession(ctx, accountId, task, { mfaGroup: true })
  }

  function full<T>(accountId: string, task: (held: HeldSession) => Promise<T>): Promise<T> {
    return withSession(ctx, accountId, task)
  }

  async function applyAccount(accountId: string, account: Account): Promise<Account> {
    await applyProfile(ctx, accountId, account)
    await patchSnapshot(ctx, accountId, (s) => ({ ...s, account }))
    return account
  }

  /**
   * Finishes a challenge, then asks the server whether the session now has enough factors: a
   * second factor equal to the first (an email code on an email-code session) does not count.
   */
  async function upgrade(accountId: string, complete: (held: HeldSession) => Promise<unknown>): Promise<AccountSummary> {
    const state = await mfaGroup(accountId, async (held) => {
      await complete(held)
      return held.client.getSignInState(held.session)
    })
    if (state.state === 'needsSecondFactor') {
      return (await setStatus(ctx, accountId, 'needsSecondFactor')) ?? requireAccount(ctx, accountId)
    }
    await setStatus(ctx, accountId, 'signedIn')
    await applyAccount(accountId, state.account)
    // The upgrade stands even if this refresh fails; the snapshot then names the error.
    await refreshAccount(ctx, accountId).catch(() => undefined)
    return requireAccount(ctx, accountId)
  }

  const requests = {
    getMfaFactors: (input) => mfaGroup(input.accountId, ({ client, session }) => client.listMfaFactors(session)),
    async createMfaChallenge(input) {
      const challenge = await mfaGroup(input.accountId, ({ client, session }) => client.createMfaChallenge(session, input.factor))
      return { challengeId: challenge.$id }
    },
    completeMfaChallenge: (input) =>
      upgrade(input.accountId, ({ client, session }) => client.completeMfaChallenge(session, { challengeId: input.challengeId, otp: input.otp })),
    completeMfaWithCode: (input) =>
      upgrade(input.accountId, ({ client, session }) => client.completeWithCode(session, input.factor, input.otp)),

    async updateMfa(input) {
      return applyAccount(input.accountId, await full(input.accountId, ({ client, session }) => client.updateMfa(session, input.enabled)))
    },
    createTotpAuthenticator: (input) => full(input.accountId, ({ client, session }) => client.createTotpAuthenticator(session)),
    async verifyTotpAuthenticator(input) {
      const account = await full(input.accountId, ({ client, session }) => client.verifyTotpAuthenticator(session, input.otp))
      return applyAccount(input.accountId, account)
    },
    deleteTotpAuthenticator: (input) => full(input.accountId, ({ client, session }) => client.deleteTotpAuthenticator(session)),
    createRecoveryCodes: (input) => full(input.accountId, ({ client, session }) => client.createRecoveryCodes(session)),
    getRecoveryCodes: (input) => full(input.accountId, ({ client, session }) => client.getRecoveryCodes(session)),
    regenerateRecoveryCodes: (input) => full(input.accountId, ({ client, session }) => client.regenerateRecoveryCodes(session)),

    listIdentities: (input) => full(input.accountId, ({ client, session }) => client.listIdentities(session, { limit: 100 })),
    deleteIdentity: (input) => full(input.accountId, ({ client, session }) => client.deleteIdentity(session, input.identityId)),
  } satisfies Partial<Handlers>
  return { requests }
}
