// The worker's read-modify-write of a shared record (the account list, the project list) must not
// interleave with another message's, or one update is lost. One worker instance runs at a time,
// so an in-memory queue is enough; it holds no state worth keeping across a stop.

export function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve()
  return function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}
