// An in-memory PageIO for unit tests: storage.local as a Map with change notifications, and a
// worker whose handlers each test supplies; every request is recorded for assertions. Storage is
// written through the registry's items, as the worker writes it (src/shared/storage.ts).
import type { InputOf, MessageName, OutputOf, Reply } from '../../shared/protocol.ts'
import type { StorageItem, Write } from '../../shared/storage.ts'
import type { PageIO, ChangedValues } from '../page-io.ts'

type Handler<K extends MessageName> = (input: InputOf<K>) => Reply<OutputOf<K>> | Promise<Reply<OutputOf<K>>>
export type Handlers = { [K in MessageName]?: Handler<K> }

export interface FakePageIO extends PageIO {
  storage: Map<string, unknown>
  sent: { name: MessageName; input: unknown }[]
  permissionRequests: string[]
  copied: string[]
  downloads: { fileName: string; text: string }[]
  /** Writes storage as the worker would, notifying watchers. */
  write(...writes: Write[]): void
  /** Removes items as the worker would, notifying watchers. */
  remove(...removed: StorageItem<unknown>[]): void
  grantPermissions: boolean
}

export function createFakePageIO(initial: Write[] = [], handlers: Handlers = {}): FakePageIO {
  const storage = new Map<string, unknown>(initial.map((w) => [w.item.key, structuredClone(w.value)]))
  const listeners = new Set<(changes: ChangedValues) => void>()
  function change(values: ChangedValues): void {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) storage.delete(key)
      else storage.set(key, value)
    }
    for (const listener of listeners) listener(structuredClone(values))
  }
  const fake: FakePageIO = {
    storage,
    sent: [],
    permissionRequests: [],
    copied: [],
    downloads: [],
    grantPermissions: true,
    async send(name, input) {
      fake.sent.push({ name, input })
      const handler = handlers[name] as Handler<typeof name> | undefined
      if (!handler) return { ok: false, error: { type: 'test_unhandled', code: 0, message: `no fake handler for ${name}` } }
      return handler(input)
    },
    async readStorage(keys) {
      return Object.fromEntries(keys.filter((k) => storage.has(k)).map((k) => [k, structuredClone(storage.get(k))]))
    },
    watchStorage(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async requestHostPermission(pattern) {
      fake.permissionRequests.push(pattern)
      return fake.grantPermissions
    },
    async copyText(text) {
      fake.copied.push(text)
    },
    download(fileName, _mimeType, text) {
      fake.downloads.push({ fileName, text })
    },
    write(...writes) {
      change(Object.fromEntries(writes.map((w) => [w.item.key, w.value])))
    },
    remove(...removed) {
      change(Object.fromEntries(removed.map((item) => [item.key, undefined])))
    },
  }
  return fake
}
