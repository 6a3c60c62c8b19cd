// @vitest-environment node
// The per-project App URL (issue 14): emailed links point at it instead of the endpoint's origin, and
// a refused link URL says what to do. The server is 2.7.1 with its own domain elsewhere and one Web
// platform, app.example.com, so the endpoint host (127.0.0.1) is no valid link host.
import { afterEach, describe, expect, it } from 'vitest'
import { lastMessage } from '../../../e2e/appwrite/mfa-testing.ts'
import { demoConfigWith } from '../../../e2e/appwrite/testing.ts'
import type { Project } from '../../shared/protocol.ts'
import { workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

const CONFIG = demoConfigWith({ platforms: [{ type: 'web', hostname: 'app.example.com' }] }, { domain: 'appwrite.example.com' })
const ADVICE = 'add a Web platform with hostname 127.0.0.1 in the Appwrite console, or set the App URL'

let world: WorkerWorld
afterEach(() => world.close())

async function start(appUrl?: string): Promise<Project> {
  world = await workerWorld({ config: CONFIG, version: '2.7.1' })
  return world.call('addProject', { endpoint: world.server.endpoint, projectId: 'demo', label: 'Demo', ...(appUrl === undefined ? {} : { appUrl }) })
}

describe('without an App URL', () => {
  it('links point at the endpoint origin, and a refusal says exactly what to do; nothing is sent', async () => {
    const project = await start()
    expect(project).not.toHaveProperty('appUrl')
    await world.server.dev('DELETE', '/__dev/outbox')

    const recovery = await world.failure('sendRecovery', { projectId: project.id, email: 'grace@example.com' })
    expect(recovery).toMatchObject({ type: 'general_argument_invalid', code: 400 })
    expect(recovery.message).toContain(ADVICE)
    const magic = await world.failure('sendMagicUrl', { projectId: project.id, email: 'grace@example.com' })
    expect(magic.message).toContain(ADVICE)
    const alan = await world.signIn(project, 'alan@example.com')
    expect((await world.failure('sendEmailVerification', { accountId: alan.id })).message).toContain(ADVICE)
    expect(world.stored.account(alan.id)?.status).toBe('signedIn')
    expect((await world.server.dev('GET', '/__dev/outbox')).json).toEqual([])
  })
})

describe('with an App URL', () => {
  it('is stored normalised, and emailed links point at it', async () => {
    const project = await start('https://app.example.com/auth?from=lanyard')
    expect(project.appUrl).toBe('https://app.example.com/auth')
    expect(world.stored.projects()?.[0]?.appUrl).toBe('https://app.example.com/auth')

    await world.call('sendRecovery', { projectId: project.id, email: 'grace@example.com' })
    expect((await lastMessage(world.server, 'grace@example.com')).url).toMatch(/^https:\/\/app\.example\.com\/auth\?/)
    const alan = await world.signIn(project, 'alan@example.com')
    await world.call('sendEmailVerification', { accountId: alan.id })
    expect((await lastMessage(world.server, 'alan@example.com')).url).toMatch(/^https:\/\/app\.example\.com\/auth\?/)
  })

  it('is set, kept and removed by updateProject', async () => {
    const project = await start()
    expect(await world.call('updateProject', { id: project.id, appUrl: 'https://app.example.com' })).toMatchObject({ appUrl: 'https://app.example.com/' })
    expect(await world.call('updateProject', { id: project.id, label: 'Renamed' })).toMatchObject({ label: 'Renamed', appUrl: 'https://app.example.com/' })
    const removed = await world.call('updateProject', { id: project.id, appUrl: '' })
    expect(removed).not.toHaveProperty('appUrl')
    expect(world.stored.projects()?.[0]).not.toHaveProperty('appUrl')
  })

  it('refuses an App URL that is no http(s) address, storing nothing', async () => {
    world = await workerWorld({ config: CONFIG, version: '2.7.1' })
    const error = await world.failure('addProject', { endpoint: world.server.endpoint, projectId: 'demo', appUrl: 'javascript:alert(1)' })
    expect(error).toMatchObject({ type: 'lanyard_invalid_input', code: 400 })
    expect(world.stored.projects()).toBeUndefined()
  })
})
