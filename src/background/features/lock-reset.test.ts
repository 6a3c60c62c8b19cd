// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { demoWorld, TEST_PASSPHRASE, type WorkerWorld } from '../testing/worker-world.ts'

// PBKDF2 runs 600,000 iterations per derivation.
vi.setConfig({ testTimeout: 30_000 })

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld())
})
afterEach(() => world.close())

const statuses = () => (world.stored.item(items.accounts) ?? []).map((a) => a.status)

describe('resetLanyard: the way out of a forgotten passphrase', () => {
  it('while locked: ends every account locally, wipes the vault, drops the passphrase, and keeps projects and accounts', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.signIn(project, 'grace@example.com')
    await world.lockBehindPassphrase()
    const before = world.stored.item(items.vaultState)

    expect(await world.call('resetLanyard')).toEqual({ accounts: 2, signedOutOnServer: 0 })

    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
    expect(world.stored.secrets()).toEqual({})
    expect(world.stored.item(items.vaultState)).toMatchObject({ protection: { kind: 'device' } })
    expect(world.stored.item(items.vaultState)?.generation).not.toBe(before?.generation)
    expect(statuses()).toEqual(['signedOut', 'signedOut'])
    expect(world.stored.item(items.projects)).toHaveLength(1)
    // A locked vault's session cannot be read, so it stays valid on the server: the reply says so (0 signed out).
    expect(await world.admin.sessionIds('ada')).toContain(ada.sessionId)
    // Lanyard works again without a passphrase: a new sign-in is sealed under the device key.
    await world.signIn(project, 'ada@example.com')
    expect(Object.keys(world.stored.secrets())).toHaveLength(1)
  })

  it('while unlocked: signs every account out on the server first', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('setPassphrase', { passphrase: TEST_PASSPHRASE })
    const held = ada.sessionId
    expect(await world.call('resetLanyard')).toEqual({ accounts: 1, signedOutOnServer: 1 })
    expect(await world.admin.sessionIds('ada')).not.toContain(held)
    expect(statuses()).toEqual(['signedOut'])
    expect(await world.call('getLockStatus')).toEqual({ passphraseSet: false, locked: false })
  })
})
