// The passphrase lock over the vault (issue 5). Without a passphrase, secrets are sealed under the
// device key (vault.ts). With one, they are sealed under the key PBKDF2 derives from it
// (passphrase-key.ts), and that key exists only in storage.session (memory only, gone at browser
// restart), itself sealed under the device key so no page-readable storage ever holds it in plain form.
//
// Secret records are named by a generation: `vault:<generation>:<accountId>` (0.1.0's device-only
// records, `vault:<accountId>`, are moved into the first generation by layout 2's migration). Setting, changing or removing the
// passphrase writes every secret again under a NEW generation, then switches the one `vaultState`
// pointer, then removes the old generation: a worker stopped at any moment leaves the old or the new
// state complete, plus at most unreachable records, which the next change and `prepareVault` remove
// (docs/architecture.md "Flows"; every interleaving is exercised in vault-lock.test.ts).
//
// Locked also hides the cached snapshots: they are a cache the worker rebuilds from the server, so a
// lock removes them from storage.local (where pages read them) instead of keeping a sealed copy that a
// passphrase change would have to re-encrypt as well. Unlocking refreshes them.
import type { LockStatus } from '../shared/lock-and-alerts.ts'
import {
  items,
  NO_FAILURES,
  parseSecretKey,
  readItem,
  readItems,
  SECRET_PREFIX,
  write,
  writeItems,
  type SealedSecret,
  type StorageAreas,
  type PendingSignOut,
  type TabRecord,
  type UnlockedKey,
  type VaultState,
  type Write,
} from '../shared/storage.ts'
import { snapshotWrites } from '../shared/snapshot-record.ts'
import { fromBase64, toBase64 } from './base64.ts'
import { WorkerError } from './errors.ts'
import { deriveKeyBytes, importVaultKey, newKdfParams } from './passphrase-key.ts'
import { createSerializer } from './serialize.ts'
import { recordFailure, unlockWaitMs } from './unlock-throttle.ts'
import { tabRecordBinding } from './tab-identity/binding.ts'
import { seal, unseal, type AccountSecret, type KeySource, type Vault } from './vault.ts'

/** The check record proves a passphrase right even when no account holds a secret yet. */
const checkBinding = (generation: string) => `check:${generation}`
const unlockedKeyBinding = (generation: string) => `unlocked-key:${generation}`
const CHECK_TEXT = 'lanyard-vault'

export function lockedError(): WorkerError {
  return new WorkerError({ type: 'lanyard_locked', code: 423, message: 'Lanyard is locked. Unlock it with your passphrase.' })
}

export const isLocked = (error: unknown) => error instanceof WorkerError && error.data.type === 'lanyard_locked'

function wrongPassphrase(retryAfterMs: number): WorkerError {
  const data = { type: 'lanyard_wrong_passphrase', code: 401, message: 'That passphrase is not correct.' }
  return new WorkerError(retryAfterMs > 0 ? { ...data, retryAfterMs } : data)
}

function throttled(retryAfterMs: number): WorkerError {
  const seconds = Math.ceil(retryAfterMs / 1000)
  return new WorkerError({
    type: 'lanyard_unlock_throttled',
    code: 429,
    message: `Too many wrong passphrases. Try again in ${seconds} s.`,
    retryAfterMs,
  })
}

function noPassphrase(): WorkerError {
  return new WorkerError({ type: 'lanyard_no_passphrase', code: 409, message: 'No passphrase is set.' })
}

function passphraseAlreadySet(): WorkerError {
  return new WorkerError({ type: 'lanyard_passphrase_set', code: 409, message: 'A passphrase is already set. Change it instead.' })
}

/** What the lock needs from the worker. `serialize` is the worker's, so re-encryption never interleaves with a sign-in. */
export interface LockDeps {
  areas: StorageAreas
  device: KeySource
  serialize: <T>(task: () => Promise<T>) => Promise<T>
  newId(): string
  now(): number
  /**
   * Ends every tab identity (tab-identity/end-all.ts): run before the key goes, so what they
   * replaced can still be put back, and once after, for one lent meanwhile.
   */
  endLentIdentities?: () => Promise<void>
}

export function readVaultState(areas: StorageAreas): Promise<VaultState> {
  return readItem(areas, items.vaultState)
}

async function unlockedKeyFor(areas: StorageAreas, device: KeySource, generation: string): Promise<CryptoKey | null> {
  const [unlocked, locked] = await Promise.all([readItem(areas, items.unlockedKey), readItem(areas, items.vaultLocked)])
  if (locked || unlocked === null || unlocked.generation !== generation) return null
  const bytes = fromBase64(await unseal(await device.getKey(), unlockedKeyBinding(generation), unlocked.sealed))
  return importVaultKey(bytes)
}

async function sealUnlockedKey(device: KeySource, generation: string, bytes: Uint8Array): Promise<UnlockedKey> {
  return { generation, sealed: await seal(await device.getKey(), device.name, unlockedKeyBinding(generation), toBase64(bytes)) }
}

/** The key that opens the current generation's secrets; throws `lanyard_locked` while locked. */
async function currentKey(areas: StorageAreas, device: KeySource, state: VaultState): Promise<CryptoKey> {
  if (state.protection.kind === 'device') return device.getKey()
  const key = await unlockedKeyFor(areas, device, state.generation)
  if (key === null) throw lockedError()
  return key
}

/**
 * The key a sealed record names: the device key (what a passphrase-less vault, and earlier builds
 * always, sealed tab-identity records with), else the current passphrase key.
 */
async function keyNamedBy(areas: StorageAreas, device: KeySource, sealed: SealedSecret): Promise<CryptoKey> {
  if (sealed.keySource === 'device') return device.getKey()
  return currentKey(areas, device, await readVaultState(areas))
}

export function createLockableVault(areas: StorageAreas, device: KeySource): Vault {
  async function readSecrets(accountIds: readonly string[]): Promise<Map<string, AccountSecret>> {
    // One state read, one key and one storage call for all of them: a fan-out over every account
    // would otherwise read the same state and key once per account before its request leaves.
    const state = await readVaultState(areas)
    const key = await currentKey(areas, device, state)
    const sealed = await readItems(areas, Object.fromEntries(accountIds.map((id) => [id, items.secret(state.generation, id)])))
    const found = new Map<string, AccountSecret>()
    await Promise.all(
      accountIds.map(async (id) => {
        const record = sealed[id]
        if (record) found.set(id, JSON.parse(await unseal(key, id, record)) as AccountSecret)
      }),
    )
    return found
  }

  return {
    async sealData(binding, plain) {
      const state = await readVaultState(areas)
      return seal(await currentKey(areas, device, state), state.protection.kind, binding, plain)
    },
    async openData(binding, sealed) {
      return unseal(await keyNamedBy(areas, device, sealed), binding, sealed)
    },
    async sealSecret(accountId, secret) {
      const state = await readVaultState(areas)
      const key = await currentKey(areas, device, state)
      const sealed = await seal(key, state.protection.kind, accountId, JSON.stringify(secret))
      return write(items.secret(state.generation, accountId), sealed)
    },
    readSecrets,
    async readSecret(accountId) {
      return (await readSecrets([accountId])).get(accountId) ?? null
    },
    async forgetSecret(accountId) {
      const state = await readVaultState(areas)
      await areas.local.remove(items.secret(state.generation, accountId).key)
    },
  }
}

export async function lockStatus(deps: LockDeps): Promise<LockStatus> {
  const state = await readVaultState(deps.areas)
  if (state.protection.kind === 'device') return { passphraseSet: false, locked: false }
  const key = await unlockedKeyFor(deps.areas, deps.device, state.generation).catch(() => null)
  return { passphraseSet: true, locked: key === null }
}

async function accountIds(areas: StorageAreas): Promise<string[]> {
  return (await readItem(areas, items.accounts)).map((a) => a.id)
}

/**
 * Passphrase checks run one at a time per worker (keyed by its storage): parallel guesses are then
 * counted exactly as sequential ones. Not the worker's own serializer, so a slow derivation never
 * holds up sign-ins, and a check followed by a re-encryption (which uses that one) cannot deadlock.
 */
const passphraseChecks = new WeakMap<StorageAreas, ReturnType<typeof createSerializer>>()

function checkQueue(areas: StorageAreas): ReturnType<typeof createSerializer> {
  let queue = passphraseChecks.get(areas)
  if (!queue) {
    queue = createSerializer()
    passphraseChecks.set(areas, queue)
  }
  return queue
}

/**
 * Opens the passphrase key, or throws: `lanyard_unlock_throttled` while the wait after failures runs,
 * `lanyard_wrong_passphrase` when the check record does not open. Each try is recorded as a failure
 * BEFORE the key derivation runs (a worker stopped meanwhile keeps it counted); what the right
 * passphrase then opens clears the count in its own final write (`unlock`, `reencrypt`).
 */
function verifyPassphrase(deps: LockDeps, state: VaultState, passphrase: string): Promise<{ key: CryptoKey; bytes: Uint8Array<ArrayBuffer> }> {
  return checkQueue(deps.areas)(async () => {
    if (state.protection.kind !== 'passphrase') throw noPassphrase()
    const before = await readItem(deps.areas, items.unlockFailures)
    const wait = unlockWaitMs(before, deps.now())
    if (wait > 0) throw throttled(wait)
    const failures = recordFailure(before, deps.now())
    await writeItems(deps.areas, [write(items.unlockFailures, failures)])
    const bytes = await deriveKeyBytes(passphrase, state.protection.kdf)
    const key = await importVaultKey(bytes)
    try {
      await unseal(key, checkBinding(state.generation), state.protection.check)
    } catch {
      throw wrongPassphrase(unlockWaitMs(failures, deps.now()))
    }
    return { key, bytes }
  })
}

export async function unlock(deps: LockDeps, passphrase: string): Promise<void> {
  const state = await readVaultState(deps.areas)
  const { bytes } = await verifyPassphrase(deps, state, passphrase)
  await writeItems(deps.areas, [write(items.unlockedKey, await sealUnlockedKey(deps.device, state.generation, bytes))])
  await writeItems(deps.areas, [write(items.vaultLocked, false), write(items.unlockFailures, NO_FAILURES)])
}

/** One storage call: the flag, and every snapshot set to null (pages drop a null snapshot). */
async function markLockedAndHideSnapshots(areas: StorageAreas): Promise<void> {
  const ids = await accountIds(areas)
  await writeItems(areas, [write(items.vaultLocked, true), ...ids.flatMap((id) => snapshotWrites(id, null, null))])
}

/**
 * Marks the vault locked and hides the snapshots in ONE storage call, then drops the key: a stop
 * between the two leaves it locked already, because the flag alone locks (see `unlockedKeyFor`).
 */
export async function lock(deps: LockDeps): Promise<void> {
  const state = await readVaultState(deps.areas)
  if (state.protection.kind !== 'passphrase') throw noPassphrase()
  await deps.endLentIdentities?.()
  await deps.serialize(async () => {
    await markLockedAndHideSnapshots(deps.areas)
    await deps.areas.session.remove(items.unlockedKey.key)
  })
  await deps.endLentIdentities?.()
}

/**
 * Records that carry a sealed secret of their own (what a tab identity replaced, a pending
 * sign-out's session), sealed again under the next generation's key. Records sealed under the
 * device key by earlier builds open with it.
 */
async function resealed(deps: LockDeps, oldKey: CryptoKey, newKey: CryptoKey, keySource: string, sealed: SealedSecret, binding: string): Promise<SealedSecret> {
  const key = sealed.keySource === 'device' ? await deps.device.getKey() : oldKey
  return seal(newKey, keySource, binding, await unseal(key, binding, sealed))
}

async function resealOwnSecrets(deps: LockDeps, oldKey: CryptoKey, newKey: CryptoKey, keySource: string): Promise<Write[]> {
  const { tabs, pending } = await readItems(deps.areas, { tabs: items.tabIdentities, pending: items.pendingSignOuts })
  const tabRecords: Record<string, TabRecord> = {}
  for (const [tabId, record] of Object.entries(tabs)) {
    tabRecords[tabId] = { ...record, replaced: await resealed(deps, oldKey, newKey, keySource, record.replaced, tabRecordBinding(record)) }
  }
  const signOuts: PendingSignOut[] = []
  for (const entry of pending) signOuts.push({ ...entry, secret: await resealed(deps, oldKey, newKey, keySource, entry.secret, entry.accountId) })
  return [write(items.tabIdentities, tabRecords), write(items.pendingSignOuts, signOuts)]
}

type Target = { kind: 'device' } | { kind: 'passphrase'; passphrase: string }

/**
 * Writes every secret of `from` again for `target`, under a new generation, then switches the
 * pointer, then removes the old records. Runs inside the worker's serializer.
 */
async function reencrypt(deps: LockDeps, from: VaultState, oldKey: CryptoKey, target: Target): Promise<void> {
  const generation = deps.newId()
  let next: VaultState
  let newKey: CryptoKey
  let unlocked: UnlockedKey | null = null
  if (target.kind === 'passphrase') {
    const kdf = newKdfParams()
    const bytes = await deriveKeyBytes(target.passphrase, kdf)
    newKey = await importVaultKey(bytes)
    const check = await seal(newKey, 'passphrase', checkBinding(generation), CHECK_TEXT)
    next = { v: 1, generation, protection: { kind: 'passphrase', kdf, check } }
    unlocked = await sealUnlockedKey(deps.device, generation, bytes)
  } else {
    newKey = await deps.device.getKey()
    next = { v: 1, generation, protection: { kind: 'device' } }
  }

  await deps.serialize(async () => {
    const current = await readVaultState(deps.areas)
    if (current.generation !== from.generation) {
      throw new WorkerError({ type: 'lanyard_vault_changed', code: 409, message: 'The passphrase was changed meanwhile. Try again.' })
    }
    // Leftovers of an earlier stopped change would otherwise wait for the next browser start.
    const stray = strayVaultKeys(Object.keys(await deps.areas.local.get(null)), from.generation)
    if (stray.length > 0) await deps.areas.local.remove(stray)
    const ids = await accountIds(deps.areas)
    const oldItems = ids.map((id) => items.secret(from.generation, id))
    const found = await deps.areas.local.get(oldItems.map((it) => it.key))
    const newRecords: Write[] = []
    for (const [index, id] of ids.entries()) {
      const sealed = found[oldItems[index]?.key ?? ''] as SealedSecret | undefined
      if (!sealed) continue
      const plain = await unseal(oldKey, id, sealed)
      newRecords.push(write(items.secret(generation, id), await seal(newKey, next.protection.kind, id, plain)))
    }
    await writeItems(deps.areas, newRecords)
    if (unlocked !== null) await writeItems(deps.areas, [write(items.unlockedKey, unlocked)])
    const ownSecrets = await resealOwnSecrets(deps, oldKey, newKey, next.protection.kind)
    // The switch: one storage call. Before it, the old state is whole; after it, the new one.
    await writeItems(deps.areas, [write(items.vaultState, next), ...ownSecrets, write(items.vaultLocked, false), write(items.unlockFailures, NO_FAILURES)])
    if (unlocked === null) await deps.areas.session.remove(items.unlockedKey.key)
    await deps.areas.local.remove(oldItems.map((it) => it.key))
  })
}

export async function setPassphrase(deps: LockDeps, passphrase: string): Promise<void> {
  const state = await readVaultState(deps.areas)
  if (state.protection.kind !== 'device') throw passphraseAlreadySet()
  await reencrypt(deps, state, await deps.device.getKey(), { kind: 'passphrase', passphrase })
}

export async function changePassphrase(deps: LockDeps, current: string, next: string): Promise<void> {
  const state = await readVaultState(deps.areas)
  const { key } = await verifyPassphrase(deps, state, current)
  await reencrypt(deps, state, key, { kind: 'passphrase', passphrase: next })
}

export async function removePassphrase(deps: LockDeps, current: string): Promise<void> {
  const state = await readVaultState(deps.areas)
  const { key } = await verifyPassphrase(deps, state, current)
  await reencrypt(deps, state, key, { kind: 'device' })
}

/**
 * The way out of a forgotten passphrase: every account marked signed out and a new, empty generation
 * under the device key, switched in one storage call; the old records, which nobody can open any
 * more, are removed after it (a stop in between leaves strays that `prepareVault` removes).
 */
export async function resetVault(deps: LockDeps): Promise<void> {
  await deps.serialize(async () => {
    const accounts = await readItem(deps.areas, items.accounts)
    const next: VaultState = { v: 1, generation: deps.newId(), protection: { kind: 'device' } }
    await writeItems(deps.areas, [
      write(items.accounts, accounts.map((a) => ({ ...a, status: 'signedOut' as const }))),
      write(items.vaultState, next),
      write(items.vaultLocked, false),
      write(items.unlockFailures, NO_FAILURES),
    ])
    await deps.areas.session.remove(items.unlockedKey.key)
    const stray = strayVaultKeys(Object.keys(await deps.areas.local.get(null)), next.generation)
    if (stray.length > 0) await deps.areas.local.remove(stray)
  })
}

/** Keys of secret records that belong to no current generation: leftovers of a stopped re-encryption. */
export function strayVaultKeys(keys: string[], generation: string): string[] {
  return keys.filter((key) => key.startsWith(SECRET_PREFIX) && parseSecretKey(key)?.generation !== generation)
}

/**
 * Run when the worker is prepared (install, update, browser start): removes stray records, and
 * marks a passphrase vault locked, since storage.session (and with it the key) did not survive.
 */
export async function prepareVault(deps: LockDeps): Promise<void> {
  await deps.serialize(async () => {
    const { state, locked } = await readItems(deps.areas, { state: items.vaultState, locked: items.vaultLocked })
    const stray = strayVaultKeys(Object.keys(await deps.areas.local.get(null)), state.generation)
    if (stray.length > 0) await deps.areas.local.remove(stray)
    if (state.protection.kind === 'passphrase' && !locked) {
      const key = await unlockedKeyFor(deps.areas, deps.device, state.generation).catch(() => null)
      if (key === null) await markLockedAndHideSnapshots(deps.areas)
    }
  })
}
