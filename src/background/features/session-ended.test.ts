// @vitest-environment node
// A held session that stops working without Lanyard ending it: revoked elsewhere, or pushed out by
// the project's session limit (docs/appwrite/wire-2x.md section 6.1). Lanyard flags it and never signs in again by itself.
import { afterEach, describe, expect, it } from 'vitest'
import { workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

let world: WorkerWorld
afterEach(() => world.close())

describe('on Appwrite 2.7.1', () => {
  it('flags an account whose session the project limit pushed out, and signs nothing in', async () => {
    world = await workerWorld({ version: '2.7.1' })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    // Ten sign-ins on other devices: the limit of 10 ends the oldest sessions, Lanyard's among them.
    for (let i = 0; i < 10; i++) await world.server.signIn('ada@example.com')
    const onServer = await world.admin.sessionIds('ada')
    expect(onServer).toHaveLength(10)
    expect(onServer).not.toContain(ada.sessionId)

    const error = await world.failure('refresh', { accountId: ada.id })

    expect(error).toMatchObject({ type: 'lanyard_signed_out', code: 401 })
    expect(error.message).toMatch(/ended on the server/)
    expect(error.message).toMatch(/revoked elsewhere/)
    expect(error.message).toMatch(/session limit \(10 per user/)
    expect(error.message).toMatch(/does not sign in again by itself/)
    expect(world.stored.account(ada.id)).toMatchObject({ status: 'signedOut', endedOnServer: true })
    expect(world.stored.secretKey(ada.id)).toBeUndefined()
    // No new session: Lanyard did not sign in again.
    expect(await world.admin.sessionIds('ada')).toEqual(onServer)
    // Later requests say the same, without a request.
    expect((await world.failure('listPasskeys', { accountId: ada.id })).message).toMatch(/ended on the server/)
  })

  it('a new sign-in clears the flag', async () => {
    world = await workerWorld({ version: '2.7.1' })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke({ userId: 'ada', sessionId: ada.sessionId })
    await world.failure('refresh', { accountId: ada.id })
    expect(world.stored.account(ada.id)?.endedOnServer).toBe(true)
    const again = await world.signIn(project, 'ada@example.com')
    expect(again.id).toBe(ada.id)
    expect(world.stored.account(ada.id)).toMatchObject({ status: 'signedIn' })
    expect(world.stored.account(ada.id)).not.toHaveProperty('endedOnServer')
  })
})

describe('on Appwrite 1.9.6', () => {
  it('flags a session revoked elsewhere; the limit is named only as possible', async () => {
    world = await workerWorld({ version: '1.9.6' })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.admin.revoke({ userId: 'ada', sessionId: ada.sessionId })
    const error = await world.failure('refresh', { accountId: ada.id })
    expect(error.message).toMatch(/revoked elsewhere/)
    expect(error.message).toMatch(/session limit, if it sets one/)
    expect(world.stored.account(ada.id)).toMatchObject({ status: 'signedOut', endedOnServer: true })
  })

  it("is not flagged when Lanyard itself signed the account out", async () => {
    world = await workerWorld({ version: '1.9.6' })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('signOut', { accountId: ada.id })
    expect(world.stored.account(ada.id)?.status).toBe('signedOut')
    expect(world.stored.account(ada.id)).not.toHaveProperty('endedOnServer')
    const error = await world.failure('refresh', { accountId: ada.id })
    expect(error.type).toBe('lanyard_signed_out')
    expect(error.message).not.toMatch(/ended on the server/)
  })
})
