// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ORIGIN_RULE_ID } from '../origin-rule.ts'
import { workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

let world: WorkerWorld
beforeEach(async () => {
  world = await workerWorld()
})
afterEach(() => world.close())

describe('projects: addProject', () => {
  it('probes the project, stores it, and removes Origin from the extension’s own requests to its host', async () => {
    const project = await world.addDemoProject()
    expect(project).toMatchObject({ endpoint: world.server.endpoint, projectId: 'demo', label: 'Demo' })
    expect(world.stored.projects()).toEqual([project])
    // A session rule, as `tabIds: [-1]` (requests from no tab) is allowed only there.
    expect(world.fake.state.dynamicRules).toEqual([])
    const [rule] = world.fake.state.sessionRules
    expect(rule).toMatchObject({ id: ORIGIN_RULE_ID, condition: { tabIds: [-1], requestDomains: ['127.0.0.1'], initiatorDomains: [new URL(world.fake.browser.runtime.getURL('')).host] } })
  })

  it('adds the same endpoint and project only once', async () => {
    const first = await world.addDemoProject()
    expect(await world.addDemoProject()).toEqual(first)
    expect(world.stored.projects()).toHaveLength(1)
  })

  it('names an unknown project id, and stores nothing', async () => {
    const error = await world.failure('addProject', { endpoint: world.server.endpoint, projectId: 'nope' })
    expect(error).toMatchObject({ type: 'project_not_found', code: 404 })
    expect(error.message).toContain('has no project with the id "nope"')
    expect(world.stored.projects()).toBeUndefined()
  })

  it('refuses an endpoint that is not a URL before any request', async () => {
    const error = await world.failure('addProject', { endpoint: 'not a url', projectId: 'demo' })
    expect(error.type).toBe('lanyard_invalid_endpoint')
  })

  it('asks for the host permission of a host the manifest does not grant', async () => {
    const error = await world.failure('addProject', { endpoint: 'https://appwrite.example.org/v1', projectId: 'demo' })
    expect(error).toMatchObject({ type: 'lanyard_permission_required', code: 403 })
    expect(error.message).toContain('https://appwrite.example.org/*')
  })

  it('says the host is unreachable when nothing answers', async () => {
    await world.server.close()
    const error = await world.failure('addProject', { endpoint: world.server.endpoint, projectId: 'demo' })
    expect(error.type).toBe('lanyard_network')
    world = await workerWorld()
  })

  it('refuses input outside the contract without touching storage', async () => {
    const error = await world.failure('addProject', { endpoint: world.server.endpoint } as never)
    expect(error.type).toBe('lanyard_invalid_input')
    expect(world.stored.projects()).toBeUndefined()
  })
})

describe('projects: updateProject and removeProject', () => {
  it('renames and recolours a project', async () => {
    const project = await world.addDemoProject()
    const updated = await world.call('updateProject', { id: project.id, label: '  Staging  ', color: '#16a34a' })
    expect(updated).toEqual({ ...project, label: 'Staging', color: '#16a34a' })
    expect(world.stored.projects()).toEqual([updated])
  })

  it('keeps the label when the new one is blank, and names a project that is gone', async () => {
    const project = await world.addDemoProject()
    expect((await world.call('updateProject', { id: project.id, label: '   ' })).label).toBe('Demo')
    expect((await world.failure('updateProject', { id: 'gone' })).type).toBe('lanyard_unknown_project')
  })

  it('ends the held sessions on the server, forgets the accounts, and drops the Origin rule with the last project', async () => {
    const project = await world.addDemoProject()
    const ada = await world.signIn(project, 'ada@example.com')
    await world.call('removeProject', { id: project.id })
    expect(await world.admin.sessionIds(ada.userId)).not.toContain(ada.sessionId)
    expect(world.stored.accounts()).toEqual([])
    expect(Object.keys(world.stored.local()).filter((key) => key.includes(ada.id))).toEqual([])
    expect(world.fake.state.sessionRules).toEqual([])
    expect((await world.failure('removeProject', { id: project.id })).type).toBe('lanyard_unknown_project')
  })

  it('forgets the project even when the server cannot be reached to end its sessions', async () => {
    const project = await world.addDemoProject()
    await world.signIn(project, 'ada@example.com')
    await world.server.close()
    await world.call('removeProject', { id: project.id })
    expect(world.stored.projects()).toEqual([])
    world = await workerWorld()
  })
})

describe('projects: OAuth2 redirect host and preparation', () => {
  it('names the redirect host to register as a Web platform', async () => {
    const { host, redirectUrl } = await world.call('getOAuthRedirectHost')
    expect(redirectUrl).toBe(world.fake.browser.identity.getRedirectURL('oauth2'))
    expect(host).toBe(new URL(redirectUrl).host)
  })

  it('rebuilds the Origin rule on browser start from the stored projects, and drops an earlier version’s dynamic rule', async () => {
    await world.addDemoProject()
    const [rule] = world.fake.state.sessionRules
    world.fake.restartBrowser()
    if (rule) world.fake.state.dynamicRules = [{ ...rule, condition: { ...rule.condition, tabIds: [-1] } }] as typeof world.fake.state.dynamicRules
    expect(world.fake.state.sessionRules).toEqual([])
    world.fake.fire.startup()
    await world.spine.idle()
    expect(world.fake.state.sessionRules).toEqual([rule])
    expect(world.fake.state.dynamicRules).toEqual([])
  })
})
