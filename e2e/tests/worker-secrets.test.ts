// No session secret reaches a page: a full run collects every page's DOM, the page-readable
// storage, every reply to a page and all console output, then searches all of it for every
// session the server issued, as a recording proxy between the worker and the server saw them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../../src/shared/protocol.ts'
import type { AnyInput, AnyName } from '../harness/contract.ts'
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy.ts'
import { latestCode, sessionSecretOf, TEST_PASSWORD } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'

describe('no secret reaches a page', () => {
  let world: World
  let proxy: RecordingProxy
  const collected: string[] = []

  /** Every session handed out, in both forms a leak could take, and the password. */
  function secrets(extra: string[]): string[] {
    const encoded = [...proxy.sessions(), ...extra]
    return [TEST_PASSWORD, ...encoded, ...encoded.map(sessionSecretOf)]
  }

  async function collectPages() {
    for (const page of world.ext.context.pages()) {
      if (!page.isClosed()) collected.push(await page.content())
    }
    collected.push(JSON.stringify(await world.ext.readStorage('local')))
    collected.push(JSON.stringify(await world.ext.readStorage('session')))
  }

  async function send<K extends AnyName>(name: K, input?: AnyInput<K>) {
    const reply = await world.ext.send(name, input)
    collected.push(JSON.stringify(reply))
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`)
    return reply.value
  }

  beforeAll(async () => {
    world = await startWorld(alphaConfig([seedUser('alice'), seedUser('bob'), seedUser('carol')]))
    proxy = await startRecordingProxy(world.server.endpoint)
  })
  afterAll(async () => {
    await world?.close()
    await proxy?.close()
  })

  it('a full run leaves no secret in DOMs, storage, replies or console', async () => {
    const project: Project = await send('addProject', { endpoint: proxy.endpoint, projectId: 'alpha' })
    const alice = await send('signIn', { method: 'email-password', projectId: project.id, email: 'alice@example.test', password: TEST_PASSWORD })
    const { userId } = await send('sendEmailOtp', { projectId: project.id, email: 'bob@example.test' })
    const bob = await send('signIn', { method: 'token', projectId: project.id, userId, secret: await latestCode(world.server, 'bob@example.test') })
    const anonymous = await send('signIn', { method: 'anonymous', projectId: project.id })
    const others = [await world.server.admin('alpha').createSession('alice'), await world.server.admin('alpha').createSession('bob')]

    const popup = await world.ext.openPage('src/popup/popup.html')
    for (const account of [alice, bob, anonymous]) {
      await send('refresh', { accountId: account.id })
      await send('getSession', { accountId: account.id, sessionId: account.sessionId })
      await send('updateSession', { accountId: account.id, sessionId: account.sessionId })
      await send('listLogs', { accountId: account.id, offset: 0, limit: 10 })
    }
    await send('updatePrefs', { accountId: alice.id, prefs: { theme: 'dark' } })
    await send('switchAccount', { accountId: bob.id })
    await send('getState')
    await collectPages()
    await send('revokeOtherSessionsEverywhere')
    await world.ext.stopWorker()
    await send('refresh', { accountId: alice.id })
    const options = await world.ext.openPage('src/options/options.html')
    await collectPages()
    await send('signOut', { accountId: anonymous.id })
    await collectPages()
    await popup.close()
    await options.close()

    const everything = [...collected, ...world.ext.collectConsole().map((entry) => entry.text)].join('\n')
    // The search looks at real material: the pages, storage and replies of this run.
    expect(everything).toContain('alice@example.test')
    expect(everything).toContain('"vault:')
    // The vault holds the sessions, sealed: this run did store some.
    expect(Object.keys(await world.ext.readStorage()).filter((key) => key.startsWith('vault:'))).toHaveLength(2)
    const all = secrets(others.map((s) => s.secret))
    // alice, bob (OTP), the anonymous user, and two sessions made on the server: each in two forms.
    expect(proxy.sessions()).toHaveLength(3)
    expect(all).toHaveLength(1 + 5 * 2)
    const leaked = all.filter((secret) => everything.includes(secret))
    expect(leaked).toEqual([])
  })
})
