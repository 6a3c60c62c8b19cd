// Launches Debian's Firefox headless in a fresh profile, installs Lanyard as a temporary add-on over
// WebDriver BiDi (`webExtension.install`), and talks to the background script the way a page does:
// `browser.runtime.sendMessage` with the real contract envelope, from a real extension page.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Reply } from '../../src/shared/protocol.ts'
import type { AnyInput, AnyName, AnyOutput } from '../harness/contract.ts'
import { FIREFOX, findBrowser, missingBrowserMessage } from '../../scripts/browsers.ts'
import { ErrorReply, type ContractClient } from '../harness/extension.ts'
import { firefoxTestDist } from '../harness/paths.ts'
import { callInPage, openBidi, type BidiConnection } from './bidi.ts'

/** The gecko id in the Firefox manifest (vite.config.ts); the pinned UUID is keyed on it. */
export const GECKO_ID = 'lanyard@lanyard.dev'

/** An unpacked build folder, or a packaged `.zip`/`.xpi`. */
export type ExtensionSource = { type: 'path'; path: string } | { type: 'archivePath'; path: string }

export interface FirefoxExtension extends ContractClient {
  bidi: BidiConnection
  /** The add-on id `webExtension.install` reported. */
  addonId: string
  /** The internal UUID pinned through the profile, so pages are at a known origin. */
  uuid: string
  /** `moz-extension://<uuid>` */
  origin: string
  /** The browsing context of the open extension page used to send messages. */
  context: string
  /** Runs `fn(...args)` in the extension page (JSON in, JSON out), e.g. to read `browser.alarms`. */
  inPage<T>(fn: (...args: never[]) => unknown, args?: unknown[], context?: string): Promise<T>
  /** Opens another extension page in a new tab and returns its browsing context. */
  openPage(path: string): Promise<string>
}

export function firefoxPath(): string {
  const found = findBrowser(FIREFOX)
  if (!found) throw new Error(`The Firefox lane needs Firefox. ${missingBrowserMessage(FIREFOX)}`)
  return found
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * The profile's user.js: the UUID pin (the only way to fix it, docs/appwrite/wire.md section 9), and nothing
 * that reaches the network. The remote agent already applies its recommended automation prefs.
 */
function userJs(uuid: string): string {
  const prefs: Record<string, unknown> = {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'app.update.auto': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'network.dns.disablePrefetch': true,
    // Background-script console to stdout: `call` quotes the worker's logged error on an internal one.
    'devtools.console.stdout.content': true,
    // Headless Firefox has no notification daemon: the system backend fails and reports each
    // notification closed by the user at once. Firefox's own alert windows work headless.
    'alerts.useSystemBackend': false,
  }
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n')
}

/** Firefox opens the BiDi endpoint a moment after start: retry until it accepts, or it exits. */
async function connect(port: number, browser: ChildProcess, output: () => string): Promise<BidiConnection> {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (browser.exitCode !== null) throw new Error(`Firefox exited (${browser.exitCode}) before BiDi was up:\n${output()}`)
    try {
      return await openBidi(`ws://127.0.0.1:${port}/session`)
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`No BiDi endpoint on port ${port} after 30 s (${String(error)}):\n${output()}`)
      await sleep(100)
    }
  }
}

export async function launchFirefox(source: ExtensionSource = { type: 'path', path: firefoxTestDist }): Promise<FirefoxExtension> {
  const executable = firefoxPath()
  const profile = await mkdtemp(join(tmpdir(), 'lanyard-firefox-'))
  const uuid = randomUUID()
  await writeFile(join(profile, 'user.js'), userJs(uuid))
  const port = await freePort()
  // Without --remote-allow-system-access, BiDi refuses to navigate to moz-extension:// pages
  // ("Navigation … is not allowed in this context", Firefox ESR 153).
  const args = ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', String(port), '--remote-allow-system-access', 'about:blank']
  const browser = spawn(executable, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  })
  let output = ''
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000))
  browser.stdout?.on('data', keep)
  browser.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => browser.once('exit', () => resolve()))

  const close = async () => {
    if (browser.exitCode === null) {
      browser.kill('SIGTERM')
      await Promise.race([exited, sleep(5_000)])
      if (browser.exitCode === null) browser.kill('SIGKILL')
      await exited
    }
    await rm(profile, { recursive: true, force: true })
  }

  try {
    const bidi = await connect(port, browser, () => output)
    await bidi.send('session.new', { capabilities: {} })
    const { extension: addonId } = await bidi.send<{ extension: string }>('webExtension.install', { extensionData: source })
    const origin = `moz-extension://${uuid}`

    const openPage = async (path: string) => {
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' })
      await bidi.send('browsingContext.navigate', { context, url: `${origin}/${path.replace(/^\//, '')}`, wait: 'complete' })
      return context
    }
    const context = await openPage('src/options/options.html')
    const inPage = <T>(fn: (...args: never[]) => unknown, args: unknown[] = [], target = context) => callInPage<T>(bidi, target, fn, args)

    const send = <K extends AnyName>(name: K, input?: AnyInput<K>) =>
      inPage<Reply<AnyOutput<K>>>((message: unknown) => (globalThis as unknown as PageGlobals).browser.runtime.sendMessage(message), [{ lanyard: 1, name, input }])
    const call = async <K extends AnyName>(name: K, input?: AnyInput<K>) => {
      const reply = await send(name, input)
      if (reply.ok) return reply.value
      const error = new ErrorReply(name, reply.error)
      // An internal error's cause is only in the background script's console (errors.ts logs it, without secrets).
      const logged = output.split('\n').filter((line) => line.includes('Lanyard worker error'))
      if (reply.error.type === 'lanyard_internal' && logged.length > 0) error.message += `\nBackground console: ${logged.slice(-3).join('\n')}`
      throw error
    }

    return {
      bidi,
      addonId,
      uuid,
      origin,
      context,
      send,
      call,
      inPage,
      openPage,
      close: async () => {
        await bidi.send('session.end').catch(() => undefined)
        await bidi.close()
        await close()
      },
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * The globals of an extension page, for functions whose source runs there (`inPage`): they can
 * name nothing imported, since only their own text reaches the page.
 */
export interface PageGlobals {
  browser: typeof chrome
}
