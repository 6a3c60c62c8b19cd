// "Use in this tab" in Firefox (issue 17 item 11): the stock Web SDK in a page on http://localhost,
// the endpoint on http://127.0.0.1, "this tab only" through a per-tab session rule, Restore, and the
// lock that ends it; each checked in the page itself and in the rules the extension can read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { TEST_PASSWORD } from '../harness/server.ts'
import { seedUser } from '../harness/world.ts'
import { startTabApp, type TabApp } from '../tab-app/serve.ts'
import { callInPage } from './bidi.ts'
import type { PageGlobals } from './firefox.ts'
import { startFirefoxWorld, type FirefoxWorld } from './world.ts'

type WhoAmI = { userId: string } | { error: { code: number; type: string } }
interface AppGlobals {
  tabApp: { whoami(): Promise<WhoAmI>; signIn(email: string, password: string): Promise<WhoAmI> }
}

describe('Firefox: Use in this tab', () => {
  let world: FirefoxWorld
  let project: Project
  let bob: AccountSummary
  let app: TabApp

  beforeAll(async () => {
    world = await startFirefoxWorld(['alice', 'bob'].map((id) => seedUser(id)), undefined, undefined, ['localhost'])
    project = await world.addProject('alpha')
    bob = await world.signInWithPassword(project, 'bob@example.test')
    app = await startTabApp({ endpoint: world.server.endpoint, projectId: 'alpha' })
  })
  afterAll(async () => {
    await world?.close()
    await app?.close()
  })

  async function openApp(name: string): Promise<string> {
    const { context } = await world.ext.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' })
    await world.ext.bidi.send('browsingContext.navigate', { context, url: `${app.origin}/?tab=${name}`, wait: 'complete' })
    return context
  }
  const whoami = (context: string) => callInPage<WhoAmI>(world.ext.bidi, context, () => (globalThis as unknown as AppGlobals).tabApp.whoami())
  /** After the worker reloads the tab, the app's global is there again once the page has loaded. */
  const whoamiAfterReload = (context: string) => expect.poll(() => whoami(context).catch(() => null), { timeout: 10_000 })
  const tabIdOf = (name: string) =>
    world.ext.inPage<number>(async (query: string) => {
      const tabs = await (globalThis as unknown as PageGlobals).browser.tabs.query({})
      return tabs.find((tab) => tab.url?.endsWith(query))?.id ?? -1
    }, [`?tab=${name}`])
  const lentRules = async () =>
    (await world.ext.inPage<{ id: number }[]>(() => (globalThis as unknown as PageGlobals).browser.declarativeNetRequest.getSessionRules())).filter((rule) => rule.id !== 1)

  it('"this tab only" makes one tab bob while a second tab of the app stays alice; Restore brings alice back', async () => {
    const first = await openApp('first')
    const second = await openApp('second')
    expect(await callInPage(world.ext.bidi, first, (e: string, p: string) => (globalThis as unknown as AppGlobals).tabApp.signIn(e, p), ['alice@example.test', TEST_PASSWORD])).toEqual({ userId: 'alice' })
    expect(await whoami(second)).toEqual({ userId: 'alice' })
    const tabId = await tabIdOf('first')
    expect(tabId).toBeGreaterThan(0)

    await world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'tab', appOrigin: app.origin })
    await whoamiAfterReload(first).toEqual({ userId: 'bob' })
    expect(await whoami(second)).toEqual({ userId: 'alice' })
    expect(await lentRules()).toHaveLength(1)

    await world.ext.call('restoreTab', { tabId })
    await whoamiAfterReload(first).toEqual({ userId: 'alice' })
    expect(await lentRules()).toEqual([])
  })

  it('locking ends it: the rule goes and the tab is alice again', async () => {
    const context = await openApp('locking')
    const tabId = await tabIdOf('locking')
    await world.ext.call('setPassphrase', { passphrase: 'correct horse battery' })
    await world.ext.call('useInTab', { tabId, accountId: bob.id, mode: 'tab', appOrigin: app.origin })
    await whoamiAfterReload(context).toEqual({ userId: 'bob' })

    await world.ext.call('lock')
    expect(await lentRules()).toEqual([])
    await whoamiAfterReload(context).toEqual({ userId: 'alice' })
    expect(await world.ext.call('getLockStatus')).toEqual({ passphraseSet: true, locked: true })
  })
})
