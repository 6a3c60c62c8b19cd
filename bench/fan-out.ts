// "Sign out other sessions everywhere" over many accounts against a far server, judged twice in the
// same run: against one single request's round trip, and against the browser's own floor, the same
// waves of requests fired by plain `fetch` from a bare extension page (no worker, no storage).
import type { Page } from 'playwright-core'
import type { AppwriteVersion } from '../e2e/appwrite/config.ts'
import type { Extension } from '../e2e/harness/extension.ts'
import type { AdminSession } from '../e2e/harness/server.ts'
import { REVOKE_EVERYWHERE_CONCURRENCY } from '../src/background/features/sessions.ts'
import type { PerAccountResult, Reply } from '../src/shared/protocol.ts'
import { featuresOf } from '../src/shared/server-features.ts'
import { timedRequest } from './in-page.ts'
import type { BenchWorld } from './world.ts'

/** A blank page in the bench's copy of the extension: the floor's requests leave from the extension's origin. */
export const BLANK_PAGE_PATH = 'bench/blank.html'
export const BLANK_PAGE_HTML = '<!doctype html>\n<meta charset="utf-8">\n<title>bench floor</title>\n'

/** The bare page the floor's requests leave from. */
export async function openFloorPage(ext: Extension): Promise<Page> {
  const page = await ext.openPage(BLANK_PAGE_PATH)
  // tsx compiles this file with esbuild's keepNames, which wraps inner named functions in `__name`.
  await page.evaluate('globalThis.__name ??= (fn) => fn')
  return page
}

export interface FanOutSamples {
  fanOut: number[]
  single: number[]
  floor: number[]
}

/** One account's share of a wave, as the floor page sends it. */
interface FloorTask {
  endpoint: string
  projectId: string
  /** The encoded session (X-Appwrite-Session). */
  session: string
  /** 1.9.6: the other sessions to delete while listing; 2.4+: empty (one DELETE ?current=false). */
  others: string[]
}

function adminFor(world: BenchWorld, projectId: string) {
  const project = world.projects.find((p) => p.id === projectId)
  const admin = project && world.serverOf.get(project.id)?.admin(project.projectId)
  if (!admin) throw new Error(`No server for project ${projectId}`)
  return admin
}

/** Gives each held account `count` other sessions through the key API (as if from other devices). */
async function addOtherSessions(world: BenchWorld, count: number): Promise<void> {
  await Promise.all(world.accounts.flatMap((a) => Array.from({ length: count }, () => adminFor(world, a.projectId).createSession(a.userId))))
}

/**
 * The floor's users (one per held account, not held by Lanyard): each gets a session the page holds
 * and `count` others, so the floor's waves end as many sessions as Lanyard's do.
 */
async function floorTasks(world: BenchWorld, floorUsers: readonly { projectId: string; userId: string }[], count: number, version: AppwriteVersion): Promise<FloorTask[]> {
  const oneRequest = featuresOf(version).oneRequestSignOut
  return Promise.all(
    floorUsers.map(async ({ projectId, userId }) => {
      const admin = adminFor(world, projectId)
      const sessions: AdminSession[] = await Promise.all(Array.from({ length: count + 1 }, () => admin.createSession(userId)))
      const [held, ...others] = sessions as [AdminSession, ...AdminSession[]]
      const project = world.projects.find((p) => p.id === projectId)
      return { endpoint: project?.endpoint ?? '', projectId: project?.projectId ?? '', session: held.secret, others: oneRequest ? [] : others.map((s) => s.$id) }
    }),
  )
}

/**
 * In the bare page: each account's requests at once, at most `concurrency` accounts in flight, as
 * the worker's fan-out does (src/background/features/sessions.ts). Resolves with the milliseconds
 * taken, after checking every answer.
 */
function fireWaves({ tasks, concurrency }: { tasks: FloorTask[]; concurrency: number }): Promise<number> {
  const send = async (task: FloorTask, method: string, path: string) => {
    const response = await fetch(`${task.endpoint}${path}`, {
      method,
      // As the worker's requests are (src/appwrite/http.ts): without `no-store`, Chromium's cache
      // lock sends one GET per URL at a time.
      headers: { 'X-Appwrite-Project': task.projectId, 'X-Appwrite-Session': task.session },
      credentials: 'omit',
      redirect: 'error',
      cache: 'no-store',
    })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`)
  }
  const account = (task: FloorTask) =>
    task.others.length === 0
      ? send(task, 'DELETE', '/account/sessions?current=false')
      : Promise.all([send(task, 'GET', '/account/sessions'), ...task.others.map((id) => send(task, 'DELETE', `/account/sessions/${id}`))])
  return (async () => {
    const start = performance.now()
    let next = 0
    const lane = async () => {
      while (next < tasks.length) await account(tasks[next++] as FloorTask)
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, lane))
    return performance.now() - start
  })()
}

export interface FanOutOptions {
  runs: number
  othersPerAccount: number
  version: AppwriteVersion
  /** Users on the same server(s) that Lanyard does not hold, one per held account. */
  floorUsers: readonly { projectId: string; userId: string }[]
  floorPage: Page
}

export async function measureFanOut(world: BenchWorld, options: FanOutOptions): Promise<FanOutSamples> {
  const samples: FanOutSamples = { fanOut: [], single: [], floor: [] }
  const probe = world.accounts[0]
  if (!probe) throw new Error('The fan-out world holds no account')
  const { othersPerAccount } = options
  for (let i = 0; i < options.runs; i++) {
    const [, tasks] = await Promise.all([addOtherSessions(world, othersPerAccount), floorTasks(world, options.floorUsers, othersPerAccount, options.version)])
    // As when the user looks at the accounts before signing the others out: the cache is current.
    await Promise.all(world.accounts.map((a) => world.ext.call('refresh', { accountId: a.id })))
    // One GET of one session: exactly one request to the server.
    const single = await timedRequest(world.ext.page, 'getSession', { accountId: probe.id, sessionId: probe.sessionId })
    if (!(single.reply as Reply<unknown>).ok) throw new Error(`getSession failed: ${JSON.stringify(single.reply)}`)
    const lanyard = async () => {
      const fanOut = await timedRequest(world.ext.page, 'revokeOtherSessionsEverywhere')
      const reply = fanOut.reply as Reply<PerAccountResult[]>
      const done = reply.ok ? reply.value.filter((r) => r.ok && r.revoked === othersPerAccount).length : 0
      if (done !== world.accounts.length) throw new Error(`revokeOtherSessionsEverywhere revoked all others of ${done}/${world.accounts.length} accounts: ${JSON.stringify(reply).slice(0, 400)}`)
      return fanOut.ms
    }
    const floor = () => options.floorPage.evaluate(fireWaves, { tasks, concurrency: REVOKE_EVERYWHERE_CONCURRENCY })
    // Alternating which goes first, so neither always meets the warmer connection.
    const lanyardFirst = i % 2 === 0
    const first = lanyardFirst ? await lanyard() : await floor()
    const second = lanyardFirst ? await floor() : await lanyard()
    samples.single.push(single.ms)
    samples.fanOut.push(lanyardFirst ? first : second)
    samples.floor.push(lanyardFirst ? second : first)
  }
  return samples
}
