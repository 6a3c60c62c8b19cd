// Creating accounts, every way of signing in, and password recovery (which needs no session). Sign-in requests carry NO session: any valid
// session makes Appwrite answer 401 `user_session_already_exists` (docs/appwrite/wire.md section 10).
import type { AccountClient, SignInResult } from '../../appwrite/index.ts'
import type { Feature, Handlers } from '../spine.ts'
import type { AccountSummary, InputOf, Project } from '../../shared/protocol.ts'
import { saveSignedInAccount } from '../accounts.ts'
import type { WorkerContext } from '../context.ts'
import { withLinkUrl } from '../link-target.ts'
import { requireFeature } from '../server-support.ts'
import { WorkerError } from '../errors.ts'
import { requireProject } from '../projects.ts'
import { refreshAccount } from '../refresh.ts'
import { endUnheldSession } from '../pending-sign-outs.ts'
import { startOAuth2Flow } from '../oauth2-flow.ts'
import { noteOwnSignIn } from '../session-alerts.ts'
import { items, readItem } from '../../shared/storage.ts'
import { lockedError } from '../vault-lock.ts'

/** Seals the new session into the vault with its account entry; `complete: false` while a second factor is due. */
async function holdSession(
  ctx: WorkerContext,
  project: Project,
  client: AccountClient,
  result: SignInResult,
  email: string,
): Promise<{ summary: AccountSummary; complete: boolean }> {
  const signIn = { session: result.session, sessionId: result.sessionInfo.$id }
  const state = await client.getSignInState(result.session)
  if (state.state === 'needsSecondFactor') {
    const known = { $id: result.sessionInfo.userId, email, name: '', phone: '' }
    return { summary: await saveSignedInAccount(ctx, project, signIn, known, 'needsSecondFactor'), complete: false }
  }
  return { summary: await saveSignedInAccount(ctx, project, signIn, state.account), complete: true }
}

/**
 * Stores the new session, makes it active, and writes its first snapshot. A session of an account
 * with MFA on is held as `needsSecondFactor` until a challenge upgrades it (docs/appwrite/mfa.md section 1.3).
 */
async function finishSignIn(
  ctx: WorkerContext,
  project: Project,
  client: AccountClient,
  result: SignInResult,
  email = '',
): Promise<AccountSummary> {
  let held: { summary: AccountSummary; complete: boolean }
  try {
    held = await holdSession(ctx, project, client, result, email)
  } catch (error) {
    // Not held (locked meanwhile, an answer refused): the new session must not stay valid unseen.
    await endUnheldSession(ctx, project, result.session, email || result.sessionInfo.userId)
    throw error
  }
  const { summary, complete } = held
  await noteOwnSignIn(ctx, summary.id, result.sessionInfo)
  if (!complete) return summary
  // The sign-in stands even if this first refresh fails; the snapshot then names the error.
  await refreshAccount(ctx, summary.id).catch(() => undefined)
  return summary
}

async function oauth2SignIn(ctx: WorkerContext, project: Project, client: AccountClient, provider: string): Promise<SignInResult> {
  const flow = startOAuth2Flow(ctx.browser.identity.getRedirectURL('oauth2'), project.serverVersion, provider)
  let finalUrl: string | undefined
  try {
    const url = client.oauth2TokenUrl({ provider, ...flow.urls })
    finalUrl = await ctx.browser.identity.launchWebAuthFlow({ url, interactive: true })
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the window closed'
    throw WorkerError.of('lanyard_auth_flow_failed', 0, `Signing in with ${provider} did not finish: ${reason}`)
  }
  if (finalUrl === undefined) throw WorkerError.of('lanyard_auth_flow_failed', 0, `Signing in with ${provider} did not finish: the window closed`)
  flow.check(finalUrl)
  return client.completeOAuth2(finalUrl)
}

/** Locked, a new session could not be sealed: none is created. */
async function refuseWhileLocked(ctx: WorkerContext): Promise<void> {
  if (await readItem(ctx.areas, items.vaultLocked)) throw lockedError()
}

function signInWith(ctx: WorkerContext, project: Project, client: AccountClient, input: InputOf<'signIn'>): Promise<SignInResult> {
  switch (input.method) {
    case 'email-password':
      return client.signInWithEmailPassword({ email: input.email, password: input.password })
    case 'anonymous':
      return client.signInAnonymously()
    case 'token':
      return client.signInWithToken({ userId: input.userId, secret: input.secret })
    case 'magic-url':
      return client.signInWithMagicLink(input.link)
    case 'oauth2':
      return oauth2SignIn(ctx, project, client, input.provider)
  }
}

export function signInFeature(ctx: WorkerContext): Feature {
  const projectClient = async (projectId: string) => {
    const project = await requireProject(ctx, projectId)
    return { project, client: ctx.client(project) }
  }
  const requests = {
    async signIn(input) {
      await refuseWhileLocked(ctx)
      const { project, client } = await projectClient(input.projectId)
      const email = input.method === 'email-password' ? input.email : ''
      return finishSignIn(ctx, project, client, await signInWith(ctx, project, client, input), email)
    },
    async createAccount(input) {
      await refuseWhileLocked(ctx)
      const { project, client } = await projectClient(input.projectId)
      await client.createAccount({ email: input.email, password: input.password, name: input.name })
      return finishSignIn(ctx, project, client, await client.signInWithEmailPassword({ email: input.email, password: input.password }))
    },
    async sendEmailOtp(input) {
      const { client } = await projectClient(input.projectId)
      const token = await client.sendEmailOtp({ email: input.email, phrase: input.phrase })
      return { userId: token.userId, phrase: token.phrase }
    },
    async sendMagicUrl(input) {
      const { project, client } = await projectClient(input.projectId)
      const token = await withLinkUrl(project, input.url, (url) => client.sendMagicUrl({ email: input.email, url }))
      return { userId: token.userId }
    },
    async sendPhoneOtp(input) {
      const { client } = await projectClient(input.projectId)
      return { userId: (await client.sendPhoneOtp({ phone: input.phone })).userId }
    },
    async sendRecovery(input) {
      const { project, client } = await projectClient(input.projectId)
      await withLinkUrl(project, input.url, (url) => client.sendRecovery({ email: input.email, url }))
    },
    async confirmRecovery(input) {
      const { client } = await projectClient(input.projectId)
      await client.confirmRecovery(input.link, input.password)
    },
    async sendRecoveryCode(input) {
      const { project, client } = await projectClient(input.projectId)
      requireFeature(project, 'recoveryCodes', 'Password recovery by code')
      return { userId: (await client.sendRecoveryCode({ email: input.email })).userId }
    },
    async confirmRecoveryCode(input) {
      const { project, client } = await projectClient(input.projectId)
      requireFeature(project, 'recoveryCodes', 'Password recovery by code')
      await client.confirmRecoveryCode({ userId: input.userId, code: input.code, password: input.password })
    },
  } satisfies Partial<Handlers>
  return { requests }
}
