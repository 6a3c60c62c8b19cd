// Export and import of the configuration (issue 5). The file format and its checks are in
// config-transfer.ts; this applies a checked file through the same functions the pages use.
import { endpointOriginPattern } from '../../shared/origin-pattern.ts'
import type { Feature, Handlers } from '../spine.ts'
import type { ImportReport } from '../../shared/lock-and-alerts.ts'
import { items, readItem, readItems, write, writeItems } from '../../shared/storage.ts'
import { updateAccount } from '../accounts.ts'
import { buildConfigExport, parseConfigFile, type AccountEntry, type ProjectEntry, type SettingsEntry } from '../config-transfer.ts'
import type { WorkerContext } from '../context.ts'
import { replyError, WorkerError } from '../errors.ts'
import { addProject, loadProjects, updateProject } from '../projects.ts'
import { REFRESH_ALARM } from '../refresh.ts'
import { saveAlertSettings } from './alerts.ts'
import { saveLockSettings } from './lock.ts'

const sameProject = (a: Pick<ProjectEntry, 'endpoint' | 'projectId'>, b: Pick<ProjectEntry, 'endpoint' | 'projectId'>) =>
  a.endpoint === b.endpoint && a.projectId === b.projectId

async function importProjects(ctx: WorkerContext, entries: ProjectEntry[], report: ImportReport): Promise<void> {
  for (const entry of entries) {
    const existing = (await loadProjects(ctx)).find((p) => sameProject(p, entry))
    const item = `project "${entry.label}" (${entry.endpoint})`
    try {
      if (existing) {
        if (existing.label === entry.label && existing.color === entry.color) continue
        await updateProject(ctx, { id: existing.id, label: entry.label, color: entry.color })
        report.projectsUpdated++
      } else if (!(await ctx.browser.permissions.contains({ origins: [endpointOriginPattern(entry.endpoint)] }))) {
        report.skipped.push({ item, reason: 'Lanyard has no permission for this host yet: add the project by hand, then import again.' })
      } else {
        await addProject(ctx, entry)
        report.projectsAdded++
      }
    } catch (error) {
      report.skipped.push({ item, reason: replyError(error).message })
    }
  }
}

async function importAccounts(ctx: WorkerContext, entries: AccountEntry[], report: ImportReport): Promise<void> {
  const { projects, accounts } = await readItems(ctx.areas, { projects: items.projects, accounts: items.accounts })
  for (const entry of entries) {
    const project = projects.find((p) => sameProject(p, entry))
    const account = project && accounts.find((a) => a.projectId === project.id && a.userId === entry.userId)
    if (!account) {
      report.skipped.push({ item: `account ${entry.email || entry.userId}`, reason: 'not in Lanyard: sign in to it first, then import again.' })
      continue
    }
    if (account.color !== entry.color) await updateAccount(ctx, account.id, (a) => ({ ...a, color: entry.color }))
    await saveAlertSettings(ctx, (s) => {
      const others = s.disabledAccountIds.filter((id) => id !== account.id)
      return { ...s, disabledAccountIds: entry.alerts ? others : [...others, account.id] }
    })
    report.accountsUpdated++
  }
}

async function importSettings(ctx: WorkerContext, settings: SettingsEntry, report: ImportReport): Promise<void> {
  if (settings.refreshIntervalMinutes !== undefined) {
    const refreshIntervalMinutes = settings.refreshIntervalMinutes
    await ctx.serialize(async () => {
      const current = await readItem(ctx.areas, items.settings)
      await writeItems(ctx.areas, [write(items.settings, { ...current, refreshIntervalMinutes })])
    })
    await ctx.browser.alarms.create(REFRESH_ALARM, { periodInMinutes: refreshIntervalMinutes })
    report.settingsApplied.push('refreshIntervalMinutes')
  }
  if (settings.autoLock !== undefined) {
    await saveLockSettings(ctx, settings.autoLock)
    report.settingsApplied.push('autoLock')
  }
  if (settings.alertIntervalMinutes !== undefined) {
    const intervalMinutes = settings.alertIntervalMinutes
    await saveAlertSettings(ctx, (s) => ({ ...s, intervalMinutes }))
    report.settingsApplied.push('alertIntervalMinutes')
  }
}

export function backupFeature(ctx: WorkerContext): Feature {
  const requests = {
    async exportConfig() {
      const found = await readItems(ctx.areas, {
        projects: items.projects,
        accounts: items.accounts,
        settings: items.settings,
        lockSettings: items.lockSettings,
        alertSettings: items.alertSettings,
      })
      const file = buildConfigExport({ ...found, refreshIntervalMinutes: found.settings.refreshIntervalMinutes }, new Date(ctx.now()))
      return { fileName: `lanyard-config-${file.exportedAt.slice(0, 10)}.json`, text: JSON.stringify(file, null, 2) }
    },
    async importConfig(input) {
      const parsed = parseConfigFile(input.text)
      if (!parsed.ok) throw new WorkerError({ type: 'lanyard_invalid_config', code: 400, message: parsed.reason })
      const report: ImportReport = { projectsAdded: 0, projectsUpdated: 0, accountsUpdated: 0, settingsApplied: [], skipped: [...parsed.skipped] }
      await importProjects(ctx, parsed.projects, report)
      await importAccounts(ctx, parsed.accounts, report)
      await importSettings(ctx, parsed.settings, report)
      return report
    },
  } satisfies Partial<Handlers>
  return { requests }
}
