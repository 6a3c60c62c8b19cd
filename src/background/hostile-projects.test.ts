// @vitest-environment node
// One project cannot fill storage for all (issue 17 item 4): next to a normal project, one whose
// server sends 3 MB of prefs and one whose server sends JSON 200,000 levels deep. The normal
// accounts keep working, a new one still appears, and storage.local stays far below its 10 MB.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { ConfigObject } from '../../e2e/appwrite/config.ts'
import { defaultConfig } from '../../e2e/appwrite/default-config.ts'
import { MAX_SNAPSHOT_BYTES } from '../shared/account-storage.ts'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { patchSnapshot } from './snapshots.ts'
import { DEMO_PASSWORD, workerWorld, type WorkerWorld } from './testing/worker-world.ts'

const hostileProject = (id: string) => ({
  $id: id,
  name: id,
  users: [{ $id: `${id}-user`, email: `${id}@example.com`, password: DEMO_PASSWORD }],
})
const config: ConfigObject = { ...defaultConfig, version: '1.9.6', projects: [...(defaultConfig.projects ?? []), hostileProject('huge'), hostileProject('deep')] }

let world: WorkerWorld
let demo: Project
let ada: AccountSummary
beforeEach(async () => {
  world = await workerWorld({ config })
  demo = await world.addDemoProject()
  ada = await world.signIn(demo, 'ada@example.com')
})
afterEach(() => world.close())

async function signInTo(projectId: string): Promise<AccountSummary> {
  const project = await world.call('addProject', { endpoint: world.server.endpoint, projectId })
  return world.call('signIn', { method: 'email-password', projectId: project.id, email: `${projectId}@example.com`, password: DEMO_PASSWORD })
}

/** The account as the server sends it, with `prefs` replaced by raw JSON text. */
async function accountBodyWithPrefs(projectId: string, session: string, prefsJson: string): Promise<string> {
  const real = await world.server.request('GET', '/account', { project: projectId, headers: { 'X-Appwrite-Session': session } })
  expect(real.status).toBe(200)
  return JSON.stringify({ ...(real.json as object), prefs: {} }).replace('"prefs":{}', `"prefs":${prefsJson}`)
}

const storedBytes = () => new TextEncoder().encode(JSON.stringify(world.fake.state.storage.local)).length

it('a 3 MB-prefs project and a 200,000-deep-JSON project beside a normal one: the normal accounts keep working and storage stays under 5 MB', async () => {
  const huge = await signInTo('huge')
  const deep = await signInTo('deep')
  const hugeBody = await accountBodyWithPrefs('huge', await world.heldSession(huge.id), JSON.stringify({ blob: 'x'.repeat(3_000_000) }))
  const deepBody = await accountBodyWithPrefs('deep', await world.heldSession(deep.id), `${'['.repeat(200_000)}${']'.repeat(200_000)}`)
  await world.fault({ project: 'huge', method: 'GET', path: '/v1/account', status: 200, body: hugeBody })
  await world.fault({ project: 'deep', method: 'GET', path: '/v1/account', status: 200, body: deepBody })
  await world.fault({ project: 'deep', method: 'GET', path: '/v1/account/prefs', status: 200, body: `{"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}` })

  for (const hostile of [huge, deep]) {
    const refreshed = await world.call('refresh', { accountId: hostile.id })
    expect(refreshed.error).toMatchObject({ type: 'lanyard_response_too_large', code: 0 })
    expect(refreshed.error?.message).toMatch(/more than any Appwrite server sends\. Nothing of it was kept\./)
    // Nothing of the answer was kept: the snapshot still holds the account as it was.
    expect(JSON.stringify(world.stored.snapshot(hostile.id)).length).toBeLessThan(20_000)
  }

  // The normal project is untouched: its account refreshes, and a second account is added and shown.
  expect((await world.call('refresh', { accountId: ada.id })).error).toBeUndefined()
  const grace = await world.signIn(demo, 'grace@example.com')
  expect(world.stored.accounts()?.map((a) => a.id)).toEqual([ada.id, huge.id, deep.id, grace.id])
  expect(world.stored.snapshot(grace.id)?.account?.email).toBe('grace@example.com')
  expect(storedBytes()).toBeLessThan(5 * 1024 * 1024)
})

it('a snapshot over the per-account bound is not stored: the previous one stays, flagged', async () => {
  const before = world.stored.snapshot(ada.id)
  const kept = await patchSnapshot(world.ctx, ada.id, (snapshot) => ({ ...snapshot, prefs: { blob: 'x'.repeat(MAX_SNAPSHOT_BYTES) } }))
  expect(kept).toEqual({ ...before, error: expect.objectContaining({ type: 'lanyard_response_too_large', code: 0 }) as unknown })
  expect(world.stored.snapshot(ada.id)).toEqual(kept)
  expect(kept.error?.message).toBe("This account's data is larger than the 512 kB Lanyard keeps per account, so the last smaller copy is shown.")
})
