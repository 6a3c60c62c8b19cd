// What "Use in this tab" replaced, one record per tab, in ONE storage.local item. storage.local and
// not storage.session: after a browser restart the borrowed session would otherwise stay in the
// app's localStorage and cookies with nothing left to put the old ones back (docs/tab-identity.md section 1.6).
// The replaced cookies and `cookieFallback` are sessions, so they are sealed (AES-GCM, the vault's
// device key); the rest is non-secret and page-readable, which lets pages show the state at once.
import type { TabIdentity } from '../../shared/protocol.ts'
import { items, readItem, write, writeItems, type SealedSecret, type TabRecord } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'
import { seal, unseal, type KeySource } from '../vault.ts'
import type { CookieRecord } from '../browser.ts'

/** What was there before, exactly as read. */
export interface Replaced {
  cookies: CookieRecord[]
  /** `undefined` when the mode does not touch the page's storage; `null` when it held nothing. */
  fallback?: string | null
}

const binding = (tabId: number, since: number) => `tab-identity:${tabId}:${since}`

export function toIdentity(record: TabRecord): TabIdentity {
  const identity: TabIdentity = { tabId: record.tabId, accountId: record.accountId, mode: record.mode, appOrigin: record.appOrigin, since: record.since }
  return record.actingAs === undefined ? identity : { ...identity, actingAs: record.actingAs }
}

export function loadTabRecords(ctx: WorkerContext): Promise<Record<string, TabRecord>> {
  return readItem(ctx.areas, items.tabIdentities)
}

export async function findTabRecord(ctx: WorkerContext, tabId: number): Promise<TabRecord | null> {
  return (await loadTabRecords(ctx))[String(tabId)] ?? null
}

export async function sealReplaced(keys: KeySource, tabId: number, since: number, replaced: Replaced): Promise<SealedSecret> {
  return seal(await keys.getKey(), keys.name, binding(tabId, since), JSON.stringify(replaced))
}

export async function openReplaced(keys: KeySource, record: TabRecord): Promise<Replaced> {
  return JSON.parse(await unseal(await keys.getKey(), binding(record.tabId, record.since), record.replaced)) as Replaced
}

export function saveTabRecord(ctx: WorkerContext, record: TabRecord): Promise<void> {
  return ctx.serialize(async () => {
    const all = await loadTabRecords(ctx)
    await writeItems(ctx.areas, [write(items.tabIdentities, { ...all, [String(record.tabId)]: record })])
  })
}

export function dropTabRecord(ctx: WorkerContext, tabId: number): Promise<void> {
  return ctx.serialize(async () => {
    const { [String(tabId)]: _dropped, ...rest } = await loadTabRecords(ctx)
    await writeItems(ctx.areas, [write(items.tabIdentities, rest)])
  })
}

export type { TabRecord }
