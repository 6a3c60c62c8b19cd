// One Firefox test world: Lanyard installed in Firefox over BiDi, then a local server whose project
// lists the link host and Firefox's OAuth2 redirect host as Web platforms, and deliberately not the
// extension's `moz-extension://<uuid>` origin: only the Origin-removing rule lets POSTs through.
import type { AppwriteVersion, SeedUser } from '../appwrite/config.ts'
import { startTestServer, testProject, type TestServer } from '../harness/server.ts'
import { LINK_HOST, worldHelpers, type WorldHelpers } from '../harness/world.ts'
import { launchFirefox, type ExtensionSource, type FirefoxExtension } from './firefox.ts'

export interface FirefoxWorld extends WorldHelpers {
  server: TestServer
  ext: FirefoxExtension
  /** `identity.getRedirectURL()` host: `<hash>.extensions.allizom.org`. */
  redirectHost: string
}

/**
 * `version`: the Appwrite the local server imitates (its default, 1.9.6, when absent);
 * `appHosts`: more Web platforms, e.g. the host of a test app in a tab.
 */
export async function startFirefoxWorld(users: SeedUser[], source?: ExtensionSource, version?: AppwriteVersion, appHosts: string[] = []): Promise<FirefoxWorld> {
  const ext = await launchFirefox(source)
  let server: TestServer
  let redirectHost: string
  try {
    redirectHost = (await ext.call('getOAuthRedirectHost')).host
    const platforms = [
      { type: 'web', hostname: LINK_HOST },
      { type: 'web', hostname: redirectHost },
      ...appHosts.map((hostname) => ({ type: 'web', hostname })),
    ]
    server = await startTestServer({ projects: [testProject('alpha', { platforms, users, oauth2: { mock: true } })], rateLimits: false, ...(version ? { version } : {}) })
  } catch (error) {
    await ext.close()
    throw error
  }
  return { server, ext, redirectHost, ...worldHelpers(server, ext) }
}
