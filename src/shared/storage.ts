// The storage registry: every item Lanyard keeps, declared once with its key (or key pattern),
// area, schema, fallback and layout version. Nothing else in src/ spells a storage key.
//
// Pages read the page-readable items straight from storage.local to paint at once
// (docs/architecture.md "Flows"); only the worker writes. Session secrets live solely in the worker's
// `vault:` items, as AES-GCM ciphertext, and nothing in storage is a secret in plain form.
//
// Versions: 0.1.0 wrote layout 1. An item's `version` is the layout in which its shape or key last
// changed; each change comes with a step in `migrations` below, which the worker runs before anything
// reads (src/background/storage-migrations.ts, tested from a real 0.1.0 dump).
import type { ActivityEvent, SessionWatch } from './activity.ts'
import * as shape from './shape.ts'
import { DEFAULT_ALERT_SETTINGS, DEFAULT_LOCK_SETTINGS, type AlertSettings, type LockSettings, type SignInAlert } from './lock-and-alerts.ts'
import type { AccountSummary, ActingState, ActingTarget, ErrorData, LogsPage, Project, Snapshot, TabIdentityMode } from './protocol.ts'

export type AreaName = 'local' | 'session'

export interface StorageItem<T> {
  area: AreaName
  key: string
  fallback: T
  /** A shape check, not a proof: a stored value that fails it is damaged or foreign. */
  schema: shape.Shape
  /** The layout version in which this item last changed. */
  version: number
}

function item<T>(area: AreaName, key: string, schema: shape.Shape, fallback: T, version = 1): StorageItem<T> {
  return { area, key, schema, fallback, version }
}

export interface Settings {
  /** How often the worker refreshes the active account's snapshot in the background. */
  refreshIntervalMinutes: number
}

export const defaultSettings: Settings = { refreshIntervalMinutes: 15 }

/** A secret sealed by the vault: AES-GCM-256, base64 fields, bound to what it belongs to. */
export interface SealedSecret {
  v: 1
  /** Which key sealed it: `device` or `passphrase` (src/background/vault-lock.ts). */
  keySource: string
  iv: string
  ciphertext: string
}

export interface KdfParams {
  name: 'PBKDF2-SHA256'
  iterations: number
  /** base64 */
  salt: string
}

export type VaultProtection = { kind: 'device' } | { kind: 'passphrase'; kdf: KdfParams; check: SealedSecret }

/** The one pointer a passphrase change switches: which generation of secret records is current. */
export interface VaultState {
  v: 1
  generation: string
  protection: VaultProtection
}

/** The passphrase key while unlocked: its bytes sealed under the device key, for one generation. */
export interface UnlockedKey {
  generation: string
  sealed: SealedSecret
}

/** Wrong passphrases so far, for the growing wait (src/background/unlock-throttle.ts). */
export interface UnlockFailures {
  count: number
  lastFailureAt: number
}

/** What "Use in this tab" replaced in one tab; `replaced` is sealed (docs/tab-identity.md section 1.6). */
export interface TabRecord {
  v: 1
  tabId: number
  accountId: string
  /** Lanyard's project id. */
  projectId: string
  mode: TabIdentityMode
  appOrigin: string
  endpoint: string
  appwriteProjectId: string
  since: number
  ruleId: number | null
  replaced: SealedSecret
  /** "Use in this tab as" (issue 15): the rule also names this user as the impersonation target. */
  actingAs?: ActingTarget
}

/**
 * A sign-out that failed when its account or project was removed (offline, locked, a server error):
 * the session stays sealed, as the vault held it, until the server confirms its end or the person
 * chooses "Forget without signing out" (src/background/pending-sign-outs.ts).
 */
export interface PendingSignOut {
  v: 1
  /** The removed account's id. */
  accountId: string
  /** The account and project as the person knew them, for the list. */
  label: string
  projectLabel: string
  endpoint: string
  appwriteProjectId: string
  serverVersion?: string
  since: number
  attempts: number
  /** Why the last try failed, as a reply would name it. */
  lastError: ErrorData | null
  /** The account's vault record, bound to `accountId`, under the vault's key. */
  secret: SealedSecret
}

/** Which layout the stored items are in, and keys a finished step still has to remove. */
export interface StorageLayout {
  version: number
  leftovers: string[]
}

/** The first generation of secret records. 0.1.0 named it '' and its records `vault:<accountId>`. */
export const INITIAL_GENERATION = 'initial'
export const NO_FAILURES: UnlockFailures = { count: 0, lastFailureAt: 0 }

// Shape checks (shape.ts): loose objects, so a newer worker's extra fields survive an older reader.
const str = shape.string
const num = shape.number
const count: shape.Shape = (value) => Number.isSafeInteger(value) && (value as number) >= 0
const sealedSchema = shape.object({ v: shape.literal(1), keySource: str, iv: str, ciphertext: str })
// `serverVersion` and `appUrl` (issue 14) are optional: records written before them simply lack them
// ("not yet known", "no App URL"), so adding them needed no layout version and no migration step.
const projectSchema = shape.object({
  id: str,
  endpoint: str,
  projectId: str,
  label: str,
  color: str,
  serverVersion: shape.optional(str),
  appUrl: shape.optional(str),
})
const accountSchema = shape.object({
  id: str,
  projectId: str,
  userId: str,
  email: str,
  name: str,
  phone: str,
  color: str,
  status: shape.oneOf(['signedIn', 'signedOut', 'blocked', 'needsSecondFactor']),
  sessionId: str,
  addedAt: num,
  // Optional (issue 14): records without it are simply not flagged, so it needed no migration step.
  endedOnServer: shape.optional(shape.boolean),
})
const errorSchema = shape.object({ type: str, code: num, message: str })
const logsPageSchema = shape.object({ logs: shape.arrayOf(shape.object({})), total: num })
const snapshotSchema = shape.nullable(
  shape.object({
    accountId: str,
    account: shape.nullable(shape.object({ $id: str })),
    sessions: shape.nullable(shape.arrayOf(shape.object({ $id: str }))),
    logsFirstPage: shape.nullable(logsPageSchema),
    prefs: shape.nullable(shape.recordOf(shape.unknown)),
    fetchedAt: num,
    error: shape.optional(errorSchema),
  }),
)
const factsShape = { sessionId: str }
const activitySchema = shape.arrayOf(shape.object({ ...factsShape, at: num, kind: str }))
const watchSchema = shape.object({
  known: shape.nullable(shape.arrayOf(shape.object(factsShape))),
  own: shape.arrayOf(str),
  // Optional: watches written before it was added simply have revoked nothing since, so no migration step.
  ended: shape.optional(shape.arrayOf(str)),
})
const alertSchema = shape.object({ id: str, accountId: str, sessionId: str, account: str, device: str, location: str, ip: str, at: num })
const lockSettingsSchema = shape.object({ idleMinutes: shape.nullable(num), onSystemLock: shape.boolean })
const alertSettingsSchema = shape.object({ intervalMinutes: num, disabledAccountIds: shape.arrayOf(str) })
const kdfSchema = shape.object({ name: shape.literal('PBKDF2-SHA256'), iterations: num, salt: str })
const vaultStateSchema = shape.object({
  v: shape.literal(1),
  generation: str,
  protection: shape.variant('kind', {
    device: shape.object({}),
    passphrase: shape.object({ kdf: kdfSchema, check: sealedSchema }),
  }),
})
const actingTargetSchema = shape.object({ userId: str, email: str, phone: str, name: str })
const tabRecordSchema = shape.object({
  v: shape.literal(1),
  tabId: num,
  accountId: str,
  projectId: str,
  mode: shape.oneOf(['fallback', 'cookie', 'tab']),
  appOrigin: str,
  endpoint: str,
  appwriteProjectId: str,
  since: num,
  ruleId: shape.nullable(num),
  replaced: sealedSchema,
  // Optional (issue 15): records without it are plain tab identities, so it needed no migration step.
  actingAs: shape.optional(actingTargetSchema),
})
const actingStateSchema = shape.object({
  accountId: str,
  target: actingTargetSchema,
  profile: shape.object({ $id: str }),
  scope: shape.oneOf(['account', 'allAccountRoutes']),
  since: num,
})
const pendingSignOutSchema = shape.object({
  v: shape.literal(1),
  accountId: str,
  label: str,
  projectLabel: str,
  endpoint: str,
  appwriteProjectId: str,
  serverVersion: shape.optional(str),
  since: num,
  attempts: num,
  lastError: shape.nullable(errorSchema),
  secret: sealedSchema,
})

/** Per-account item families: `<prefix><accountId>`. */
const SNAPSHOT_PREFIX = 'snapshot:'
const SNAPSHOT_LOGS_PREFIX = 'snapshotLogs:'
const ACTIVITY_PREFIX = 'activity:'
/** `activityPage:<accountId>:<slot>` and `activitySealed:<accountId>` (src/shared/timeline.ts). */
const ACTIVITY_PAGE_PREFIX = 'activityPage:'
const ACTIVITY_SEALED_PREFIX = 'activitySealed:'
const WATCH_PREFIX = 'sessionWatch:'
/** `vault:<generation>:<accountId>` */
export const SECRET_PREFIX = 'vault:'

export const items = {
  // Page-readable, written by the worker.
  projects: item<Project[]>('local', 'projects', shape.arrayOf(projectSchema), []),
  accounts: item<AccountSummary[]>('local', 'accounts', shape.arrayOf(accountSchema), []),
  activeAccountId: item<string | null>('local', 'activeAccountId', shape.nullable(str), null),
  settings: item<Settings>('local', 'settings', shape.object({ refreshIntervalMinutes: num }), defaultSettings),
  /** Non-secret cached view of the account; `null` while the vault is locked. */
  snapshot: (accountId: string) => item<Snapshot | null>('local', SNAPSHOT_PREFIX + accountId, snapshotSchema, null),
  /**
   * The snapshot's first page of server logs (1.9.6), kept apart so that a write of its sessions or
   * profile does not rewrite up to 25 logs (src/shared/snapshot-record.ts); `null` while locked or
   * before the first refresh. New with a fallback: layout 2 kept the page inside the snapshot, where it is still read.
   */
  snapshotLogs: (accountId: string) => item<LogsPage | null>('local', SNAPSHOT_LOGS_PREFIX + accountId, shape.nullable(logsPageSchema), null),
  /** True while a passphrase vault is locked: pages show the unlock form (the worker treats it as locked too). */
  vaultLocked: item<boolean>('local', 'vaultLocked', shape.boolean, false),
  lockSettings: item<LockSettings>('local', 'lockSettings', lockSettingsSchema, DEFAULT_LOCK_SETTINGS),
  alertSettings: item<AlertSettings>('local', 'alertSettings', alertSettingsSchema, DEFAULT_ALERT_SETTINGS),
  /** Sign-in alerts not yet acknowledged; their count is the toolbar badge. */
  signInAlerts: item<SignInAlert[]>('local', 'signInAlerts', shape.arrayOf(alertSchema), []),
  /** When the sign-in check last ran (epoch ms), for "last checked N minutes ago"; `null`: never. */
  signInCheckedAt: item<number | null>('local', 'signInCheckedAt', shape.nullable(num), null),
  /** Set once the person answered the first-run offer to set a passphrase. */
  passphraseOfferDone: item<boolean>('local', 'passphraseOfferDone', shape.boolean, false),
  /**
   * Lanyard's own security timeline of the account, oldest first: its newest events here (the head),
   * older ones in sealed pages, so an append rewrites a few kB however long the timeline is
   * (src/shared/timeline.ts). Layout 2 kept the whole timeline here; the next append pages it.
   */
  activity: (accountId: string) => item<ActivityEvent[]>('local', ACTIVITY_PREFIX + accountId, activitySchema, []),
  /** One sealed page of the timeline, in a ring of slots. New with a fallback: an older layout has none. */
  activityPage: (accountId: string, slot: number) => item<ActivityEvent[]>('local', `${ACTIVITY_PAGE_PREFIX}${accountId}:${slot}`, activitySchema, []),
  /** How many pages of the timeline were ever sealed: which slots hold pages, and in what order. */
  activitySealed: (accountId: string) => item<number>('local', ACTIVITY_SEALED_PREFIX + accountId, count, 0),
  /** The tab identities in effect, by tab id; what they replaced is sealed. */
  tabIdentities: item<Record<string, TabRecord>>('local', 'tabIdentities', shape.recordOf(tabRecordSchema), {}),
  /**
   * Operator accounts acting as another user in Lanyard's pages, by operator account id (issue 15).
   * New in layout 2 with a fallback: an older layout simply has none, so no migration step.
   */
  actingStates: item<Record<string, ActingState>>('local', 'actingStates', shape.recordOf(actingStateSchema), {}),
  /** Sign-outs still to be done for removed accounts; their sessions are sealed. */
  pendingSignOuts: item<PendingSignOut[]>('local', 'pendingSignOuts', shape.arrayOf(pendingSignOutSchema), []),

  // Worker only.
  /** The account's sessions as last listed, to tell new ones. */
  sessionWatch: (accountId: string) => item<SessionWatch>('local', WATCH_PREFIX + accountId, watchSchema, { known: null, own: [] }),
  vaultState: item<VaultState>('local', 'vaultState', vaultStateSchema, { v: 1, generation: INITIAL_GENERATION, protection: { kind: 'device' } }, 2),
  /** One account's session, sealed under the generation's key. */
  secret: (generation: string, accountId: string) =>
    item<SealedSecret | null>('local', `${SECRET_PREFIX}${generation}:${accountId}`, shape.nullable(sealedSchema), null, 2),
  unlockFailures: item<UnlockFailures>('local', 'unlockFailures', shape.object({ count: num, lastFailureAt: num }), NO_FAILURES),
  /** Only while unlocked, and only in memory (storage.session). */
  unlockedKey: item<UnlockedKey | null>('session', 'unlockedKey', shape.nullable(shape.object({ generation: str, sealed: sealedSchema })), null),
  storageLayout: item<StorageLayout | null>('local', 'storageLayout', shape.nullable(shape.object({ version: num, leftovers: shape.arrayOf(str) })), null),
}

/** The layout this build writes. */
export const LAYOUT_VERSION = 2

function fixedItems(): StorageItem<unknown>[] {
  return Object.values(items).filter((entry) => typeof entry !== 'function') as StorageItem<unknown>[]
}

/** Every item of a family, for the registry's own checks: an example key per family. */
export function declaredItems(): StorageItem<unknown>[] {
  return [
    ...fixedItems(),
    items.snapshot('<accountId>'),
    items.snapshotLogs('<accountId>'),
    items.activity('<accountId>'),
    items.activityPage('<accountId>', 0),
    items.activitySealed('<accountId>'),
    items.sessionWatch('<accountId>'),
    items.secret('<generation>', '<accountId>'),
  ]
}

/** The declared item a stored key belongs to, or `undefined` for a key Lanyard never writes. */
export function itemForKey(area: AreaName, key: string): StorageItem<unknown> | undefined {
  const fixed = fixedItems().find((entry) => entry.key === key && entry.area === area)
  if (fixed !== undefined || area !== 'local') return fixed
  const rest = (prefix: string) => (key.startsWith(prefix) && key.length > prefix.length ? key.slice(prefix.length) : null)
  const snapshotId = rest(SNAPSHOT_PREFIX)
  if (snapshotId !== null) return items.snapshot(snapshotId)
  const logsId = rest(SNAPSHOT_LOGS_PREFIX)
  if (logsId !== null) return items.snapshotLogs(logsId)
  const activityId = rest(ACTIVITY_PREFIX)
  if (activityId !== null) return items.activity(activityId)
  const page = parsePageKey(rest(ACTIVITY_PAGE_PREFIX))
  if (page !== null) return items.activityPage(page.accountId, page.slot)
  const sealedId = rest(ACTIVITY_SEALED_PREFIX)
  if (sealedId !== null) return items.activitySealed(sealedId)
  const watchId = rest(WATCH_PREFIX)
  if (watchId !== null) return items.sessionWatch(watchId)
  const secret = parseSecretKey(key)
  return secret === null ? undefined : items.secret(secret.generation, secret.accountId)
}

/** `<accountId>:<slot>` of a timeline page's key split, or null when it is not one. */
function parsePageKey(rest: string | null): { accountId: string; slot: number } | null {
  if (rest === null) return null
  const separator = rest.lastIndexOf(':')
  const slot = rest.slice(separator + 1)
  if (separator <= 0 || !/^\d+$/.test(slot)) return null
  return { accountId: rest.slice(0, separator), slot: Number(slot) }
}

/** `vault:<generation>:<accountId>` split, or null for any other key (0.1.0's `vault:<accountId>` included). */
export function parseSecretKey(key: string): { generation: string; accountId: string } | null {
  if (!key.startsWith(SECRET_PREFIX)) return null
  const rest = key.slice(SECRET_PREFIX.length)
  const separator = rest.indexOf(':')
  if (separator <= 0 || separator === rest.length - 1) return null
  return { generation: rest.slice(0, separator), accountId: rest.slice(separator + 1) }
}

/** Whether a stored value has the item's shape. */
export function isValid(it: StorageItem<unknown>, value: unknown): boolean {
  return it.schema(value)
}

/** The value a page shows for a stored value: damaged or missing values read as the fallback. */
export function storedOrFallback<T>(it: StorageItem<T>, value: unknown): T {
  return value !== undefined && isValid(it, value) ? (value as T) : it.fallback
}

/** The part of `browser.storage.<area>` used here (the browser's areas satisfy it; tests use a fake). */
export interface StorageAreaLike {
  /** `null` reads every item of the area. */
  get(keys: string | string[] | null): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string | string[]): Promise<void>
}

export type StorageAreas = Record<AreaName, StorageAreaLike>

/**
 * A damaged record is never silently replaced by its fallback in the worker: the next write would
 * overwrite what may still be recoverable. The request fails instead, naming the item, not its value.
 */
export class DamagedStorageError extends Error {
  constructor(readonly key: string) {
    super(`Lanyard's stored "${key.split(':')[0]}" record is damaged.`)
    this.name = 'DamagedStorageError'
  }
}

function checked<T>(it: StorageItem<T>, found: Record<string, unknown>): T {
  if (!(it.key in found)) return it.fallback
  const value = found[it.key]
  if (!isValid(it, value)) throw new DamagedStorageError(it.key)
  return value as T
}

export async function readItem<T>(areas: StorageAreas, it: StorageItem<T>): Promise<T> {
  return checked(it, await areas[it.area].get(it.key))
}

type Values<T extends Record<string, StorageItem<unknown>>> = { [K in keyof T]: T[K] extends StorageItem<infer V> ? V : never }

/** Reads several items of one area in one call. */
export async function readItems<T extends Record<string, StorageItem<unknown>>>(areas: StorageAreas, wanted: T): Promise<Values<T>> {
  const list = Object.values(wanted)
  const area = list[0]?.area ?? 'local'
  if (list.some((it) => it.area !== area)) throw new Error('readItems reads one area at a time')
  const found = await areas[area].get(list.map((it) => it.key))
  const out: Record<string, unknown> = {}
  for (const [name, it] of Object.entries(wanted)) out[name] = checked(it, found)
  return out as Values<T>
}

/** One value for one item, to be written together with others in a single `set` call. */
export interface Write {
  item: StorageItem<unknown>
  value: unknown
}

export function write<T>(it: StorageItem<T>, value: T): Write {
  return { item: it, value }
}

/**
 * Writes several items of one area with ONE storage call, so a worker stopped mid-way leaves either
 * every old record or every new one (docs/architecture.md "Worker stopped at any moment").
 */
export async function writeItems(areas: StorageAreas, writes: Write[]): Promise<void> {
  const area = writes[0]?.item.area
  if (area === undefined) return
  if (writes.some((w) => w.item.area !== area)) throw new Error('writeItems writes one area at a time')
  await areas[area].set(Object.fromEntries(writes.map((w) => [w.item.key, w.value])))
}

export async function removeItems(areas: StorageAreas, list: StorageItem<unknown>[]): Promise<void> {
  for (const area of ['local', 'session'] as const) {
    const keys = list.filter((it) => it.area === area).map((it) => it.key)
    if (keys.length > 0) await areas[area].remove(keys)
  }
}

/** Storage change events as `storage.onChanged` delivers them. */
export type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>
