// Every storage item Lanyard keeps, declared once: its area, key, type and fallback.
// Pages read the non-secret items directly to paint at once (DESIGN.md "Flows"); only the worker
// writes. Session secrets live solely in the worker's `vault:` items, as AES-GCM ciphertext; those
// items and the lock's own records are declared with the lock (src/background/vault-lock.ts), since
// only the worker may know their shape. Nothing in storage is a secret in plain form.
import type { ActivityEvent, SessionWatch } from './activity.ts'
import type { AccountSummary, Project, Snapshot } from './protocol.ts'
import { DEFAULT_ALERT_SETTINGS, DEFAULT_LOCK_SETTINGS, type AlertSettings, type LockSettings, type SignInAlert } from './security.ts'

export type AreaName = 'local' | 'session'

export interface StorageItem<T> {
  area: AreaName
  key: string
  fallback: T
}

function item<T>(area: AreaName, key: string, fallback: T): StorageItem<T> {
  return { area, key, fallback }
}

export interface Settings {
  /** How often the worker refreshes the active account's snapshot in the background. */
  refreshIntervalMinutes: number
}

export const defaultSettings: Settings = { refreshIntervalMinutes: 15 }

/** A secret sealed by the vault: AES-GCM-256, base64 fields, bound to its account id. */
export interface SealedSecret {
  v: 1
  /** Which key sealed it: `device` or `passphrase` (src/background/vault-lock.ts). */
  keySource: string
  iv: string
  ciphertext: string
}

export const items = {
  projects: item<Project[]>('local', 'projects', []),
  accounts: item<AccountSummary[]>('local', 'accounts', []),
  activeAccountId: item<string | null>('local', 'activeAccountId', null),
  settings: item<Settings>('local', 'settings', defaultSettings),
  snapshot: (accountId: string) => item<Snapshot | null>('local', `snapshot:${accountId}`, null),
  /** True while a passphrase vault is locked: pages show the unlock form (the worker treats it as locked too). */
  vaultLocked: item<boolean>('local', 'vaultLocked', false),
  lockSettings: item<LockSettings>('local', 'lockSettings', DEFAULT_LOCK_SETTINGS),
  alertSettings: item<AlertSettings>('local', 'alertSettings', DEFAULT_ALERT_SETTINGS),
  /** Sign-in alerts not yet acknowledged; their count is the toolbar badge. */
  signInAlerts: item<SignInAlert[]>('local', 'signInAlerts', []),
  /** Set once the person answered the first-run offer to set a passphrase. */
  passphraseOfferDone: item<boolean>('local', 'passphraseOfferDone', false),
  /** Lanyard's own security timeline of the account, oldest first, bounded. */
  activity: (accountId: string) => item<ActivityEvent[]>('local', `activity:${accountId}`, []),
  /** Worker only: the account's sessions as last listed, to tell new ones. */
  sessionWatch: (accountId: string) => item<SessionWatch>('local', `sessionWatch:${accountId}`, { known: null, own: [] }),
}

/** The part of `browser.storage.<area>` used here (the polyfill's areas satisfy it; tests use a fake). */
export interface StorageAreaLike {
  /** `null` reads every item of the area. */
  get(keys: string | string[] | null): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string | string[]): Promise<void>
}

export type StorageAreas = Record<AreaName, StorageAreaLike>

export async function readItem<T>(areas: StorageAreas, it: StorageItem<T>): Promise<T> {
  const found = await areas[it.area].get(it.key)
  return it.key in found ? (found[it.key] as T) : it.fallback
}

/** Reads several items of one area in one call. */
export async function readItems<T extends Record<string, StorageItem<unknown>>>(
  areas: StorageAreas,
  wanted: T,
): Promise<{ [K in keyof T]: T[K] extends StorageItem<infer V> ? V : never }> {
  const list = Object.values(wanted)
  const area = list[0]?.area ?? 'local'
  if (list.some((it) => it.area !== area)) throw new Error('readItems reads one area at a time')
  const found = await areas[area].get(list.map((it) => it.key))
  const out: Record<string, unknown> = {}
  for (const [name, it] of Object.entries(wanted)) out[name] = it.key in found ? found[it.key] : it.fallback
  return out as { [K in keyof T]: T[K] extends StorageItem<infer V> ? V : never }
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
 * every old record or every new one (DESIGN.md "Worker stopped at any moment").
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

/** Storage change events as `browser.storage.onChanged` delivers them. */
export type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>

/** The new value of `it` in a change event, or `undefined` when the event does not touch it. */
export function changedValue<T>(changes: StorageChanges, areaName: string, it: StorageItem<T>): { value: T } | undefined {
  if (areaName !== it.area || !(it.key in changes)) return undefined
  const change = changes[it.key]
  return { value: change && 'newValue' in change ? (change.newValue as T) : it.fallback }
}
