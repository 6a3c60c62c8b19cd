// "Sign out other sessions everywhere" over many accounts against a far server, against one single
// request's round trip measured in the same run (both timed in the page, interleaved).
import type { PerAccountResult, Reply } from '../src/shared/protocol.ts'
import { timedRequest } from './in-page.ts'
import type { BenchWorld } from './world.ts'

export interface FanOutSamples {
  fanOut: number[]
  single: number[]
}

/** Gives each held account `count` other sessions through the key API (as if from other devices). */
async function addOtherSessions(world: BenchWorld, count: number): Promise<void> {
  const appwriteProjectId = new Map(world.projects.map((p) => [p.id, p.projectId]))
  await Promise.all(
    world.accounts.flatMap((a) => {
      const admin = world.serverOf.get(a.projectId)?.admin(appwriteProjectId.get(a.projectId) ?? '')
      if (!admin) throw new Error(`No server for project ${a.projectId}`)
      return Array.from({ length: count }, () => admin.createSession(a.userId))
    }),
  )
}

export async function measureFanOut(world: BenchWorld, runs: number, othersPerAccount = 2): Promise<FanOutSamples> {
  const samples: FanOutSamples = { fanOut: [], single: [] }
  const probe = world.accounts[0]
  if (!probe) throw new Error('The fan-out world holds no account')
  for (let i = 0; i < runs; i++) {
    await addOtherSessions(world, othersPerAccount)
    // As when the user looks at the accounts before signing the others out: the cache is current.
    await Promise.all(world.accounts.map((a) => world.ext.call('refresh', { accountId: a.id })))
    // One GET of one session: exactly one request to the server.
    const single = await timedRequest(world.ext.page, 'getSession', { accountId: probe.id, sessionId: probe.sessionId })
    if (!(single.reply as Reply<unknown>).ok) throw new Error(`getSession failed: ${JSON.stringify(single.reply)}`)
    const fanOut = await timedRequest(world.ext.page, 'revokeOtherSessionsEverywhere')
    const reply = fanOut.reply as Reply<PerAccountResult[]>
    const done = reply.ok ? reply.value.filter((r) => r.ok && r.revoked === othersPerAccount).length : 0
    if (done !== world.accounts.length) throw new Error(`revokeOtherSessionsEverywhere revoked all others of ${done}/${world.accounts.length} accounts: ${JSON.stringify(reply).slice(0, 400)}`)
    samples.single.push(single.ms)
    samples.fanOut.push(fanOut.ms)
  }
  return samples
}
