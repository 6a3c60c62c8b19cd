// The pages' state: signals filled from the cached storage items at open, kept current by
// watching storage, and actions that go through the worker. Created once per page and passed
// to views, so every view reads the same state and nothing is fetched twice.
import { batch, computed, type Signal, signal } from '@preact/signals'
import type { AccountSummary, ActingState, ErrorData, InputOf, MessageName, OutputOf, Project, Reply, Snapshot } from '../shared/protocol.ts'
import type { SignInAlert } from '../shared/lock-and-alerts.ts'
import { joinSnapshot } from '../shared/snapshot-record.ts'
import { items, type PendingSignOut, type StorageItem, storedOrFallback } from '../shared/storage.ts'
import type { ChangedValues, PageIO } from './page-io.ts'

/** How often "updated 3 min ago" is recomputed. */
const CLOCK_TICK_MS = 30_000

/** A page-readable storage item and the signal that shows it; what was read is checked against the registry's schema. */
interface Followed {
  key: string
  apply(stored: unknown): void
}

const follow = <T>(item: StorageItem<T>, target: Signal<T>): Followed => ({
  key: item.key,
  apply: (stored) => (target.value = storedOrFallback(item, stored)),
})

export type Model = ReturnType<typeof createModel>

export function createModel(io: PageIO) {
  const projects = signal<Project[]>([])
  const accounts = signal<AccountSummary[]>([])
  const activeAccountId = signal<string | null>(null)
  const snapshots = signal<ReadonlyMap<string, Snapshot>>(new Map())
  /** True once the cached state was read: views tell "no accounts yet" from "not read yet". */
  const loaded = signal(false)
  const locked = signal(false)
  const unseenAlerts = signal<SignInAlert[]>([])
  /** Operator accounts acting as another user (issue 15), by account id. */
  const actingStates = signal<Record<string, ActingState>>({})
  /** When the sign-in check last ran (epoch ms); `null`: never. */
  const signInCheckedAt = signal<number | null>(null)
  const signOutsPending = signal<PendingSignOut[]>([])
  const refreshing = signal(false)
  const refreshError = signal<ErrorData | null>(null)
  const now = signal(Date.now())
  const online = signal(typeof navigator === 'undefined' || navigator.onLine)

  const activeAccount = computed(() => accounts.value.find((a) => a.id === activeAccountId.value) ?? null)
  const activeSnapshot = computed(() => {
    const id = activeAccountId.value
    return id === null ? null : (snapshots.value.get(id) ?? null)
  })
  const projectsById = computed(() => new Map(projects.value.map((p) => [p.id, p])))

  function putSnapshots(entries: Snapshot[]): void {
    if (entries.length === 0) return
    const next = new Map(snapshots.value)
    for (const snapshot of entries) next.set(snapshot.accountId, snapshot)
    snapshots.value = next
  }

  function dropSnapshot(accountId: string): void {
    if (!snapshots.value.has(accountId)) return
    const next = new Map(snapshots.value)
    next.delete(accountId)
    snapshots.value = next
  }

  /** The fixed items the pages follow (the per-account snapshots are followed below). */
  const followed = [
    follow(items.projects, projects),
    follow(items.accounts, accounts),
    follow(items.activeAccountId, activeAccountId),
    follow(items.vaultLocked, locked),
    follow(items.signInAlerts, unseenAlerts),
    follow(items.actingStates, actingStates),
    follow(items.signInCheckedAt, signInCheckedAt),
    follow(items.pendingSignOuts, signOutsPending),
  ]

  /** Where an account's snapshot is stored: the snapshot, and its logs page apart (src/shared/snapshot-record.ts). */
  const snapshotKeys = (accountId: string) => [items.snapshot(accountId).key, items.snapshotLogs(accountId).key]

  /** The cached snapshot of an account, or null when there is none (or it is damaged). */
  const snapshotOf = (accountId: string, stored: Record<string, unknown>): Snapshot | null => {
    const [snapshot, logs] = [items.snapshot(accountId), items.snapshotLogs(accountId)]
    return joinSnapshot(storedOrFallback(snapshot, stored[snapshot.key]), storedOrFallback(logs, stored[logs.key]))
  }

  /**
   * The account's snapshot after a change to either of its items; undefined when the change says
   * nothing new: only its logs changed and this page holds no snapshot to join them to.
   */
  const changedSnapshot = (accountId: string, changes: ChangedValues): Snapshot | null | undefined => {
    const [snapshot, logs] = [items.snapshot(accountId), items.snapshotLogs(accountId)]
    const current = snapshots.value.get(accountId)
    if (!(snapshot.key in changes)) return current && joinSnapshot(current, storedOrFallback(logs, changes[logs.key]))
    const logsPage = logs.key in changes ? storedOrFallback(logs, changes[logs.key]) : (current?.logsFirstPage ?? null)
    return joinSnapshot(storedOrFallback(snapshot, changes[snapshot.key]), logsPage)
  }

  /** Reads the cache: the lists and the active account's snapshot (two storage reads, no worker). */
  async function loadCached(): Promise<void> {
    const stored = await io.readStorage(followed.map((f) => f.key))
    const activeId = storedOrFallback(items.activeAccountId, stored[items.activeAccountId.key])
    const snapshot = activeId === null ? null : snapshotOf(activeId, await io.readStorage(snapshotKeys(activeId)))
    batch(() => {
      for (const item of followed) item.apply(stored[item.key])
      if (snapshot) putSnapshots([snapshot])
      loaded.value = true
    })
  }

  /** Reads the cached snapshots of the given accounts (those not read yet). */
  async function loadSnapshots(accountIds: string[]): Promise<void> {
    const missing = accountIds.filter((id) => !snapshots.value.has(id))
    if (missing.length === 0) return
    const stored = await io.readStorage(missing.flatMap(snapshotKeys))
    putSnapshots(missing.map((id) => snapshotOf(id, stored)).filter((s): s is Snapshot => s !== null))
  }

  /**
   * A snapshot this page first met in a change that wrote only it (a revoke, a profile edit): its
   * logs page, stored apart and unchanged, is read to join it, as `loadSnapshots` would have.
   */
  async function joinStoredLogs(accountId: string): Promise<void> {
    const logs = items.snapshotLogs(accountId)
    const page = storedOrFallback(logs, (await io.readStorage([logs.key]))[logs.key])
    const held = snapshots.value.get(accountId)
    if (held && held.logsFirstPage === null && page !== null) putSnapshots([{ ...held, logsFirstPage: page }])
  }

  function applyStorageChanges(changes: ChangedValues): void {
    batch(() => {
      for (const item of followed) if (item.key in changes) item.apply(changes[item.key])
      // Snapshots of held accounts (the worker writes an account before its snapshot) and of those shown.
      for (const accountId of new Set([...accounts.value.map((a) => a.id), ...snapshots.value.keys()])) {
        if (!snapshotKeys(accountId).some((key) => key in changes)) continue
        const logsUnknown = !snapshots.value.has(accountId) && !(items.snapshotLogs(accountId).key in changes)
        const snapshot = changedSnapshot(accountId, changes)
        if (snapshot) putSnapshots([snapshot])
        else if (snapshot === null) dropSnapshot(accountId)
        if (snapshot && logsUnknown) void joinStoredLogs(accountId)
      }
    })
  }

  /** Starts the storage watch, the clock and the online watch; returns their cleanup. */
  function start(): () => void {
    const unwatch = io.watchStorage(applyStorageChanges)
    const clock = setInterval(() => (now.value = Date.now()), CLOCK_TICK_MS)
    const onConnectivity = () => (online.value = navigator.onLine)
    addEventListener('online', onConnectivity)
    addEventListener('offline', onConnectivity)
    return () => {
      unwatch()
      clearInterval(clock)
      removeEventListener('online', onConnectivity)
      removeEventListener('offline', onConnectivity)
    }
  }

  /** Sends one request; the reply is the value or a serialisable error a view shows as written. */
  function request<K extends MessageName>(name: K, input: InputOf<K>): Promise<Reply<OutputOf<K>>> {
    return io.send(name, input).catch(
      (error: unknown): Reply<OutputOf<K>> => ({
        ok: false,
        error: { type: 'lanyard_messaging_failed', code: 0, message: error instanceof Error ? error.message : String(error) },
      }),
    )
  }

  /** Asks the worker for a fresh snapshot; the storage watch delivers it too, the reply just lands sooner. */
  async function refresh(accountId: string | null = activeAccountId.value): Promise<void> {
    // While locked the worker can only answer "locked", which would show once the vault opens.
    if (accountId === null || locked.value) return
    refreshing.value = true
    const reply = await request('refresh', { accountId })
    batch(() => {
      refreshing.value = false
      if (reply.ok) {
        putSnapshots([reply.value])
        refreshError.value = reply.value.error ?? null
        now.value = Date.now()
      } else refreshError.value = reply.error
    })
  }

  /**
   * Sends a request that changes an account, then refreshes that account so every view shows the
   * server's new state (the worker writes snapshots for most changes; this makes sure of it).
   */
  async function change<K extends MessageName>(accountId: string, name: K, input: InputOf<K>): Promise<Reply<OutputOf<K>>> {
    const reply = await request(name, input)
    if (reply.ok) void refresh(accountId)
    return reply
  }

  /** Paints the other account at once (from its summary and cached snapshot), then tells the worker. */
  async function switchTo(accountId: string): Promise<Reply<void>> {
    if (accountId === activeAccountId.value) return { ok: true, value: undefined }
    batch(() => {
      activeAccountId.value = accountId
      refreshError.value = null
    })
    const [reply] = await Promise.all([request('switchAccount', { accountId }), loadSnapshots([accountId])])
    if (reply.ok) void refresh(accountId)
    return reply
  }

  return {
    projects,
    accounts,
    activeAccountId,
    snapshots,
    loaded,
    locked,
    unseenAlerts,
    actingStates,
    signInCheckedAt,
    signOutsPending,
    refreshing,
    refreshError,
    now,
    online,
    activeAccount,
    activeSnapshot,
    projectsById,
    loadCached,
    loadSnapshots,
    start,
    request,
    change,
    refresh,
    switchTo,
  }
}
