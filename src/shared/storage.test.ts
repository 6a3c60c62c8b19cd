import { describe, expect, it, vi } from 'vitest'
import {
  declaredItems,
  isValid,
  itemForKey,
  items,
  readItem,
  readItems,
  removeItems,
  storedOrFallback,
  write,
  writeItems,
  type StorageAreaLike,
  type StorageAreas,
} from './storage.ts'

function fakeArea(initial: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown> } {
  const data = { ...initial }
  return {
    data,
    get: vi.fn(async (keys: string | string[]) =>
      Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => k in data).map((k) => [k, data[k]])),
    ),
    set: vi.fn(async (values: Record<string, unknown>) => void Object.assign(data, values)),
    remove: vi.fn(async (keys: string | string[]) => {
      for (const key of Array.isArray(keys) ? keys : [keys]) delete data[key]
    }),
  }
}

function fakeAreas(local: Record<string, unknown> = {}) {
  const areas = { local: fakeArea(local), session: fakeArea() }
  return areas satisfies StorageAreas
}

describe('storage items', () => {
  it('reads the fallback when an item was never written', async () => {
    const areas = fakeAreas()
    await expect(readItem(areas, items.accounts)).resolves.toEqual([])
    await expect(readItem(areas, items.activeAccountId)).resolves.toBeNull()
    await expect(readItem(areas, items.snapshot('a1'))).resolves.toBeNull()
  })

  it('keeps per-account items under their own keys', () => {
    expect(items.snapshot('a1').key).toBe('snapshot:a1')
    expect(items.activity('a1').key).toBe('activity:a1')
  })

  it('reads several items with one storage call', async () => {
    const areas = fakeAreas({ activeAccountId: 'a2' })
    await expect(readItems(areas, { accounts: items.accounts, active: items.activeAccountId })).resolves.toEqual({
      accounts: [],
      active: 'a2',
    })
    expect(areas.local.get).toHaveBeenCalledTimes(1)
  })

  it('writes several records with exactly one set call, so a stop cannot split them', async () => {
    const areas = fakeAreas()
    await writeItems(areas, [write(items.activeAccountId, 'a1'), write(items.projects, [])])
    expect(areas.local.set).toHaveBeenCalledTimes(1)
    expect(areas.local.data).toEqual({ activeAccountId: 'a1', projects: [] })
  })

  it('refuses to mix areas in one write', async () => {
    const areas = fakeAreas()
    await expect(writeItems(areas, [write(items.activeAccountId, 'a1'), write(items.unlockedKey, null)])).rejects.toThrow(/one area/)
  })

  it('removes items', async () => {
    const areas = fakeAreas({ 'activity:a1': [], 'snapshot:a1': {} })
    await removeItems(areas, [items.activity('a1'), items.snapshot('a1')])
    expect(areas.local.data).toEqual({})
  })

  it('refuses a damaged record instead of reading its fallback, so no write overwrites it', async () => {
    const areas = fakeAreas({ accounts: [{ id: 'a1' }] })
    await expect(readItem(areas, items.accounts)).rejects.toThrow(/stored "accounts" record is damaged/)
    expect(storedOrFallback(items.accounts, [{ id: 'a1' }])).toEqual([])
  })

  it('names the declared item of every key Lanyard writes, and no other', () => {
    expect(itemForKey('local', 'snapshot:a1')?.key).toBe(items.snapshot('a1').key)
    expect(itemForKey('local', 'vault:g1:a1')?.key).toBe(items.secret('g1', 'a1').key)
    expect(itemForKey('session', 'unlockedKey')).toBe(items.unlockedKey)
    expect(itemForKey('local', 'vault:a1')).toBeUndefined()
    expect(itemForKey('local', 'unlockedKey')).toBeUndefined()
    expect(itemForKey('local', 'snapshot:')).toBeUndefined()
    expect(itemForKey('local', 'somethingElse')).toBeUndefined()
  })

  it('declares every item with a schema that accepts its own fallback', () => {
    for (const declared of declaredItems()) expect(isValid(declared, declared.fallback), declared.key).toBe(true)
  })
})
