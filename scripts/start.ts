// `npm start`: builds Lanyard, starts the local Appwrite-compatible demo server (state kept in
// .lanyard-demo/), and opens Chromium with Lanyard loaded, the demo project added and two demo
// accounts signed in. Without a display it keeps the server running and says how to load the build.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { DEMO_PASSWORD } from '../e2e/appwrite/default-config.ts'
import { startServer } from '../e2e/appwrite/server.ts'
import type { InputOf, MessageName, Reply } from '../src/shared/protocol.ts'
import { items } from '../src/shared/storage.ts'
import { ensureChromium } from './browsers.ts'

const demoDir = resolve('.lanyard-demo')
const extensionPath = resolve('dist/chrome')
mkdirSync(demoDir, { recursive: true })

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const server = await startServer({ port: 8787, dataFile: resolve(demoDir, 'server.json') })
console.log(`Appwrite-compatible server listening on ${server.endpoint}`)
console.log(`Outbox (verification links, codes): ${server.endpoint.replace(/\/v1$/, '')}/__dev/`)
console.log(`Demo accounts: ada@example.com, grace@example.com, alan@example.com (password "${DEMO_PASSWORD}")`)

const stopServer = () => void server.close().then(() => process.exit(0))
process.once('SIGINT', stopServer)
process.once('SIGTERM', stopServer)

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(
    [
      '',
      'No display found, so no browser window can open here. The demo server keeps running (Ctrl+C stops it).',
      'To try Lanyard, open chrome://extensions in Chromium or Chrome, turn on Developer mode, choose',
      `"Load unpacked" and pick ${extensionPath}. Then add the project: endpoint ${server.endpoint}, project ID "demo".`,
    ].join('\n'),
  )
} else {
  const context = await chromium.launchPersistentContext(resolve(demoDir, 'profile'), {
    executablePath: ensureChromium(),
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`, '--no-first-run', '--disable-background-networking', '--disable-sync'],
  })
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/src/options/options.html`)
  const send = <K extends MessageName>(name: K, input?: InputOf<K>) =>
    page.evaluate((message) => chrome.runtime.sendMessage(message) as Promise<Reply<unknown>>, { lanyard: 1 as const, name, input })

  const projectsKey = items.projects.key
  const stored = await page.evaluate((key) => chrome.storage.local.get(key), projectsKey)
  const alreadySetUp = Array.isArray(stored[projectsKey]) && stored[projectsKey].length > 0
  if (!alreadySetUp) {
    const project = await send('addProject', { endpoint: server.endpoint, projectId: 'demo', label: 'Demo project' })
    if (!project.ok) throw new Error(`Could not add the demo project: ${project.error.message}`)
    const projectId = (project.value as { id: string }).id
    for (const email of ['grace@example.com', 'ada@example.com']) {
      const signedIn = await send('signIn', { method: 'email-password', projectId, email, password: DEMO_PASSWORD })
      if (!signedIn.ok) console.warn(`Could not sign in ${email}: ${signedIn.error.message}`)
    }
    await page.reload()
  }
  console.log('Chromium is open with Lanyard. Close the browser or press Ctrl+C to stop.')
  context.on('close', stopServer)
}
