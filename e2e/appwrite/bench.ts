// `npm run bench:server`: how fast the server starts and how many GET /v1/account it serves a second.
// The server runs as `npm run server` does, in its own process, so the load generator here does not
// share its CPU. Loopback only, bounded in time and concurrency. Targets: start < 300 ms, >= 2,000/s.
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { startServer } from './server.ts'

const DURATION_MS = 3000
const CONCURRENCY = 32

async function measureInProcessStart(): Promise<number> {
  const started = performance.now()
  const server = await startServer({ port: 0 })
  const elapsed = performance.now() - started
  await server.close()
  return elapsed
}

/** Spawns `tsx cli.ts`; resolves with its endpoint and the time until its "listening" line. */
function startCli(): Promise<{ child: ChildProcess; endpoint: string; startMs: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/appwrite/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => {
      const endpoint = chunk.toString().trim().split(' ').at(-1) ?? ''
      resolve({ child, endpoint, startMs: performance.now() - started })
    })
    child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)))
  })
}

async function signIn(endpoint: string): Promise<string> {
  const response = await fetch(`${endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: { 'X-Appwrite-Project': 'demo', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'ada@example.com', password: 'lanyard-demo' }),
  })
  const cookies = JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>
  const session = cookies['a_session_demo']
  if (!session) throw new Error(`sign-in failed: ${response.status}`)
  return session
}

async function measureThroughput(endpoint: string): Promise<{ perSecond: number; failures: number }> {
  const session = await signIn(endpoint)
  const url = new URL(endpoint)
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const headers = { 'X-Appwrite-Project': 'demo', 'X-Appwrite-Session': session, 'User-Agent': 'lanyard-bench' }
  let done = 0
  let failures = 0
  const deadline = performance.now() + DURATION_MS

  const once = () =>
    new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/account', headers, agent }, (res) => {
        if (res.statusCode !== 200) failures++
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', () => {
        failures++
        resolve()
      })
      req.end()
    })

  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await once()
        done++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return { perSecond: done / seconds, failures }
}

const inProcess = await measureInProcessStart()
const cli = await startCli()
try {
  const { perSecond, failures } = await measureThroughput(cli.endpoint)
  console.log(`start (startServer, in-process): ${inProcess.toFixed(1)} ms (target < 300 ms)`)
  console.log(`start (npm run server, spawn to "listening" line, tsx included): ${cli.startMs.toFixed(0)} ms`)
  console.log(`GET /v1/account: ${Math.round(perSecond).toLocaleString('en')} requests/s, ${CONCURRENCY} concurrent, ${DURATION_MS / 1000} s, ${failures} failures (target >= 2,000)`)
} finally {
  cli.child.kill('SIGTERM')
}
