// Connected apps (2.0+) and passkeys (2.4+) of one account: offered only where the project's server
// has them (src/shared/server-features.ts), docs/appwrite/wire-2x.md sections 3.1, 6.5, 6.7 and 6.8.
// Creating a passkey is not offered: its relying party is the user's app's domain, not Lanyard (section 6.7).
import { AppwriteError } from '../../appwrite/index.ts'
import type { Feature, Handlers } from '../spine.ts'
import { withSession, type HeldSession } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { WorkerError } from '../errors.ts'
import { requireFeature } from '../server-support.ts'

/**
 * Passkey deletion needs a session at most 10 minutes old or MFA in the last 10 minutes; the server
 * answers 401 `user_unauthorized` otherwise, while the session itself stays valid (section 6.5).
 */
function recentSignInRequired(error: unknown): unknown {
  if (!(error instanceof AppwriteError && error.code === 401 && error.type === 'user_unauthorized')) return error
  return WorkerError.of(
    'lanyard_recent_sign_in_required',
    401,
    'The server wants a recent sign-in for this: sign in to this account again, or pass its second factor, then try again within 10 minutes.',
  )
}

export function accessFeature(ctx: WorkerContext): Feature {
  /** Runs `task` with the account's session where its server offers `feature`, else refuses before any request. */
  const offered =
    (feature: 'consents' | 'passkeys', what: string) =>
    <T>(accountId: string, task: (held: HeldSession) => Promise<T>) =>
      withSession(ctx, accountId, (held) => {
        requireFeature(held.project, feature, what)
        return task(held)
      })
  const consents = offered('consents', 'Connected apps')
  const passkeys = offered('passkeys', 'Passkeys')

  const requests = {
    listConsents: (input) => consents(input.accountId, ({ client, session }) => client.listConsents(session)),
    revokeConsent: (input) => consents(input.accountId, ({ client, session }) => client.deleteConsent(session, input.consentId)),
    listConsentTokens: (input) => consents(input.accountId, ({ client, session }) => client.listConsentTokens(session, input.consentId)),
    listPasskeys: (input) => passkeys(input.accountId, ({ client, session }) => client.listPasskeys(session)),
    renamePasskey: (input) => passkeys(input.accountId, ({ client, session }) => client.updatePasskey(session, input.passkeyId, input.name)),
    deletePasskey: (input) =>
      passkeys(input.accountId, ({ client, session }) =>
        client.deletePasskey(session, input.passkeyId).catch((error: unknown) => {
          throw recentSignInRequired(error)
        }),
      ),
  } satisfies Partial<Handlers>
  return { requests }
}
