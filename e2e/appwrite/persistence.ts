// `--data FILE`: the state survives restarts for the demo. Writes go to a temporary file that is
// then renamed over the old one, so a crash leaves the old or the new file, never half of one.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { OutboxMessage } from './outbox.ts'
import type { ServerState, UserRecord } from './state.ts'
import { newUserRecord } from './user-records.ts'

interface Snapshot {
  version: 1
  jwtKey: string
  clockOffsetMs: number
  outbox: OutboxMessage[]
  projects: Record<string, UserRecord[]>
}

const SAVE_DELAY_MS = 200

/** The saved JWT key, so JWTs handed out before a restart stay valid; null without a file. */
export function readSnapshot(file: string): Snapshot | null {
  if (!existsSync(file)) return null
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
  if (data.version !== 1) throw new Error(`${file} was written by an unknown version of this server`)
  return data
}

/** Replaces the seeded users of every project the snapshot knows. */
export function applySnapshot(state: ServerState, snapshot: Snapshot): void {
  state.clockOffsetMs = snapshot.clockOffsetMs
  state.outbox = snapshot.outbox
  for (const [projectId, users] of Object.entries(snapshot.projects)) {
    const project = state.projects.get(projectId)
    if (!project) continue
    for (const user of [...project.users.values()]) project.deleteUser(user)
    // Fields added after the file was written take their defaults.
    for (const user of users) project.putUser({ ...newUserRecord({ id: user.id }, user.createdAt), ...user })
  }
}

export class Persistence {
  private savedRevision: number
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly state: ServerState,
    private readonly file: string,
  ) {
    this.savedRevision = -1
  }

  /** Called after each request; saves shortly after the last change. */
  schedule(): void {
    if (this.timer !== null || this.state.revision === this.savedRevision) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.flush()
    }, SAVE_DELAY_MS)
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.state.revision === this.savedRevision) return
    const snapshot: Snapshot = {
      version: 1,
      jwtKey: this.state.jwtKey.toString('hex'),
      clockOffsetMs: this.state.clockOffsetMs,
      outbox: this.state.outbox,
      projects: Object.fromEntries([...this.state.projects].map(([id, project]) => [id, [...project.users.values()]])),
    }
    const temporary = `${this.file}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(snapshot))
    renameSync(temporary, this.file)
    this.savedRevision = this.state.revision
  }
}
