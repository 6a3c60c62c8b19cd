// The world of the "Use in this tab" tests (issue 7): the local server, the built extension, and
// the test app (e2e/tab-app) on `http://localhost:<port>`, cross-site to the endpoint on
// `http://127.0.0.1:<port>`. Third-party cookies stay as this Chromium ships them: blocked.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { AppwriteVersion, SeedUser } from '../appwrite/config.ts'
import { startTabApp, type TabApp } from '../tab-app/serve.ts'
import { chromeTestDist } from '../harness/paths.ts'
import { testProject } from '../harness/server.ts'
import { seedUser, startWorld, TEST_PLATFORMS, type World } from '../harness/world.ts'
import type { Project } from '../../src/shared/protocol.ts'

export interface TabWorld extends World {
  app: TabApp
  project: Project
  /** Opens the app in a new tab; `name` tells tabs of the same app apart. */
  openApp(name: string): Promise<Page>
  /** The browser's id of the tab showing `page`, as the popup would pass it. */
  tabIdOf(page: Page): Promise<number>
  /** The endpoint's cookies in every partition, as the extension sees them (needs `cookies`). */
  endpointCookies(origin?: string): Promise<chrome.cookies.Cookie[]>
}

export type WhoAmI = { userId: string } | { error: { code: number; type: string } }

export function whoami(page: Page): Promise<WhoAmI> {
  return page.evaluate(() => (window as unknown as { tabApp: { whoami(): Promise<WhoAmI> } }).tabApp.whoami())
}

export function appSignIn(page: Page, email: string, password: string): Promise<WhoAmI> {
  return page.evaluate(
    ([e, p]) => (window as unknown as { tabApp: { signIn(e: string, p: string): Promise<WhoAmI> } }).tabApp.signIn(e, p),
    [email, password] as const,
  )
}

export function appSignOut(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { tabApp: { signOut(): Promise<unknown> } }).tabApp.signOut())
}

export function pageFallback(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('cookieFallback'))
}

/** Runs `action` and waits for the page's next load (the worker reloads the tab). */
export async function andReload(page: Page, action: () => Promise<unknown>): Promise<void> {
  const loaded = page.waitForEvent('load')
  await action()
  await loaded
}

/** The local server under the name `localhost`: the same site as the app. */
/** The tab's own badge text, as the toolbar shows it in that tab. */
export function tabBadge(world: World, tabId: number): Promise<string> {
  return world.ext.page.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)
}

/** The toolbar's badge, which a tab with no identity of its own shows: the active account's initials (issue 16). */
export function toolbarBadge(world: World): Promise<string> {
  return world.ext.page.evaluate(() => chrome.action.getBadgeText({}))
}

export function localEndpoint(port: number): string {
  return `http://localhost:${port}/v1`
}

export const TAB_USERS: SeedUser[] = [seedUser('alice'), seedUser('bob'), seedUser('carol')]

/**
 * The hosts Chrome asks about with its "Read and change your data" prompt: Chrome checks a Secure
 * cookie against its https URL, also on the plain-http loopback endpoint (src/shared/tab-permissions.ts).
 */
const PROMPTED_HOSTS = ['https://127.0.0.1/*', 'https://localhost/*']

/**
 * The built extension, copied, with PROMPTED_HOSTS already granted: it stands for the person's
 * "Allow" on Chrome's site prompt, which headless Chromium cannot click (docs/tab-identity.md 1.5).
 * Nothing else differs: same code, same key, same id.
 */
async function extensionWithGrantedHost(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lanyard-tab-ext-'))
  await cp(chromeTestDist, dir, { recursive: true })
  const path = join(dir, 'manifest.json')
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { host_permissions: string[] }
  manifest.host_permissions = [...manifest.host_permissions, ...PROMPTED_HOSTS]
  await writeFile(path, JSON.stringify(manifest))
  return dir
}

/**
 * `sameSite` serves the app an endpoint on `localhost` too: same site as the app, for cookie mode.
 * `users` replaces TAB_USERS; `version` is the server's Appwrite version (default 1.9.6).
 */
export async function startTabWorld(options: { sameSite?: boolean; users?: SeedUser[]; version?: AppwriteVersion } = {}): Promise<TabWorld> {
  // The app's origin is a Web platform of the project, as a real app's would be (docs/appwrite/wire.md section 5).
  const platforms = [...TEST_PLATFORMS, { type: 'web' as const, hostname: 'localhost' }]
  const extensionPath = await extensionWithGrantedHost()
  let world: World
  let app: TabApp
  try {
    const config = { projects: [testProject('alpha', { platforms, users: options.users ?? TAB_USERS })], rateLimits: false }
    world = await startWorld(options.version ? { ...config, version: options.version } : config, { extensionPath })
  } catch (error) {
    await rm(extensionPath, { recursive: true, force: true })
    throw error
  }
  try {
    app = await startTabApp({ endpoint: options.sameSite ? localEndpoint(world.server.port) : world.server.endpoint, projectId: 'alpha' })
  } catch (error) {
    await world.close()
    await rm(extensionPath, { recursive: true, force: true })
    throw error
  }
  const project = options.sameSite
    ? await world.ext.call('addProject', { endpoint: localEndpoint(world.server.port), projectId: 'alpha' })
    : await world.addProject('alpha')
  const { ext, server } = world
  return {
    ...world,
    app,
    project,
    async openApp(name) {
      const page = await ext.context.newPage()
      await page.goto(`${app.origin}/?tab=${name}`)
      return page
    },
    async tabIdOf(page) {
      const id = await ext.page.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url())
      if (id === undefined) throw new Error(`No tab shows ${page.url()}`)
      return id
    },
    endpointCookies: (origin = server.origin) =>
      ext.page.evaluate((url) => chrome.cookies.getAll({ url, partitionKey: {} }), origin),
    async close() {
      await world.close()
      await app.close()
      await rm(extensionPath, { recursive: true, force: true })
    },
  }
}

/**
 * Grants the optional permissions the way the popup does: `permissions.request` from an extension
 * page during a user gesture (Playwright's evaluate runs with one). `cookies` and `scripting` carry
 * no warning, so Chromium grants them without a prompt (docs/tab-identity.md section 1.5). The hosts are
 * granted already: the loopback http ones by the manifest, PROMPTED_HOSTS by the test copy.
 */
export function grantTabPermissions(world: TabWorld): Promise<boolean> {
  return world.ext.page.evaluate(
    (origins) => chrome.permissions.request({ permissions: ['cookies', 'scripting'], origins }),
    ['http://localhost/*', 'http://127.0.0.1/*', ...PROMPTED_HOSTS],
  )
}
