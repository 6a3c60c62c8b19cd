// Launches Debian's Chromium with the built extension in a fresh profile (docs/toolchain.md
// "Launching the extension"), and talks to the worker the way a page does: through
// `chrome.runtime.sendMessage` with the real contract envelope, from a real extension page.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core'
import type { ErrorData, Reply } from '../../src/shared/protocol.ts'
import type { AnyInput, AnyName, AnyOutput } from './contract.ts'
import { chromeTestDist } from './paths.ts'

export interface LaunchOptions {
  /** Built extension folder; defaults to the test build, dist/chrome-test. */
  extensionPath?: string
  /** Extension page opened as `page`; defaults to the options page. */
  pagePath?: string
  viewport?: { width: number; height: number }
  /** Extra Chromium flags, e.g. `--lang=de` (headless Chromium takes its UI language only from --lang). */
  args?: string[]
  /** Extra environment for Chromium, over this process's, e.g. a private DBUS_SESSION_BUS_ADDRESS. */
  env?: Record<string, string>
}

export interface ConsoleEntry {
  source: string
  type: string
  text: string
}

/** What both browsers' harnesses offer: the real contract, sent from a real extension page. */
export interface ContractClient {
  /** Sends one request through the real contract; resolves with the raw `Reply`. */
  send<K extends AnyName>(name: K, input?: AnyInput<K>): Promise<Reply<AnyOutput<K>>>
  /** Like `send`, but returns the value and throws (with the ErrorData in the message) on an error reply. */
  call<K extends AnyName>(name: K, input?: AnyInput<K>): Promise<AnyOutput<K>>
  close(): Promise<void>
}

export interface Extension extends ContractClient {
  context: BrowserContext
  extensionId: string
  /** `chrome-extension://<id>` */
  origin: string
  /** An open extension page, used to send messages. */
  page: Page
  /** Everything in `storage.<area>` as an extension page reads it. */
  readStorage(area?: 'local' | 'session'): Promise<Record<string, unknown>>
  /** Opens another extension page, e.g. `src/popup/popup.html`. */
  openPage(path: string): Promise<Page>
  /** Stops the service worker through CDP and waits until Chromium reports it stopped. */
  stopWorker(): Promise<void>
  /** Every console message and page error seen so far, from pages and the worker. */
  collectConsole(): ConsoleEntry[]
}

export const chromiumPath = process.env.LANYARD_CHROMIUM ?? '/usr/bin/chromium'

export class ErrorReply extends Error {
  readonly data: ErrorData
  constructor(name: string, data: ErrorData) {
    super(`${name} failed: ${data.type} (${data.code}): ${data.message}`)
    this.data = data
  }
}

export async function launchExtension(options: LaunchOptions = {}): Promise<Extension> {
  const extensionPath = options.extensionPath ?? chromeTestDist
  const userDataDir = await mkdtemp(join(tmpdir(), 'lanyard-e2e-'))
  let context: BrowserContext | undefined
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      env: { ...process.env, ...options.env },
      viewport: options.viewport ?? { width: 800, height: 600 },
      args: [
        `--disable-extensions-except=${extensionPath}`,
        `--load-extension=${extensionPath}`,
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(options.args ?? []),
      ],
    })
    return await attach(context, userDataDir, options)
  } catch (error) {
    await context?.close().catch(() => undefined)
    await rm(userDataDir, { recursive: true, force: true })
    throw error
  }
}

async function attach(context: BrowserContext, userDataDir: string, options: LaunchOptions): Promise<Extension> {
  const consoleEntries: ConsoleEntry[] = []
  const watchPage = (page: Page) => {
    page.on('console', (message: ConsoleMessage) =>
      consoleEntries.push({ source: page.url(), type: message.type(), text: message.text() }),
    )
    page.on('pageerror', (error) => consoleEntries.push({ source: page.url(), type: 'pageerror', text: String(error) }))
  }
  context.on('page', watchPage)

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
  worker.on('console', (message) => consoleEntries.push({ source: 'worker', type: message.type(), text: message.text() }))
  const extensionId = new URL(worker.url()).host
  const origin = `chrome-extension://${extensionId}`

  const openPage = async (path: string) => {
    const page = await context.newPage()
    await page.goto(`${origin}/${path.replace(/^\//, '')}`)
    return page
  }
  const page = await openPage(options.pagePath ?? 'src/options/options.html')

  const send = async <K extends AnyName>(name: K, input?: AnyInput<K>) =>
    page.evaluate(
      (message) => chrome.runtime.sendMessage(message) as Promise<Reply<AnyOutput<K>>>,
      { lanyard: 1 as const, name, input },
    )

  const call = async <K extends AnyName>(name: K, input?: AnyInput<K>) => {
    const reply = await send(name, input)
    if (!reply.ok) throw new ErrorReply(name, reply.error)
    return reply.value
  }

  const readStorage = (area: 'local' | 'session' = 'local') =>
    page.evaluate((name) => chrome.storage[name].get(null), area)

  const stopWorker = async () => {
    const cdp = await context.newCDPSession(page)
    try {
      await cdp.send('ServiceWorker.enable')
      const stopped = new Promise<void>((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
          if (event.versions.some((v) => v.runningStatus === 'stopped')) resolve()
        })
      })
      await cdp.send('ServiceWorker.stopAllWorkers')
      await stopped
    } finally {
      await cdp.detach().catch(() => undefined)
    }
  }

  const close = async () => {
    await context.close().catch(() => undefined)
    await rm(userDataDir, { recursive: true, force: true })
  }

  return {
    context,
    extensionId,
    origin,
    page,
    send,
    call,
    readStorage,
    openPage,
    stopWorker,
    collectConsole: () => [...consoleEntries],
    close,
  }
}
