// The project's platforms do not list the extension, and the server enforces Appwrite's origin
// check. The worker's own requests reach it without Origin (the DNR rule, docs/appwrite/wire.md section 9), so
// sign-in and every POST, PATCH and DELETE work; a web page's own requests keep their Origin.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { testProject, type Admin } from '../harness/server.ts'
import { EXTENSION_ID, LINK_URL, seedUser, startWorld, TEST_PLATFORMS, type World } from '../harness/world.ts'

/** A loopback address that is neither `localhost` nor the server's own host, which Appwrite always allows. */
const PAGE_HOST = '127.0.0.2'

describe('a project whose platforms do not list the extension', () => {
  let world: World
  let project: Project
  let admin: Admin
  let alice: AccountSummary
  let pageServer: Server
  let pageOrigin: string

  beforeAll(async () => {
    world = await startWorld({
      projects: [
        testProject('strict', { platforms: TEST_PLATFORMS, users: [seedUser('alice')] }),
        // The control: the same page is allowed here, so its requests demonstrably reach the server.
        testProject('open', { platforms: [{ type: 'web', hostname: PAGE_HOST }] }),
      ],
      rateLimits: false,
    })
    admin = world.server.admin('strict')
    pageServer = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>page</title>'))
    await new Promise<void>((resolve) => pageServer.listen(0, PAGE_HOST, resolve))
    pageOrigin = `http://${PAGE_HOST}:${(pageServer.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await world?.close()
    await new Promise((resolve) => pageServer?.close(resolve))
  })

  it('the server really rejects the extension origin (the control)', async () => {
    const response = await fetch(`${world.server.endpoint}/account/sessions/anonymous`, {
      method: 'POST',
      headers: { 'X-Appwrite-Project': 'strict', Origin: `chrome-extension://${EXTENSION_ID}` },
    })
    expect(response.status).toBe(403)
    expect(((await response.json()) as { type: string }).type).toBe('general_unknown_origin')
  })

  it('adding the project and signing in work', async () => {
    project = await world.addProject('strict')
    alice = await world.signInWithPassword(project, 'alice@example.test')
    expect((await admin.listSessions('alice')).map((s) => s.$id)).toContain(alice.sessionId)
  })

  it('POST routes work: JWT and email verification', async () => {
    const { jwt } = await world.ext.call('createJwt', { accountId: alice.id })
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    await world.ext.call('sendEmailVerification', { accountId: alice.id, url: LINK_URL })
    expect((await world.server.outbox()).some((m) => m.to === 'alice@example.test')).toBe(true)
  })

  it('PATCH routes work: name, prefs, session', async () => {
    await world.ext.call('updateName', { accountId: alice.id, name: 'Strict Alice' })
    await world.ext.call('updatePrefs', { accountId: alice.id, prefs: { strict: true } })
    await world.ext.call('updateSession', { accountId: alice.id, sessionId: alice.sessionId })
    expect(await admin.getUser('alice')).toMatchObject({ name: 'Strict Alice', prefs: { strict: true } })
  })

  it('DELETE routes work: revoke another session, then sign out', async () => {
    const other = await admin.createSession('alice')
    await world.ext.call('revokeSession', { accountId: alice.id, sessionId: other.$id })
    await world.ext.call('signOut', { accountId: alice.id })
    expect(await admin.listSessions('alice')).toEqual([])
  })

  it("a web page's own request to the same server keeps its Origin and is rejected", async () => {
    const page = await world.ext.context.newPage()
    try {
      await page.goto(`${pageOrigin}/`)
      const post = (endpoint: string, projectId: string) =>
        page.evaluate(
          async ({ endpoint, projectId }) => {
            // A simple request (no custom header, text/plain): no preflight, the project in the query.
            const response = await fetch(`${endpoint}/account/sessions/anonymous?project=${projectId}`, { method: 'POST', body: '' }).catch(
              () => null,
            )
            return response === null ? 'unreadable' : response.status
          },
          { endpoint, projectId },
        )
      const strictBefore = (await admin.listUsers()).length
      const openAdmin = world.server.admin('open')
      const openBefore = (await openAdmin.listUsers()).length

      expect(await post(world.server.endpoint, 'open')).toBe(201)
      expect(await openAdmin.listUsers()).toHaveLength(openBefore + 1)

      // Same page, same request, to the strict project: had the rule stripped the page's Origin,
      // Appwrite would skip its check and create a user.
      await post(world.server.endpoint, 'strict')
      expect(await admin.listUsers()).toHaveLength(strictBefore)
    } finally {
      await page.close()
    }
  })
})
