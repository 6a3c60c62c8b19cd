// In-memory storage areas for unit tests of storage-backed worker logic, with a switch that makes
// every write after the n-th throw: a worker stopped at that moment.
import type { StorageAreaLike, StorageAreas } from '../../shared/storage.ts'

export class WorkerStopped extends Error {}

export interface MemoryStorage {
  data: { local: Record<string, unknown>; session: Record<string, unknown> }
  /** Areas that throw `WorkerStopped` on the write after `writesBeforeStop` writes (Infinity: never). */
  areas(writesBeforeStop?: number): StorageAreas
  /** Simulates a browser restart: storage.session is emptied. */
  restartBrowser(): void
}

export function memoryStorage(local: Record<string, unknown> = {}): MemoryStorage {
  const data = { local: structuredClone(local), session: {} as Record<string, unknown> }
  return {
    data,
    areas(writesBeforeStop = Infinity) {
      let writes = 0
      const beforeWrite = () => {
        if (writes >= writesBeforeStop) throw new WorkerStopped('worker stopped')
        writes++
      }
      const area = (name: 'local' | 'session'): StorageAreaLike => ({
        async get(keys) {
          if (keys === null) return structuredClone(data[name])
          const wanted = typeof keys === 'string' ? [keys] : keys
          return Object.fromEntries(wanted.filter((k) => k in data[name]).map((k) => [k, structuredClone(data[name][k])]))
        },
        async set(values) {
          beforeWrite()
          Object.assign(data[name], structuredClone(values))
        },
        async remove(keys) {
          beforeWrite()
          for (const key of typeof keys === 'string' ? [keys] : keys) delete data[name][key]
        },
      })
      return { local: area('local'), session: area('session') }
    },
    restartBrowser() {
      data.session = {}
    },
  }
}
