// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { workerWorld, type WorkerWorld } from './testing/worker-world.ts'

let world: WorkerWorld
beforeEach(async () => {
  world = await workerWorld()
})
afterEach(() => world.close())

describe('the test contract', () => {
  it('getState answers the stored lists and the active account', async () => {
    expect(await world.call('getState')).toEqual({ projects: [], accounts: [], activeAccountId: null })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    expect(await world.call('getState')).toEqual({ projects: [project], accounts: [ada], activeAccountId: ada.id })
  })

  it('getSession reads one session of the account from the server, marking Lanyard’s own as current', async () => {
    const ada = await world.signIn(await world.addDemoProject(), 'ada@example.com')
    const session = await world.call('getSession', { accountId: ada.id, sessionId: ada.sessionId })
    expect(session).toMatchObject({ $id: ada.sessionId, userId: ada.userId, current: true })
    expect(session).not.toHaveProperty('secret')
    expect((await world.failure('getSession', { accountId: ada.id, sessionId: 'missing' })).type).toBe('user_session_not_found')
  })

  it('createJwt answers a JWT the server accepts as the account', async () => {
    const ada = await world.signIn(await world.addDemoProject(), 'ada@example.com')
    const { jwt } = await world.call('createJwt', { accountId: ada.id })
    const account = await world.server.request('GET', '/account', { headers: { 'X-Appwrite-JWT': jwt } })
    expect(account.status).toBe(200)
    expect((account.json as { $id: string }).$id).toBe(ada.userId)
  })

  it('refuses test requests with input outside their schema', async () => {
    expect((await world.failure('getSession', { accountId: 'a' } as never)).type).toBe('lanyard_invalid_input')
    expect((await world.failure('createJwt', { accountId: 'a', durationSeconds: 99_999 })).type).toBe('lanyard_invalid_input')
  })
})
