import { describe, expect, it, vi } from 'vitest'
import { createModel } from './model.ts'
import { createFakePageIO } from './testing/fake-page-io.ts'
import { project, snapshot, summary } from '../shared/testing/fixtures.ts'
import { items, write } from '../shared/storage.ts'

const cached = [
  write(items.projects, [project()]),
  write(items.accounts, [summary(), summary({ id: 'a2', email: 'bob@example.com', name: 'Bob', sessionId: 's9' })]),
  write(items.activeAccountId, 'a1'),
  write(items.snapshot('a1'), snapshot()),
  write(items.snapshot('a2'), snapshot({ accountId: 'a2' })),
]

describe('createModel', () => {
  it('reads the active account and its snapshot from storage without asking the worker', async () => {
    const io = createFakePageIO(cached)
    const model = createModel(io)
    await model.loadCached()
    expect(model.activeAccount.value?.email).toBe('alice@example.com')
    expect(model.activeSnapshot.value?.account?.name).toBe('Alice Liddell')
    expect(model.snapshots.value.has('a2')).toBe(false)
    expect(io.sent).toEqual([])
  })

  it('follows storage changes written by the worker, including removed snapshots', async () => {
    const io = createFakePageIO(cached)
    const model = createModel(io)
    const stop = model.start()
    await model.loadCached()
    io.write(write(items.snapshot('a1'), snapshot({ fetchedAt: 42 })), write(items.activeAccountId, 'a2'))
    expect(model.snapshots.value.get('a1')?.fetchedAt).toBe(42)
    expect(model.activeAccountId.value).toBe('a2')
    io.remove(items.snapshot('a1'))
    expect(model.snapshots.value.has('a1')).toBe(false)
    stop()
    io.write(write(items.activeAccountId, 'a1'))
    expect(model.activeAccountId.value).toBe('a2')
  })

  it('joins each snapshot with its log page, stored apart, whichever of the two changes', async () => {
    const page = (total: number) => ({ supported: true, total, offset: 0, limit: 25, logs: [] })
    const io = createFakePageIO([...cached, write(items.snapshot('a1'), snapshot({ logsFirstPage: null })), write(items.snapshotLogs('a1'), page(3))])
    const model = createModel(io)
    const stop = model.start()
    await model.loadCached()
    expect(model.activeSnapshot.value?.logsFirstPage?.total).toBe(3)
    io.write(write(items.snapshotLogs('a1'), page(4)))
    expect(model.activeSnapshot.value?.logsFirstPage?.total).toBe(4)
    io.write(write(items.snapshot('a1'), snapshot({ logsFirstPage: null, fetchedAt: 42 })))
    expect(model.activeSnapshot.value).toMatchObject({ fetchedAt: 42, logsFirstPage: { total: 4 } })
    io.write(write(items.snapshot('a1'), null), write(items.snapshotLogs('a1'), null))
    expect(model.activeSnapshot.value).toBeNull()
    stop()
  })

  it('completes a snapshot first met in a change that wrote only it with its logs page, stored apart', async () => {
    const page = { supported: true, total: 9, offset: 0, limit: 25, logs: [] }
    const io = createFakePageIO([...cached, write(items.snapshotLogs('a2'), page)])
    const model = createModel(io)
    const stop = model.start()
    await model.loadCached()
    expect(model.snapshots.value.has('a2')).toBe(false)
    io.write(write(items.snapshot('a2'), snapshot({ accountId: 'a2', logsFirstPage: null, fetchedAt: 42 })))
    expect(model.snapshots.value.get('a2')?.fetchedAt).toBe(42)
    await vi.waitFor(() => expect(model.snapshots.value.get('a2')?.logsFirstPage?.total).toBe(9))
    stop()
  })

  it('reads damaged or foreign stored values as the registry fallback, never as data', async () => {
    const io = createFakePageIO(cached)
    io.storage.set(items.projects.key, 'not a list')
    io.storage.set(items.accounts.key, [{ id: 'a1' }])
    io.storage.set(items.snapshot('a1').key, { accountId: 'a1', fetchedAt: 'yesterday' })
    const model = createModel(io)
    const stop = model.start()
    await model.loadCached()
    expect(model.projects.value).toEqual([])
    expect(model.accounts.value).toEqual([])
    expect(model.activeAccountId.value).toBe('a1')
    expect(model.activeSnapshot.value).toBeNull()
    io.write(write(items.accounts, [summary({ id: 'a2' })]), write(items.snapshot('a2'), snapshot({ accountId: 'a2' })))
    expect(model.snapshots.value.get('a2')?.accountId).toBe('a2')
    io.write(write(items.vaultLocked, 'yes' as never), write(items.signInAlerts, [{ id: 1 } as never]))
    expect(model.locked.value).toBe(false)
    expect(model.unseenAlerts.value).toEqual([])
    stop()
  })

  it('switches the shown account before the worker answers, then refreshes it', async () => {
    let answerSwitch: (() => void) | undefined
    const io = createFakePageIO(cached, {
      switchAccount: () => new Promise((resolve) => (answerSwitch = () => resolve({ ok: true, value: undefined }))),
      refresh: ({ accountId }) => ({ ok: true, value: snapshot({ accountId, fetchedAt: 7 }) }),
    })
    const model = createModel(io)
    await model.loadCached()
    const switching = model.switchTo('a2')
    expect(model.activeAccount.value?.email).toBe('bob@example.com')
    await new Promise((resolve) => setTimeout(resolve, 0))
    answerSwitch?.()
    await switching
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(io.sent.map((m) => m.name)).toEqual(['switchAccount', 'refresh'])
    expect(model.snapshots.value.get('a2')?.fetchedAt).toBe(7)
  })

  it('keeps the cached snapshot when a refresh fails and exposes the error', async () => {
    const io = createFakePageIO(cached, {
      refresh: () => ({ ok: false, error: { type: 'lanyard_network', code: 0, message: 'down' } }),
    })
    const model = createModel(io)
    await model.loadCached()
    await model.refresh()
    expect(model.refreshError.value?.type).toBe('lanyard_network')
    expect(model.activeSnapshot.value?.account?.email).toBe('alice@example.com')
    expect(model.refreshing.value).toBe(false)
  })

  it('turns a failed message (worker gone) into an error reply instead of throwing', async () => {
    const io = createFakePageIO(cached)
    io.send = () => Promise.reject(new Error('Could not establish connection'))
    const model = createModel(io)
    const reply = await model.request('getLockStatus', undefined)
    expect(reply).toMatchObject({ ok: false, error: { type: 'lanyard_messaging_failed' } })
  })

  it('refreshes an account after a change succeeds, and not after it fails', async () => {
    let revokeOk = true
    const io = createFakePageIO(cached, {
      revokeSession: () => (revokeOk ? { ok: true, value: undefined } : { ok: false, error: { type: 'user_session_not_found', code: 404, message: 'gone' } }),
      refresh: ({ accountId }) => ({ ok: true, value: snapshot({ accountId }) }),
    })
    const model = createModel(io)
    await model.change('a1', 'revokeSession', { accountId: 'a1', sessionId: 's2' })
    revokeOk = false
    const failed = await model.change('a1', 'revokeSession', { accountId: 'a1', sessionId: 's2' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(failed.ok).toBe(false)
    expect(io.sent.map((m) => m.name)).toEqual(['revokeSession', 'refresh', 'revokeSession'])
  })
})
