// The popup's two figures in Firefox (firefox-esr over WebDriver BiDi, e2e/firefox): paint from
// cache against the script-free copy of the same page, and switching accounts. Same marks and
// landmarks as the Chromium figures (bench/popup.ts); the copy is written into the add-on's folder
// once Firefox rendered the popup, so its markup and stylesheets are Firefox's own build.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { callInPage } from '../e2e/firefox/bidi.ts'
import { launchFirefox, type FirefoxExtension } from '../e2e/firefox/firefox.ts'
import { TEST_PASSWORD, startTestServer, testProject } from '../e2e/harness/server.ts'
import { TEST_PLATFORMS } from '../e2e/harness/world.ts'
import { firefoxTestDist } from '../e2e/harness/paths.ts'
import type { ProjectSeed } from './world.ts'
import { CARD_PAINTED_MARK, POPUP_VIEWPORT, STATIC_PAGE_PATH, SWITCH_TARGETS } from './popup.ts'
import { writeStaticCopy } from './static-page.ts'

const POPUP_PATH = 'src/popup/popup.html'
const WAIT_MS = 10_000

export interface FirefoxPopupSamples {
  popup: number[]
  reference: number[]
  switches: number[]
}

/** Runs in the page: resolves with the startTime of the n-th mark of that name, polling on timers. */
function markInPage(name: string, index: number, waitMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + waitMs
    const look = () => {
      const mark = performance.getEntriesByName(name, 'mark')[index]
      if (mark) return resolve(mark.startTime)
      if (performance.now() > deadline) return reject(new Error(`no mark ${name} #${index + 1}`))
      setTimeout(look, 25)
    }
    look()
  })
}

/** Runs in the page: resolves with the first contentful paint's startTime. */
function fcpInPage(waitMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + waitMs
    const look = () => {
      const paint = performance.getEntriesByName('first-contentful-paint', 'paint')[0]
      if (paint) return resolve(paint.startTime)
      if (performance.now() > deadline) return reject(new Error('no first-contentful-paint'))
      setTimeout(look, 25)
    }
    look()
  })
}

/** Runs in the page: clicks the n-th other account and resolves with the click event's time to the next card mark. */
function switchInPage(targets: string, mark: string, n: number, waitMs: number): Promise<number> {
  const others = [...document.querySelectorAll<HTMLButtonElement>(targets)]
  const target = others[n % others.length]
  if (!target) return Promise.reject(new Error(`no ${targets}`))
  const before = performance.getEntriesByName(mark, 'mark').length
  return new Promise((resolve, reject) => {
    document.addEventListener(
      'click',
      (event) => {
        const clickAt = event.timeStamp
        const deadline = performance.now() + waitMs
        const look = () => {
          const painted = performance.getEntriesByName(mark, 'mark')[before]
          if (painted) return resolve(painted.startTime - clickAt)
          if (performance.now() > deadline) return reject(new Error('no card mark after the click'))
          setTimeout(look, 5)
        }
        setTimeout(look, 0)
      },
      { capture: true, once: true },
    )
    target.click()
  })
}

async function openAt(ext: FirefoxExtension, path: string): Promise<string> {
  const { context } = await ext.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' })
  await ext.bidi.send('browsingContext.setViewport', { context, viewport: POPUP_VIEWPORT })
  await ext.bidi.send('browsingContext.navigate', { context, url: `${ext.origin}/${path}`, wait: 'complete' })
  // tsx compiles this file with esbuild's keepNames, which wraps inner named functions in `__name`.
  await ext.bidi.send('script.evaluate', { expression: 'globalThis.__name ??= (fn) => fn', target: { context }, awaitPromise: false })
  return context
}

async function closeContext(ext: FirefoxExtension, context: string): Promise<void> {
  await ext.bidi.send('browsingContext.close', { context })
}

async function timeOpen(ext: FirefoxExtension, path: string, read: (context: string) => Promise<number>): Promise<number> {
  const context = await openAt(ext, path)
  try {
    return await read(context)
  } finally {
    await closeContext(ext, context)
  }
}

/**
 * Installs a copy of the Firefox test build, signs the seeded accounts in, then opens the popup and
 * its static copy alternately (`opens` each after two warm-ups) and switches accounts `switches` times.
 */
export async function measureFirefoxPopup(seeds: ProjectSeed[], opens: number, switches: number, warmups = 2): Promise<FirefoxPopupSamples> {
  const dir = await mkdtemp(join(tmpdir(), 'lanyard-bench-firefox-'))
  await cp(firefoxTestDist, dir, { recursive: true })
  const server = await startTestServer({ projects: seeds.map((s) => testProject(s.id, { platforms: TEST_PLATFORMS, users: s.users })), rateLimits: false })
  let ext: FirefoxExtension | undefined
  try {
    ext = await launchFirefox({ type: 'path', path: dir })
    const opened = ext
    for (const seed of seeds) {
      const project = await opened.call('addProject', { endpoint: server.endpoint, projectId: seed.id, label: seed.id })
      for (const user of seed.users) await opened.call('signIn', { method: 'email-password', projectId: project.id, email: user.email ?? '', password: user.password ?? TEST_PASSWORD })
    }
    const inPage = <T>(context: string, fn: (...args: never[]) => unknown, args: unknown[]) => callInPage<T>(opened.bidi, context, fn, args)
    const popupMark = (context: string) => inPage<number>(context, markInPage, [CARD_PAINTED_MARK, 0, WAIT_MS])

    // The static copy, as Firefox rendered the popup.
    const first = await openAt(opened, POPUP_PATH)
    await popupMark(first)
    const html = await inPage<string>(first, () => document.documentElement.outerHTML, [])
    await closeContext(opened, first)
    await writeStaticCopy(dir, STATIC_PAGE_PATH, html)

    const samples: FirefoxPopupSamples = { popup: [], reference: [], switches: [] }
    for (let i = 0; i < warmups + opens; i++) {
      const popupFirst = i % 2 === 0
      const openPopup = () => timeOpen(opened, POPUP_PATH, popupMark)
      const openReference = () => timeOpen(opened, STATIC_PAGE_PATH, (context) => inPage<number>(context, fcpInPage, [WAIT_MS]))
      const popup = popupFirst ? await openPopup() : undefined
      const reference = await openReference()
      const popupLate = popup ?? (await openPopup())
      if (i < warmups) continue
      samples.popup.push(popupLate)
      samples.reference.push(reference)
    }

    const context = await openAt(opened, POPUP_PATH)
    await popupMark(context)
    for (let i = 0; i < switches; i++) {
      samples.switches.push(await inPage<number>(context, switchInPage, [SWITCH_TARGETS, CARD_PAINTED_MARK, i, WAIT_MS]))
      // Between clicks the popup settles (the worker's switch and refresh replies), as in Chromium.
      await new Promise((resolve) => setTimeout(resolve, 400))
    }
    return samples
  } finally {
    await ext?.close()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
}
