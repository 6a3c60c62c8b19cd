// @vitest-environment node
// Issue 14: each project's server version, detected when it is added and on refresh (docs/appwrite/wire-2x.md section 1).
import { afterEach, describe, expect, it } from 'vitest'
import { items, write, writeItems } from '../../shared/storage.ts'
import { APPWRITE_VERSIONS, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

let world: WorkerWorld | undefined
afterEach(() => world?.close())

describe.each(APPWRITE_VERSIONS)('server version on Appwrite %s', (version) => {
  it('is stored on the project when it is added', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    expect(project.serverVersion).toBe(version)
    expect(world.stored.projects()?.[0]?.serverVersion).toBe(version)
  })

  it('is detected again on refresh, and written only when it changed', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    // An older record (written before issue 14) has no version: "not yet known".
    const { serverVersion: _, ...unknown } = project
    await writeItems(world.ctx.areas, [write(items.projects, [unknown])])
    expect(world.stored.projects()?.[0]).not.toHaveProperty('serverVersion')
    await world.call('refresh', { accountId: ada.id })
    expect(world.stored.projects()?.[0]?.serverVersion).toBe(version)
  })

  it('decides whether the snapshot holds a server log', async () => {
    world = await workerWorld({ version })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    const snapshot = await world.call('refresh', { accountId: ada.id })
    expect(snapshot.logsFirstPage?.supported).toBe(version === '1.9.6')
  })
})

it("falls back to an error body's version when /health/version does not answer JSON", async () => {
  world = await workerWorld({ version: '2.7.1' })
  await world.fault({ path: '/v1/health/version', status: 404, body: '<html>not found</html>' })
  expect((await world.addDemoProject()).serverVersion).toBe('2.7.1')
})

it('keeps a project whose server names no version, as "not yet known"', async () => {
  world = await workerWorld({ version: '2.7.1' })
  await world.fault({ path: '/v1/health/version', status: 200, body: { version: '' } })
  await world.fault({ path: '/v1/account', status: 401, body: { message: 'guest', code: 401, type: 'general_unauthorized_scope', version: '' } })
  const project = await world.addDemoProject()
  expect(project).not.toHaveProperty('serverVersion')
})

describe('odd answers (issue 14)', () => {
  it("reports a firewall's HTML 403 as blocked, keeping the account signed in", async () => {
    world = await workerWorld({ version: '2.7.1' })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ path: '/v1/account/**', status: 403, body: '<html><title>Access denied</title></html>' })
    await world.fault({ path: '/v1/account', status: 403, body: '<html><title>Access denied</title></html>' })
    const error = await world.failure('refresh', { accountId: ada.id })
    expect(error).toMatchObject({ type: 'lanyard_blocked', code: 403 })
    expect(error.message).toContain("blocked by the project's firewall or a proxy (HTTP 403)")
    expect(world.stored.account(ada.id)?.status).toBe('signedIn')
  })
})

describe("the wildcard route's HTML 401/403 (docs/appwrite/wire-2x.md section 2)", () => {
  const page = (type: string) => `<!DOCTYPE html><html><body><h1>Error</h1><p>Type: <code>${type}</code></p></body></html>`

  it.each([
    ['needsSecondFactor', 401, 'user_more_factors_required'],
    ['blocked', 403, 'user_blocked'],
  ] as const)('marks the account %s when the page names it (HTTP %i %s)', async (status, code, type) => {
    world = await workerWorld({ version: '2.7.1' })
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.fault({ method: 'GET', path: '/v1/account/sessions', status: code, body: page(type) })
    expect(await world.failure('refresh', { accountId: ada.id })).toMatchObject({ type, code })
    expect(world.stored.account(ada.id)?.status).toBe(status)
  })
})
