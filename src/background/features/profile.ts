// Profile, prefs, verification and blocking of one account. Every change that returns the
// account updates the summary and the snapshot, so open pages follow without a refresh.
import type { Account } from '../../appwrite/index.ts'
import type { Feature, Handlers } from '../spine.ts'
import { applyProfile, setStatus } from '../accounts.ts'
import { withSession, type HeldSession } from '../account-session.ts'
import type { WorkerContext } from '../context.ts'
import { withLinkUrl } from '../link-target.ts'
import { requireFeature } from '../server-support.ts'
import { patchSnapshot } from '../snapshots.ts'

export function profileFeature(ctx: WorkerContext): Feature {
  async function applyAccount(accountId: string, account: Account): Promise<Account> {
    await applyProfile(ctx, accountId, account)
    await patchSnapshot(ctx, accountId, (s) => ({ ...s, account, prefs: account.prefs }))
    return account
  }

  /** Runs a change that answers with the account, then applies that answer. */
  async function change(accountId: string, task: (held: HeldSession) => Promise<Account>): Promise<Account> {
    return applyAccount(accountId, await withSession(ctx, accountId, task))
  }

  const requests = {
    async updatePrefs(input) {
      return (await change(input.accountId, ({ client, session }) => client.updatePrefs(session, input.prefs))).prefs
    },
    updateName: (input) => change(input.accountId, ({ client, session }) => client.updateName(session, input.name)),
    updateEmail: (input) =>
      change(input.accountId, ({ client, session }) => client.updateEmail(session, { email: input.email, password: input.password })),
    updatePassword: (input) =>
      change(input.accountId, ({ client, session }) =>
        client.updatePassword(session, { password: input.password, oldPassword: input.oldPassword }),
      ),
    updatePhone: (input) =>
      change(input.accountId, ({ client, session }) => client.updatePhone(session, { phone: input.phone, password: input.password })),
    async sendEmailVerification(input) {
      await withSession(ctx, input.accountId, ({ project, client, session }) =>
        withLinkUrl(project, input.url, (url) => client.sendEmailVerification(session, url)),
      )
    },
    async confirmEmailVerification(input) {
      await change(input.accountId, async ({ client, session }) => {
        await client.confirmEmailVerification(input.link)
        return client.getAccount(session)
      })
    },
    async sendEmailVerificationCode(input) {
      await withSession(ctx, input.accountId, ({ project, client, session }) => {
        requireFeature(project, 'emailOtpVerification', 'Email verification by code')
        return client.sendEmailVerificationCode(session)
      })
    },
    async confirmEmailVerificationCode(input) {
      await change(input.accountId, async ({ account, project, client, session }) => {
        requireFeature(project, 'emailOtpVerification', 'Email verification by code')
        await client.confirmEmailVerificationCode({ userId: account.userId, code: input.code })
        return client.getAccount(session)
      })
    },
    async sendPhoneVerification(input) {
      await withSession(ctx, input.accountId, ({ client, session }) => client.sendPhoneVerification(session))
    },
    async confirmPhoneVerification(input) {
      await change(input.accountId, async ({ client, session }) => {
        await client.confirmPhoneVerification(session, input.code)
        return client.getAccount(session)
      })
    },
    async blockAccount(input) {
      await change(input.accountId, ({ client, session }) => client.blockAccount(session))
      // Every later call with this session gets 403 user_blocked (docs/appwrite/wire.md section 10).
      await setStatus(ctx, input.accountId, 'blocked')
    },
  } satisfies Partial<Handlers>
  return { requests }
}
