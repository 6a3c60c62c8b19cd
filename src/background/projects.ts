// The configured projects: stored as one list record, mirrored into the Origin-removing DNR rule.
import { probeProject, validateEndpoint } from '../appwrite/index.ts'
import { normalizeAppUrl } from '../shared/app-url.ts'
import { endpointOriginPattern } from '../shared/origin-pattern.ts'
import type { InputOf, Project } from '../shared/protocol.ts'
import { items, readItem, readItems, write, writeItems } from '../shared/storage.ts'
import { forgetAccountRecords } from './accounts.ts'
import type { WorkerContext } from './context.ts'
import { WorkerError } from './errors.ts'
import { syncOriginRule } from './origin-rule.ts'
import { paletteColor } from './palette.ts'

export function loadProjects(ctx: WorkerContext): Promise<Project[]> {
  return readItem(ctx.areas, items.projects)
}

export async function requireProject(ctx: WorkerContext, id: string): Promise<Project> {
  const project = (await loadProjects(ctx)).find((p) => p.id === id)
  if (!project) throw WorkerError.of('lanyard_unknown_project', 404, 'This project is no longer in Lanyard. Add it again.')
  return project
}

/** Rebuilds the DNR rule from the stored list: called on every list change and on install/startup. */
export async function rebuildOriginRule(ctx: WorkerContext): Promise<void> {
  await syncOriginRule(ctx.browser, await loadProjects(ctx), ctx.extensionHost)
}

/**
 * Validates the endpoint, checks the host permission, probes the project, then stores it.
 * A host outside the manifest's host_permissions needs an optional grant that only a page can
 * request (a user gesture): the reply `lanyard_permission_required` names the pattern in its
 * message, the page computes the same pattern with `endpointOriginPattern`, requests it, and retries.
 */
/** The App URL as given: undefined for none (absent or ''), else normalised, or a clear input error. */
function appUrlOf(input: string | undefined): string | undefined {
  if (input === undefined || input.trim() === '') return undefined
  const normalized = normalizeAppUrl(input)
  if (normalized === null) {
    throw WorkerError.of('lanyard_invalid_input', 400, 'The App URL must be the http or https address of your web app, for example https://app.example.com/.')
  }
  return normalized
}

export async function addProject(ctx: WorkerContext, input: InputOf<'addProject'>): Promise<Project> {
  const checked = validateEndpoint(input.endpoint)
  if (!checked.ok) throw new WorkerError(checked.error)
  const appUrl = appUrlOf(input.appUrl)
  const endpoint = checked.endpoint
  const pattern = endpointOriginPattern(endpoint)
  if (!(await ctx.browser.permissions.contains({ origins: [pattern] }))) {
    throw WorkerError.of(
      'lanyard_permission_required',
      403,
      `Lanyard needs permission to reach ${pattern}. Allow it when the browser asks, then add the project again.`,
    )
  }
  const existing = (await loadProjects(ctx)).find((p) => p.endpoint === endpoint && p.projectId === input.projectId)
  if (existing) return existing

  const probe = await probeProject(endpoint, input.projectId)
  if (!probe.ok) throw new WorkerError(probe.error)

  const project = await ctx.serialize(async () => {
    const projects = await loadProjects(ctx)
    const again = projects.find((p) => p.endpoint === endpoint && p.projectId === input.projectId)
    if (again) return again
    const added: Project = {
      id: ctx.newId(),
      endpoint,
      projectId: input.projectId,
      label: input.label?.trim() || `${input.projectId} · ${new URL(endpoint).host}`,
      color: input.color ?? paletteColor(projects.length),
      ...(probe.version === '' ? {} : { serverVersion: probe.version }),
      ...(appUrl === undefined ? {} : { appUrl }),
    }
    await writeItems(ctx.areas, [write(items.projects, [...projects, added])])
    return added
  })
  await rebuildOriginRule(ctx)
  return project
}

export async function updateProject(ctx: WorkerContext, input: InputOf<'updateProject'>): Promise<Project> {
  const appUrl = appUrlOf(input.appUrl)
  return ctx.serialize(async () => {
    const projects = await loadProjects(ctx)
    const current = projects.find((p) => p.id === input.id)
    if (!current) throw WorkerError.of('lanyard_unknown_project', 404, 'This project is no longer in Lanyard. Add it again.')
    // An absent appUrl keeps the current one; '' removes it.
    const { appUrl: currentAppUrl, ...rest } = current
    const nextAppUrl = input.appUrl === undefined ? currentAppUrl : appUrl
    const updated: Project = {
      ...rest,
      label: input.label?.trim() || current.label,
      color: input.color ?? current.color,
      ...(nextAppUrl === undefined ? {} : { appUrl: nextAppUrl }),
    }
    await writeItems(ctx.areas, [write(items.projects, projects.map((p) => (p.id === updated.id ? updated : p)))])
    return updated
  })
}

/**
 * Records the version the server names now (it changes when a server is upgraded). Nothing is
 * written when it is unchanged or unknown, so a refresh costs no storage write.
 */
export async function noteServerVersion(ctx: WorkerContext, id: string, version: string): Promise<void> {
  if (version === '') return
  await ctx.serialize(async () => {
    const projects = await loadProjects(ctx)
    const current = projects.find((p) => p.id === id)
    if (!current || current.serverVersion === version) return
    const updated: Project = { ...current, serverVersion: version }
    await writeItems(ctx.areas, [write(items.projects, projects.map((p) => (p.id === id ? updated : p)))])
  })
}

/**
 * Forgets the project and its accounts locally. The lists and the active pointer change in one
 * storage call; the orphaned secrets and snapshots are cleaned up after (a stop in between only
 * leaves unreachable records).
 */
export async function removeProject(ctx: WorkerContext, id: string): Promise<string[]> {
  const removedAccountIds = await ctx.serialize(async () => {
    const state = await readItems(ctx.areas, { projects: items.projects, accounts: items.accounts, active: items.activeAccountId })
    if (!state.projects.some((p) => p.id === id)) return null
    const removed = state.accounts.filter((a) => a.projectId === id).map((a) => a.id)
    const accounts = state.accounts.filter((a) => a.projectId !== id)
    const active = state.active !== null && removed.includes(state.active) ? (accounts[0]?.id ?? null) : state.active
    await writeItems(ctx.areas, [
      write(items.projects, state.projects.filter((p) => p.id !== id)),
      write(items.accounts, accounts),
      write(items.activeAccountId, active),
    ])
    return removed
  })
  if (removedAccountIds === null) throw WorkerError.of('lanyard_unknown_project', 404, 'This project is no longer in Lanyard.')
  await forgetAccountRecords(ctx, removedAccountIds)
  await rebuildOriginRule(ctx)
  return removedAccountIds
}
