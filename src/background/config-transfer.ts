// Export and import of Lanyard's configuration (issue 5): projects, account colours and alert
// choices, and settings. Never a secret: the export is built field by field from the non-secret
// records, and an import can only change those. An import checks every entry on its own and reports
// each one it skipped and why, instead of refusing the whole file for one bad line.
import * as v from 'valibot'
import { validateEndpoint } from '../appwrite/endpoint.ts'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { alertsEnabled, MAX_ALERT_INTERVAL_MINUTES, MAX_IDLE_MINUTES, type AlertSettings, type LockSettings } from '../shared/lock-and-alerts.ts'

export const CONFIG_FORMAT = 'lanyard-config'
export const CONFIG_VERSION = 1
/** A real configuration is a few kilobytes; this keeps a wrong file from tying up the worker. */
export const MAX_CONFIG_BYTES = 1_000_000

export interface ProjectEntry {
  endpoint: string
  projectId: string
  label: string
  color: string
}

export interface AccountEntry {
  endpoint: string
  projectId: string
  userId: string
  /** A hint for people reading the file; accounts are matched by project and user id. */
  email: string
  color: string
  alerts: boolean
}

export interface SettingsEntry {
  refreshIntervalMinutes?: number
  autoLock?: LockSettings
  alertIntervalMinutes?: number
}

export interface ConfigFile {
  format: typeof CONFIG_FORMAT
  version: typeof CONFIG_VERSION
  exportedAt: string
  projects: ProjectEntry[]
  accounts: AccountEntry[]
  settings: SettingsEntry
}

export interface Skipped {
  /** Which part of the file, as a person finds it: `projects[2]`, `settings.autoLock`. */
  item: string
  reason: string
}

export interface ExportSource {
  projects: readonly Project[]
  accounts: readonly AccountSummary[]
  refreshIntervalMinutes: number
  lockSettings: LockSettings
  alertSettings: AlertSettings
}

export function buildConfigExport(source: ExportSource, now: Date): ConfigFile {
  const projectsById = new Map(source.projects.map((p) => [p.id, p]))
  return {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    exportedAt: now.toISOString(),
    projects: source.projects.map((p) => ({ endpoint: p.endpoint, projectId: p.projectId, label: p.label, color: p.color })),
    accounts: source.accounts.flatMap((a) => {
      const project = projectsById.get(a.projectId)
      if (!project) return []
      return [{ endpoint: project.endpoint, projectId: project.projectId, userId: a.userId, email: a.email, color: a.color,
        alerts: alertsEnabled(source.alertSettings, a.id) }]
    }),
    settings: {
      refreshIntervalMinutes: source.refreshIntervalMinutes,
      autoLock: source.lockSettings,
      alertIntervalMinutes: source.alertSettings.intervalMinutes,
    },
  }
}

const color = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'a colour must be written #rrggbb'))
const appwriteId = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}$/, 'not an Appwrite id'))
const label = v.pipe(v.string(), v.trim(), v.minLength(1, 'the label is empty'), v.maxLength(256, 'the label is longer than 256 characters'))
const minutes = (max: number) => v.pipe(v.number(), v.minValue(1, 'must be at least 1 minute'), v.maxValue(max, `must be at most ${max} minutes`))

const ProjectEntrySchema = v.object({ endpoint: v.string(), projectId: appwriteId, label, color })
const AccountEntrySchema = v.object({
  endpoint: v.string(),
  projectId: appwriteId,
  userId: appwriteId,
  email: v.optional(v.pipe(v.string(), v.maxLength(320)), ''),
  color,
  alerts: v.optional(v.boolean(), true),
})
const settingSchemas = {
  refreshIntervalMinutes: minutes(1440),
  autoLock: v.object({ idleMinutes: v.nullable(minutes(MAX_IDLE_MINUTES)), onSystemLock: v.boolean() }),
  alertIntervalMinutes: minutes(MAX_ALERT_INTERVAL_MINUTES),
} satisfies { [K in keyof SettingsEntry]-?: v.GenericSchema<unknown, NonNullable<SettingsEntry[K]>> }

export type ParsedConfig = { ok: true; projects: ProjectEntry[]; accounts: AccountEntry[]; settings: SettingsEntry; skipped: Skipped[] } | { ok: false; reason: string }

const reasonOf = (issues: v.BaseIssue<unknown>[]) =>
  issues.map((issue) => (issue.path?.length ? `${issue.path.map((p) => String(p.key)).join('.')}: ` : '') + issue.message).join('; ')

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const KNOWN_KEYS = new Set(['format', 'version', 'exportedAt', 'projects', 'accounts', 'settings'])

function entries(value: unknown, name: string, skipped: Skipped[]): unknown[] {
  if (value === undefined) return []
  if (Array.isArray(value)) return value
  skipped.push({ item: name, reason: 'not a list' })
  return []
}

/** Checks a file a person picked. Only a file that is not a Lanyard configuration at all fails as a whole. */
export function parseConfigFile(text: string): ParsedConfig {
  if (new TextEncoder().encode(text).length > MAX_CONFIG_BYTES) return { ok: false, reason: 'The file is larger than 1 MB: not a Lanyard configuration.' }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'The file is not JSON: not a Lanyard configuration.' }
  }
  if (!isRecord(data) || data.format !== CONFIG_FORMAT) return { ok: false, reason: 'This file is not a Lanyard configuration export.' }
  if (data.version !== CONFIG_VERSION) return { ok: false, reason: `This configuration has version ${String(data.version)}; this Lanyard reads version ${CONFIG_VERSION}.` }

  const skipped: Skipped[] = Object.keys(data)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => ({ item: key, reason: 'unknown field, ignored' }))

  const projects: ProjectEntry[] = []
  entries(data.projects, 'projects', skipped).forEach((raw, index) => {
    const item = `projects[${index}]`
    const parsed = v.safeParse(ProjectEntrySchema, raw)
    if (!parsed.success) return skipped.push({ item, reason: reasonOf(parsed.issues) })
    const endpoint = validateEndpoint(parsed.output.endpoint)
    if (!endpoint.ok) return skipped.push({ item, reason: endpoint.error.message })
    const entry = { ...parsed.output, endpoint: endpoint.endpoint }
    if (projects.some((p) => p.endpoint === entry.endpoint && p.projectId === entry.projectId)) return skipped.push({ item, reason: 'the same project appears earlier in the file' })
    projects.push(entry)
  })

  const accounts: AccountEntry[] = []
  entries(data.accounts, 'accounts', skipped).forEach((raw, index) => {
    const item = `accounts[${index}]`
    const parsed = v.safeParse(AccountEntrySchema, raw)
    if (!parsed.success) return skipped.push({ item, reason: reasonOf(parsed.issues) })
    const endpoint = validateEndpoint(parsed.output.endpoint)
    const project = endpoint.ok ? projects.find((p) => p.endpoint === endpoint.endpoint && p.projectId === parsed.output.projectId) : undefined
    if (!project) return skipped.push({ item, reason: 'its project is not among the valid projects of the file' })
    accounts.push({ ...parsed.output, endpoint: project.endpoint })
  })

  const settings: SettingsEntry = {}
  if (data.settings !== undefined && !isRecord(data.settings)) skipped.push({ item: 'settings', reason: 'not an object' })
  const rawSettings = isRecord(data.settings) ? data.settings : {}
  for (const [key, value] of Object.entries(rawSettings)) {
    const item = `settings.${key}`
    if (!Object.hasOwn(settingSchemas, key)) {
      skipped.push({ item, reason: 'unknown setting, ignored' })
      continue
    }
    const name = key as keyof typeof settingSchemas
    const parsed = v.safeParse(settingSchemas[name], value)
    if (!parsed.success) skipped.push({ item, reason: reasonOf(parsed.issues) })
    else Object.assign(settings, { [name]: parsed.output })
  }
  return { ok: true, projects, accounts, settings, skipped }
}
