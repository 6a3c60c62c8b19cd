// The worker's read-modify-write of a shared record (the account list, the project list) must not
// interleave with another message's, or one update is lost. One worker instance runs at a time,
// so an in-memory queue is enough; it holds no state worth keeping across a stop.

export interface Serialize {
  <T>(task: () => Promise<T>): Promise<T>
  /**
   * How many tasks have started so far. Read inside two tasks, numbers one apart mean no other task
   * ran between them: what the first read is still what storage holds (features/sessions.ts).
   */
  started(): number
}

export function createSerializer(): Serialize {
  let tail: Promise<unknown> = Promise.resolve()
  let started = 0
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const start = () => {
      started += 1
      return task()
    }
    const run = tail.then(start, start)
    tail = run.catch(() => undefined)
    return run
  }
  return Object.assign(serialize, { started: () => started })
}
