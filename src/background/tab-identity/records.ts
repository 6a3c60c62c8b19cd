// What "Use in this tab" replaced, one record per tab, in ONE storage.local item. storage.local and
// not storage.session: after a browser restart the borrowed session would otherwise stay in the
// app's localStorage and cookies with nothing left to put the old ones back (docs/tab-identity.md section 1.6).
// The replaced cookies and `cookieFallback` are sessions, so they are sealed (AES-GCM) under the
// vault's key: the passphrase key when one is set, so a locked Lanyard holds none readable; the rest is non-secret and page-readable, which lets pages show the state at once.
import type { TabIdentity } from '../../shared/protocol.ts'
import { items, readItem, write, writeItems, type SealedSecret, type TabRecord } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'
import type { Vault } from '../vault.ts'
import { tabRecordBinding } from './binding.ts'
import type { CookieRecord } from '../browser.ts'

/** What was there before, exactly as read. */
export interface Replaced {
  cookies: CookieRecord[]
  /** `undefined` when the mode does not touch the page's storage; `null` when it held nothing. */
  fallback?: string | null
}

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

export function sealReplaced(vault: Vault, tabId: number, since: number, replaced: Replaced): Promise<SealedSecret> {
  return vault.sealData(tabRecordBinding({ tabId, since }), JSON.stringify(replaced))
}

export async function openReplaced(vault: Vault, record: TabRecord): Promise<Replaced> {
  return JSON.parse(await vault.openData(tabRecordBinding(record), record.replaced)) as Replaced
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
