import { describe, expect, it } from 'vitest'
import { INITIAL_GENERATION, isValid, itemForKey, items, LAYOUT_VERSION, readItem, type StorageAreas, type StorageItem } from '../shared/storage.ts'
import { lockDeps } from './auto-lock.ts'
import { createWorkerContext } from './context.ts'
import { migrateStorage, migrationSteps } from './storage-migrations.ts'
import fixture from './testdata/storage-0.1.0.json'
import { fakeBrowser } from './testing/fake-browser.ts'
import { memoryStorage, WorkerStopped } from './testing/memory-storage.ts'
import { memoryDeviceKey } from './testing/worker-world.ts'
import { seal } from './vault.ts'
import { lockStatus, prepareVault, unlock } from './vault-lock.ts'

/** What 0.1.0 left in storage.local, as read from a real install (testdata/README.md). */
const stored010 = fixture.local as Record<string, unknown>

function decodedUserId(session: string): string {
  return (JSON.parse(atob(session)) as { id: string }).id
}

describe('upgrading a real 0.1.0 install (passphrase set, tab identity in effect, alerts pending)', () => {
  it('keeps every project, account, setting, alert, timeline and tab identity exactly, and every record fits the registry', async () => {
    const fake = fakeBrowser(stored010)
    await migrateStorage(fake.browser.storage)
    const local = fake.state.storage.local
    const kept = Object.keys(stored010).filter((key) => key !== 'vaultState')
    for (const key of kept) expect(local[key], key).toEqual(stored010[key])
    expect(local[items.projects.key]).toHaveLength(2)
    expect(local[items.accounts.key]).toHaveLength(3)
    expect(local[items.signInAlerts.key]).toHaveLength(2)
    expect(Object.keys(local[items.tabIdentities.key] as object)).toHaveLength(1)
    expect(local[items.storageLayout.key]).toEqual({ version: LAYOUT_VERSION, leftovers: [] })
    for (const [key, value] of Object.entries(local)) {
      const declared = itemForKey('local', key)
      expect(declared, `${key} is declared in the registry`).toBeDefined()
      expect(declared && isValid(declared, value), `${key} fits its schema`).toBe(true)
    }
  })

  it('needs no step for "Act as a user" (issue 15): no act-as state yet, and the tab identity acts as nobody', async () => {
    const fake = fakeBrowser(stored010)
    await migrateStorage(fake.browser.storage)
    expect(await readItem(fake.browser.storage, items.actingStates)).toEqual({})
    const records = Object.values(await readItem(fake.browser.storage, items.tabIdentities))
    expect(records).toHaveLength(1)
    expect(records.map((record) => 'actingAs' in record)).toEqual([false])
  })

  it('opens every account’s session with the same passphrase after the update locked the vault', async () => {
    const fake = fakeBrowser(stored010)
    const ctx = createWorkerContext(fake.browser, await memoryDeviceKey())
    await migrateStorage(ctx.areas)
    // An update empties storage.session: the worker's preparation finds the key gone and locks.
    await prepareVault(lockDeps(ctx))
    expect(await lockStatus(lockDeps(ctx))).toEqual({ passphraseSet: true, locked: true })
    await expect(ctx.vault.readSecret(fixture.local.accounts[0]!.id)).rejects.toMatchObject({ data: { type: 'lanyard_locked' } })

    await unlock(lockDeps(ctx), fixture.passphrase)
    for (const account of fixture.local.accounts) {
      const secret = await ctx.vault.readSecret(account.id)
      expect(secret, account.email).not.toBeNull()
      expect(decodedUserId(secret!.session)).toBe(account.userId)
    }
  }, 30_000)

  it('is a no-op the second time: the layout is recorded, nothing else is written', async () => {
    const fake = fakeBrowser(stored010)
    await migrateStorage(fake.browser.storage)
    const writes = fake.storageChanges.length
    await migrateStorage(fake.browser.storage)
    expect(fake.storageChanges).toHaveLength(writes)
  })
})

/** A device-only 0.1.0 vault: the layout every user without a passphrase has. */
async function deviceOnly010() {
  const device = await memoryDeviceKey()
  const key = await device.getKey()
  const sealed = {
    acc1: await seal(key, 'device', 'acc1', JSON.stringify({ session: btoa(JSON.stringify({ id: 'user1', secret: 's1' })) })),
    acc2: await seal(key, 'device', 'acc2', JSON.stringify({ session: btoa(JSON.stringify({ id: 'user2', secret: 's2' })) })),
  }
  const local = {
    vaultState: { v: 1, generation: '', protection: { kind: 'device' } },
    'vault:acc1': sealed.acc1,
    'vault:acc2': sealed.acc2,
    accounts: fixture.local.accounts.slice(0, 2).map((a, i) => ({ ...a, id: `acc${i + 1}` })),
  }
  return { device, sealed, local }
}

describe('layout 2: secret records named by generation', () => {
  it('moves 0.1.0’s device-sealed records into the first generation unchanged, readable with the same device key', async () => {
    const { device, sealed, local } = await deviceOnly010()
    const fake = fakeBrowser(local)
    await migrateStorage(fake.browser.storage)
    const after = fake.state.storage.local
    expect(after['vault:acc1']).toBeUndefined()
    expect(after[items.secret(INITIAL_GENERATION, 'acc1').key]).toEqual(sealed.acc1)
    expect(after[items.vaultState.key]).toEqual({ v: 1, generation: INITIAL_GENERATION, protection: { kind: 'device' } })
    const ctx = createWorkerContext(fake.browser, device)
    expect(decodedUserId((await ctx.vault.readSecret('acc2'))!.session)).toBe('user2')
  })

  it('gives a fresh install the first generation and no leftovers', async () => {
    const fake = fakeBrowser()
    await migrateStorage(fake.browser.storage)
    expect(fake.state.storage.local).toEqual({
      [items.vaultState.key]: items.vaultState.fallback,
      [items.storageLayout.key]: { version: LAYOUT_VERSION, leftovers: [] },
    })
  })

  it('leaves a whole vault whichever write the worker is stopped at, and finishes on the next start', async () => {
    const { device, local } = await deviceOnly010()
    for (let stopAt = 0; stopAt < 5; stopAt++) {
      const storage = memoryStorage(local)
      await migrateStorage(storage.areas(stopAt)).catch((error: unknown) => {
        if (!(error instanceof WorkerStopped)) throw error
      })
      const areas: StorageAreas = storage.areas()
      await migrateStorage(areas)
      const ctx = createWorkerContext({ ...fakeBrowser().browser, storage: areas }, device)
      for (const [id, user] of [['acc1', 'user1'], ['acc2', 'user2']] as const) {
        expect(decodedUserId((await ctx.vault.readSecret(id))!.session), `stopped at write ${stopAt}`).toBe(user)
      }
      expect(Object.keys(storage.data.local).filter((key) => key.startsWith('vault:')).sort()).toEqual(['vault:initial:acc1', 'vault:initial:acc2'])
    }
  })
})

describe('the registry and its steps', () => {
  it('has a step for every layout version after 0.1.0’s, in order, ending at this build’s', () => {
    expect(migrationSteps.map((step) => step.to)).toEqual(Array.from({ length: LAYOUT_VERSION - 1 }, (_, i) => i + 2))
  })

  it('names every item whose version was bumped in the step that bumped it', () => {
    for (const [name, declared] of Object.entries(items)) {
      // A family's key arguments do not matter here: every member shares the declaration.
      const version = typeof declared === 'function' ? (declared as (...key: unknown[]) => StorageItem<unknown>)('x', 0).version : declared.version
      if (version === 1) continue
      const step = migrationSteps.find((s) => s.to === version)
      expect(step?.changes.includes(declared), name).toBe(true)
    }
  })
})
