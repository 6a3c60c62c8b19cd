// The held accounts: one list record of non-secret summaries (page-readable), plus one sealed
// `vault:<id>` record per account holding its session. A sign-in writes the list, the secret and
// the active pointer in one storage call.
import type { Account } from '../appwrite/index.ts'
import type { AccountStatus, AccountSummary, Project } from '../shared/protocol.ts'
import { items, readItem, readItems, removeItems, write, writeItems, type Write } from '../shared/storage.ts'
import { timelineItems } from '../shared/timeline.ts'
import type { WorkerContext } from './context.ts'
import { WorkerError } from './errors.ts'
import { paletteColor } from './palette.ts'
import { takeActingStates } from './act-as/states.ts'

export function loadAccounts(ctx: WorkerContext): Promise<AccountSummary[]> {
  return readItem(ctx.areas, items.accounts)
}

export async function requireAccount(ctx: WorkerContext, accountId: string): Promise<AccountSummary> {
  const account = (await loadAccounts(ctx)).find((a) => a.id === accountId)
  if (!account) throw WorkerError.of('lanyard_unknown_account', 404, 'This account is no longer in Lanyard. Sign in again.')
  return account
}

/** How a person recognises an account in a message. */
export function accountLabel(account: Pick<AccountSummary, 'email' | 'phone' | 'name'>): string {
  return account.email || account.phone || account.name || 'This anonymous account'
}

/** What a sign-in knows of the user: the whole account, or only what a session lacking its second factor can tell. */
export type SignedInProfile = Pick<Account, '$id' | 'email' | 'name' | 'phone'>

function profileOf(account: Pick<SignedInProfile, 'email' | 'name' | 'phone'>): Pick<AccountSummary, 'email' | 'name' | 'phone'> {
  return { email: account.email, name: account.name, phone: account.phone }
}

/**
 * Stores a fresh sign-in and makes it active. Signing in again as the same user of the same
 * project replaces that account's session instead of adding a twin.
 */
export async function saveSignedInAccount(
  ctx: WorkerContext,
  project: Project,
  signIn: { session: string; sessionId: string },
  account: SignedInProfile,
  status: Extract<AccountStatus, 'signedIn' | 'needsSecondFactor'> = 'signedIn',
): Promise<AccountSummary> {
  return ctx.serialize(async () => {
    const accounts = await loadAccounts(ctx)
    const previous = accounts.find((a) => a.projectId === project.id && a.userId === account.$id)
    const summary: AccountSummary = {
      id: previous?.id ?? ctx.newId(),
      projectId: project.id,
      userId: account.$id,
      // A session lacking its second factor cannot read the profile: keep what is known until it can.
      ...profileOf(status === 'needsSecondFactor' && previous ? previous : account),
      color: previous?.color ?? paletteColor(accounts.length),
      status,
      sessionId: signIn.sessionId,
      addedAt: previous?.addedAt ?? ctx.now(),
    }
    const next = previous ? accounts.map((a) => (a.id === summary.id ? summary : a)) : [...accounts, summary]
    const secret = await ctx.vault.sealSecret(summary.id, { session: signIn.session })
    await writeItems(ctx.areas, [write(items.accounts, next), secret, write(items.activeAccountId, summary.id)])
    return summary
  })
}

/** Changes fields of one summary; `extra` writes go into the same storage call. */
export async function updateAccount(
  ctx: WorkerContext,
  accountId: string,
  change: (account: AccountSummary) => AccountSummary,
  extra: Write[] = [],
): Promise<AccountSummary | undefined> {
  return ctx.serialize(async () => {
    const accounts = await loadAccounts(ctx)
    const current = accounts.find((a) => a.id === accountId)
    if (!current) return undefined
    const updated = change(current)
    await writeItems(ctx.areas, [write(items.accounts, accounts.map((a) => (a.id === accountId ? updated : a))), ...extra])
    return updated
  })
}

export function setStatus(ctx: WorkerContext, accountId: string, status: AccountStatus): Promise<AccountSummary | undefined> {
  return updateAccount(ctx, accountId, (a) => (a.status === status ? a : { ...a, status }))
}

export function applyProfile(ctx: WorkerContext, accountId: string, account: Account): Promise<AccountSummary | undefined> {
  return updateAccount(ctx, accountId, (a) => ({ ...a, ...profileOf(account) }))
}

/** The session is gone: keep the entry and its snapshot, drop the now useless secret. */
export async function markSignedOut(ctx: WorkerContext, accountId: string, options: { endedOnServer?: boolean } = {}): Promise<void> {
  if (options.endedOnServer) await updateAccount(ctx, accountId, (a) => ({ ...a, status: 'signedOut', endedOnServer: true }))
  else await setStatus(ctx, accountId, 'signedOut')
  await ctx.vault.forgetSecret(accountId)
}

/** Everything kept for an account besides its entry in the list: called once the entry is gone. */
export async function forgetAccountRecords(ctx: WorkerContext, accountIds: string[]): Promise<void> {
  for (const accountId of accountIds) await ctx.vault.forgetSecret(accountId)
  await takeActingStates(ctx, accountIds)
  await removeItems(ctx.areas, accountIds.flatMap((id) => [items.snapshot(id), items.snapshotLogs(id), items.sessionWatch(id), ...timelineItems(id)]))
}

export async function removeAccount(ctx: WorkerContext, accountId: string): Promise<void> {
  await ctx.serialize(async () => {
    const state = await readItems(ctx.areas, { accounts: items.accounts, active: items.activeAccountId })
    const accounts = state.accounts.filter((a) => a.id !== accountId)
    const active = state.active === accountId ? (accounts[0]?.id ?? null) : state.active
    await writeItems(ctx.areas, [write(items.accounts, accounts), write(items.activeAccountId, active)])
  })
  await forgetAccountRecords(ctx, [accountId])
}

export async function setActiveAccount(ctx: WorkerContext, accountId: string | null): Promise<void> {
  if (accountId !== null) await requireAccount(ctx, accountId)
  await writeItems(ctx.areas, [write(items.activeAccountId, accountId)])
}

/** The signed-in account after the active one, wrapping around; the active one when none other is signed in. */
export function nextAccountId(accounts: readonly AccountSummary[], activeId: string | null): string | null {
  const candidates = accounts.filter((a) => a.status === 'signedIn' || a.id === activeId)
  if (candidates.length === 0) return null
  const index = candidates.findIndex((a) => a.id === activeId)
  return candidates[(index + 1) % candidates.length]?.id ?? null
}
