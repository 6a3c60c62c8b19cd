// A bench world: the local server seeded through its config, and the built extension (a private
// copy of dist/chrome) holding the seeded accounts, added through the worker's real messages.
import type { Certificate } from '../e2e/appwrite/certificate.ts'
import type { AppwriteVersion, SeedDevice, SeedUser } from '../e2e/appwrite/config.ts'
import { launchExtension, type Extension, type LaunchOptions } from '../e2e/harness/extension.ts'
import { startTestServer, TEST_PASSWORD, testProject, type TestServer } from '../e2e/harness/server.ts'
import { EXTENSION_ID, seedUser, TEST_PLATFORMS } from '../e2e/harness/world.ts'
import type { AccountSummary, Project } from '../src/shared/protocol.ts'

export interface ProjectSeed {
  id: string
  /** Signed in to Lanyard, in this order. */
  users: SeedUser[]
  /** On the server only: users Lanyard does not hold (the fan-out's browser floor signs in as them). */
  unheld?: SeedUser[]
}

export interface BenchWorld {
  /** The server of each project, by Lanyard's project id. */
  serverOf: Map<string, TestServer>
  ext: Extension
  projects: Project[]
  /** In sign-in order; the last one is active. */
  accounts: AccountSummary[]
  close(): Promise<void>
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
]
/** Documentation addresses the server maps to countries (e2e/appwrite/README.md). */
const IPS = ['192.0.2.10', '192.0.2.70', '198.51.100.80', '203.0.113.20', '192.0.2.200', '198.51.100.150']

/** `count` devices, varied in client, system and country; `signedOut` ones only leave log entries. */
export function devices(count: number, signedOut = false): SeedDevice[] {
  return Array.from({ length: count }, (_, i) => ({
    userAgent: USER_AGENTS[i % USER_AGENTS.length] as string,
    ip: IPS[i % IPS.length] as string,
    hoursAgo: 1 + i,
    signedOut,
  }))
}

/** `count` users `<prefix>-01`... with the given live devices each. */
export function users(prefix: string, count: number, liveDevices: number): SeedUser[] {
  return Array.from({ length: count }, (_, i) =>
    seedUser(`${prefix}-${String(i + 1).padStart(2, '0')}`, { name: `${prefix} user ${i + 1}`, devices: devices(liveDevices), emailVerification: i % 3 !== 0 }),
  )
}

export interface WorldOptions {
  /**
   * Delay of every API response once the accounts are signed in (a fault on `/v1/**`, which delays
   * as the server's `--latency` does), so setting up many accounts does not wait on it.
   */
  latencyMs?: number
  /** One server (one host:port) per project instead of one for all. */
  serverPerProject?: boolean
  /** HTTPS + HTTP/2 with this certificate; Chromium trusts its key alone (--ignore-certificate-errors-spki-list). */
  tls?: Certificate
  /** The servers' Appwrite version; default the test config's (1.9.6). */
  version?: AppwriteVersion
  launch?: LaunchOptions
}

/**
 * The extension's origin is a platform too: the fan-out's floor page sends `Origin: chrome-extension://<id>`
 * where the worker's requests carry none (src/background/origin-rule.ts), so the check passes for both.
 */
const PLATFORMS = [...TEST_PLATFORMS, { type: 'web' as const, hostname: EXTENSION_ID }]

const serverConfig = (seeds: ProjectSeed[]) => ({
  projects: seeds.map((s) => testProject(s.id, { platforms: PLATFORMS, users: [...s.users, ...(s.unheld ?? [])] })),
  rateLimits: false,
})

export async function startBenchWorld(seeds: ProjectSeed[], options: WorldOptions = {}): Promise<BenchWorld> {
  const serverOptions = { ...(options.tls ? { tls: options.tls } : {}), ...(options.version ? { version: options.version } : {}) }
  const servers = options.serverPerProject
    ? await Promise.all(seeds.map((seed) => startTestServer(serverConfig([seed]), serverOptions)))
    : [await startTestServer(serverConfig(seeds), serverOptions)]
  const closeServers = () => Promise.all(servers.map((s) => s.close()))
  let ext: Extension | undefined
  try {
    const trust = options.tls ? [`--ignore-certificate-errors-spki-list=${options.tls.spkiHash}`] : []
    ext = await launchExtension({ ...options.launch, args: [...(options.launch?.args ?? []), ...trust] })
    const serverOf = new Map<string, TestServer>()
    const projects: Project[] = []
    const accounts: AccountSummary[] = []
    for (const [index, seed] of seeds.entries()) {
      const server = servers[options.serverPerProject ? index : 0] as TestServer
      const project = await ext.call('addProject', { endpoint: server.endpoint, projectId: seed.id, label: seed.id })
      serverOf.set(project.id, server)
      projects.push(project)
      // One at a time: each sign-in rewrites the stored account list.
      for (const user of seed.users) {
        accounts.push(await ext.call('signIn', { method: 'email-password', projectId: project.id, email: user.email ?? '', password: user.password ?? TEST_PASSWORD }))
      }
    }
    if (options.latencyMs) await Promise.all(servers.map((s) => s.addFault({ path: '/v1/**', delayMs: options.latencyMs })))
    const opened = ext
    return {
      serverOf,
      ext: opened,
      projects,
      accounts,
      async close() {
        await opened.close()
        await closeServers()
      },
    }
  } catch (error) {
    await ext?.close()
    await closeServers()
    throw error
  }
}
