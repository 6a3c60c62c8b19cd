// One test world: a local server with the given projects and the built extension in Chromium,
// with the helpers most worker and ui tests start from. Always `await world.close()` (afterAll).
import type { ConfigObject, SeedUser } from '../appwrite/config.ts'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { launchExtension, type ContractClient, type Extension, type LaunchOptions } from './extension.ts'
import { startTestServer, TEST_PASSWORD, testProject, type Admin, type TestServer } from './server.ts'

/** The id the manifest key pins (docs/toolchain.md gotcha 6); the OAuth2 redirect host derives from it. */
export const EXTENSION_ID = 'iicjoikicipfiemkmknddoopcgjkpbpb'
/** A host registered as a Web platform, for the `url` of emailed links (docs/appwrite/wire.md section 5). */
export const LINK_HOST = 'app.example.test'
export const LINK_URL = `https://${LINK_HOST}/finish`

/**
 * Platforms of every test project: the link host and the OAuth2 redirect host, and deliberately
 * neither the extension's origin nor localhost: the server's origin check stays on.
 */
export const TEST_PLATFORMS = [
  { type: 'web', hostname: LINK_HOST },
  { type: 'web', hostname: `${EXTENSION_ID}.chromiumapp.org` },
]

export function seedUser(id: string, extra: Partial<SeedUser> = {}): SeedUser {
  return { $id: id, email: `${id}@example.test`, password: TEST_PASSWORD, name: id, ...extra }
}

/** What every world offers, whichever browser runs the extension. */
export interface WorldHelpers {
  /** Adds the server's project to Lanyard through the contract. */
  addProject(appwriteProjectId: string): Promise<Project>
  signInWithPassword(project: Project, email: string, password?: string): Promise<AccountSummary>
  /** Closes the browser, then the server. */
  close(): Promise<void>
}

export interface World extends WorldHelpers {
  server: TestServer
  ext: Extension
}

export function worldHelpers(server: TestServer, ext: ContractClient): WorldHelpers {
  return {
    addProject: (appwriteProjectId) => ext.call('addProject', { endpoint: server.endpoint, projectId: appwriteProjectId }),
    signInWithPassword: (project, email, password = TEST_PASSWORD) =>
      ext.call('signIn', { method: 'email-password', projectId: project.id, email, password }),
    async close() {
      await ext.close()
      await server.close()
    },
  }
}

export async function startWorld(config: ConfigObject, launch: LaunchOptions = {}): Promise<World> {
  const server = await startTestServer(config)
  let ext: Extension
  try {
    ext = await launchExtension(launch)
  } catch (error) {
    await server.close()
    throw error
  }
  return { server, ext, ...worldHelpers(server, ext) }
}

/** The usual start of a worker test: `alphaConfig(users)`, its project added to Lanyard, and its admin. */
export async function startAlphaWorld(users: SeedUser[]): Promise<{ world: World; project: Project; admin: Admin }> {
  const world = await startWorld(alphaConfig(users))
  try {
    return { world, project: await world.addProject('alpha'), admin: world.server.admin('alpha') }
  } catch (error) {
    await world.close()
    throw error
  }
}

/** The usual config: one project `alpha` with the given users, rate limits off unless asked. */
export function alphaConfig(users: SeedUser[], extra: Partial<ConfigObject> = {}): ConfigObject {
  return {
    projects: [testProject('alpha', { platforms: TEST_PLATFORMS, users, oauth2: { mock: true }, auths: { mockNumbers: [{ phone: '+15550001111', otp: '123456' }] } })],
    rateLimits: false,
    ...extra,
  }
}
