// Which held accounts fit the app in a tab, where Lanyard can tell (issue 7): the SDK's
// `cookieFallback` entries in the page's storage name the Appwrite project ids it uses, and session
// cookies on a project's endpoint show a browser-held session. Only names and user ids come back.
// A project with an App URL is recognised by it instead (issue 14): its accounts fit the tab showing
// that origin, and the endpoint's cookies, which no tab owns, say nothing about any other tab.
import { appUrlOrigin } from '../../shared/app-url.ts'
import type { AccountSummary, Project, TabIdentityView } from '../../shared/protocol.ts'
import { items, readItems } from '../../shared/storage.ts'
import { appOriginPattern, endpointCookiePermissions } from '../../shared/tab-permissions.ts'
import type { WorkerContext } from '../context.ts'
import { hasPermissions } from './permissions.ts'
import { listSessionCookies, sessionCookieName, userIdOfSession } from './endpoint-cookies.ts'
import { fallbackUsers } from './page-storage.ts'
import { findTabRecord, toIdentity } from './records.ts'
import { noticeSignOut } from './restore-tab.ts'
import { tabOrigin } from './tabs.ts'

interface PageUser {
  projectId: string
  userId: string | null
}

async function usersInPageStorage(ctx: WorkerContext, tabId: number, appOrigin: string, projects: Project[]): Promise<PageUser[]> {
  if (!(await hasPermissions(ctx.browser, { permissions: ['scripting'], origins: [appOriginPattern(appOrigin)] }))) return []
  const entries = await fallbackUsers(ctx.browser, tabId).catch(() => [])
  return projects.flatMap((project) => {
    const entry = entries.find((e) => e.entryName === sessionCookieName(project.projectId))
    return entry ? [{ projectId: project.id, userId: entry.userId }] : []
  })
}

/** The cookie the server reads first: `a_session_<pid>`, else `_legacy` (docs/appwrite/wire.md section 1.1). */
async function usersInEndpointCookies(ctx: WorkerContext, projects: Project[]): Promise<PageUser[]> {
  const found: PageUser[] = []
  for (const project of projects) {
    if (!(await hasPermissions(ctx.browser, endpointCookiePermissions(project.endpoint)))) continue
    const cookies = await listSessionCookies(ctx.browser, project.endpoint, project.projectId)
    const first = cookies.find((c) => c.name === sessionCookieName(project.projectId)) ?? cookies[0]
    if (first) found.push({ projectId: project.id, userId: userIdOfSession(first.value) })
  }
  return found
}

function fitting(accounts: AccountSummary[], projectIds: Set<string>): string[] {
  return accounts.filter((a) => projectIds.has(a.projectId)).map((a) => a.id)
}

export async function getTabIdentity(ctx: WorkerContext, tabId: number): Promise<TabIdentityView> {
  const record = await findTabRecord(ctx, tabId)
  // Opening the popup on a borrowing tab is a good moment to notice that the app signed out.
  if (record !== null) await noticeSignOut(ctx, record.accountId)
  const seen = await tabOrigin(ctx.browser, tabId)
  const appOrigin = seen?.origin ?? null
  const inEffect = record === null ? null : toIdentity(record)
  if (appOrigin === null) return { tabId, appOrigin, inEffect, fittingAccountIds: [], pageUsers: [] }

  const { projects: all, accounts } = await readItems(ctx.areas, { projects: items.projects, accounts: items.accounts })
  const byAppUrl = all.filter((p) => appUrlOrigin(p) === appOrigin)
  // Projects with an App URL elsewhere are another app's; the rest are told by what the page holds, as before.
  const projects = all.filter((p) => p.appUrl === undefined || byAppUrl.includes(p))
  const fromCookies = await usersInEndpointCookies(ctx, projects)
  const fromStorage = await usersInPageStorage(ctx, tabId, appOrigin, projects)
  // A cookie beats the page's fallback on the server, so it names the user when both exist.
  const users = [...fromCookies, ...fromStorage.filter((s) => !fromCookies.some((c) => c.projectId === s.projectId))]
  return {
    tabId,
    appOrigin,
    inEffect,
    fittingAccountIds: fitting(accounts, new Set([...byAppUrl.map((p) => p.id), ...users.map((u) => u.projectId)])),
    pageUsers: users.flatMap((u) => (u.userId === null ? [] : [{ projectId: u.projectId, userId: u.userId }])),
  }
}
