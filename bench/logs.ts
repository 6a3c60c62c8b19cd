// The security log of one account with thousands of entries, in the options page: time to the
// first page shown (from the cache), against the same rows as a script-free page in the same run;
// then every frame while walking the whole log page by page and scrolling each page to its end.
//
// The log view is being redesigned, so the bench leans only on what a redesign keeps: the page's
// `main` landmark, table semantics (rows with cells: ARIA roles or <tr>/<td>), the section that
// holds the rows, its page-size <select> and a "next page" button last in its <nav>.
import type { Page } from 'playwright-core'
import type { Extension } from '../e2e/harness/extension.ts'
import { writeStaticCopy } from './static-page.ts'

/** Options page route of an account's log section (src/options/router.ts). */
export const logsRoute = (optionsPath: string, accountId: string) => `${optionsPath}#/account/${encodeURIComponent(accountId)}/logs`
export const LOGS_VIEWPORT = { width: 1280, height: 800 }
/** A log entry's row: a row with data cells (the header row has column headers instead). */
const ROW = 'main :is([role="row"], tr):has(:is([role="cell"], td))'
/** Where the script-free copy of the first page is written, inside the bench's copy of the extension. */
export const STATIC_LOGS_PATH = 'bench/static-logs.html'
/** Rows scrolled per frame: quick scrolling, ten rows of 34 px at a time. */
const SCROLL_STEP_PX = 340

interface LongFrame {
  duration: number
  scriptMs: number
  /** The longest script of the frame: what ran it and where (LoAF script attribution). */
  topScript: string
}

interface BenchWindow {
  /** The nearest ancestor of the first log row that scrolls: the virtual list's viewport, whatever its class. */
  benchScroller(row: string): HTMLElement | null
  benchFirstRows: Promise<number>
  benchFrames: { deltas: number[]; longAnimationFrames: LongFrame[]; stop(): void }
}

/** Installed before the page's own scripts: resolves at the first frame that shows a log row. */
function watchFirstRows(selector: string): void {
  const w = window as unknown as BenchWindow
  w.benchScroller = (row) => {
    for (let node = document.querySelector(row)?.parentElement; node; node = node.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(node).overflowY)) return node
    }
    return null
  }
  w.benchFirstRows = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return
      observer.disconnect()
      requestAnimationFrame(() => resolve(performance.now()))
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

async function openLogs(ext: Extension, path: string): Promise<Page> {
  const page = await ext.context.newPage()
  await page.setViewportSize(LOGS_VIEWPORT)
  // tsx compiles this file with esbuild's keepNames, which wraps inner named functions in `__name`.
  await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn' })
  await page.addInitScript(watchFirstRows, ROW)
  await page.goto(`${ext.origin}/${path}`)
  return page
}

/** Navigation start to the first frame showing log rows. */
async function timeFirstRows(ext: Extension, path: string): Promise<number> {
  const page = await openLogs(ext, path)
  try {
    return await page.evaluate(() => (window as unknown as BenchWindow).benchFirstRows)
  } finally {
    await page.close()
  }
}

/**
 * Renders the log once, lets it settle (flags and fonts in), and writes what it shows, without any
 * script, into the extension copy: the reference for logsRenderRatio.
 */
export async function writeStaticLogs(ext: Extension, extensionDir: string, path: string, settleMs = 1000): Promise<void> {
  const page = await openLogs(ext, path)
  try {
    await page.evaluate(() => (window as unknown as BenchWindow).benchFirstRows)
    await page.waitForTimeout(settleMs)
    await writeStaticCopy(extensionDir, STATIC_LOGS_PATH, await page.evaluate(() => document.documentElement.outerHTML))
  } finally {
    await page.close()
  }
}

export interface FirstPageSamples {
  /** Navigation start to the first frame showing the cached first page of the log. */
  logs: number[]
  /** The same for the script-free copy of those rows. */
  reference: number[]
}

/** Opens the log and its static copy alternately, after `warmups` unrecorded opens of each. */
export async function measureFirstPage(ext: Extension, path: string, opens: number, warmups = 2): Promise<FirstPageSamples> {
  const samples: FirstPageSamples = { logs: [], reference: [] }
  for (let i = 0; i < warmups + opens; i++) {
    const logsFirst = i % 2 === 0
    const logs = logsFirst ? await timeFirstRows(ext, path) : undefined
    const reference = await timeFirstRows(ext, STATIC_LOGS_PATH)
    const logsLate = logs ?? (await timeFirstRows(ext, path))
    if (i < warmups) continue
    samples.logs.push(logsLate)
    samples.reference.push(reference)
  }
  return samples
}

function startFrameRecorder(): void {
  const deltas: number[] = []
  // Each long animation frame with the time its scripts took: little script means layout, paint or a busy machine.
  const longAnimationFrames: LongFrame[] = []
  let running = true
  let last = performance.now()
  const tick = (now: number) => {
    deltas.push(now - last)
    last = now
    if (running) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  type ScriptTiming = { duration: number; forcedStyleAndLayoutDuration: number; invoker: string; sourceURL: string; sourceFunctionName: string }
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => {
      const scripts = (entry as PerformanceEntry & { scripts?: ScriptTiming[] }).scripts ?? []
      const top = scripts.reduce<ScriptTiming | undefined>((a, b) => (a && a.duration >= b.duration ? a : b), undefined)
      longAnimationFrames.push({
        duration: entry.duration,
        scriptMs: scripts.reduce((sum, s) => sum + s.duration, 0),
        topScript: top ? `${top.invoker} ${top.sourceFunctionName} ${top.sourceURL.split('/').pop() || '(bench)'} ${Math.round(top.duration)} ms, forced layout ${Math.round(top.forcedStyleAndLayoutDuration)} ms` : '',
      })
    }),
  )
  try {
    observer.observe({ type: 'long-animation-frame' })
  } catch {
    // Older engines have no such entry type; the rAF deltas still tell.
  }
  ;(window as unknown as BenchWindow).benchFrames = {
    deltas,
    longAnimationFrames,
    stop() {
      running = false
      observer.disconnect()
    },
  }
}

/**
 * The whole walk inside the page, so no outside tool runs script there meanwhile: scroll the page
 * of rows to its end one step per frame, press "Next page", wait (frame by frame) for the next page's
 * rows, until "Next page" is disabled. Resolves with the number of pages shown.
 */
function walkPages({ row, step }: { row: string; step: number }): Promise<number> {
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
  const section = () => document.querySelector('[data-bench-log-section]')
  const viewport = () => (window as unknown as BenchWindow).benchScroller(row)
  const nextButton = () => [...(section()?.querySelectorAll<HTMLButtonElement>('nav button') ?? [])].at(-1)
  return (async () => {
    for (let pages = 1; ; pages++) {
      const list = viewport()
      if (!list) throw new Error('no scrolling list around the log rows')
      list.scrollTop = 0
      while (list.scrollTop + list.clientHeight < list.scrollHeight - 1) {
        list.scrollTop += step
        await frame()
      }
      const next = nextButton()
      if (!next || next.disabled) return pages
      const before = document.querySelector(row)?.textContent
      next.click()
      while (document.querySelector(row)?.textContent === before || !document.querySelector(row)) await frame()
    }
  })()
}

/** Marks the section (or, without one, the `main`) holding the log rows, for the walk's controls. */
function markLogSection(row: string): void {
  const first = document.querySelector(row)
  const holder = first?.closest('section') ?? first?.closest('main')
  if (!holder) throw new Error('no log rows in a section or main')
  holder.setAttribute('data-bench-log-section', '')
}

/** The height of everything the rows' list can scroll: grows when a larger page is in. */
function rowsScrollHeight(row: string): number {
  return (window as unknown as BenchWindow).benchScroller(row)?.scrollHeight ?? 0
}

export interface WalkResult {
  /** The longest frame (rAF to rAF) seen during the walk, page changes included. */
  maxFrameMs: number
  longAnimationFrameMaxMs: number
  /** Script time within the longest animation frame, and its longest script. */
  longAnimationFrameScriptMs: number
  longAnimationFrameTopScript: string
  frames: number
  pages: number
}

/** Sets the largest page size, then shows every page and scrolls each to its end. */
export async function walkLog(ext: Extension, path: string, pageSize: number): Promise<WalkResult> {
  const page = await openLogs(ext, path)
  try {
    await page.evaluate(() => (window as unknown as BenchWindow).benchFirstRows)
    await page.evaluate(markLogSection, ROW)
    const firstHeight = await page.evaluate(rowsScrollHeight, ROW)
    await page.locator('[data-bench-log-section] select').first().selectOption(String(pageSize))
    // The larger page is in once the list is taller than the cached first page.
    await page.waitForFunction(({ row, before }) => ((window as unknown as BenchWindow).benchScroller(row)?.scrollHeight ?? 0) > before, { row: ROW, before: firstHeight })
    await page.evaluate(startFrameRecorder)
    const pages = await page.evaluate(walkPages, { row: ROW, step: SCROLL_STEP_PX })
    const frames = await page.evaluate(() => {
      const recorded = (window as unknown as BenchWindow).benchFrames
      recorded.stop()
      return { deltas: recorded.deltas, longAnimationFrames: recorded.longAnimationFrames }
    })
    const longest = frames.longAnimationFrames.reduce((a, b) => (b.duration > a.duration ? b : a), { duration: 0, scriptMs: 0, topScript: '' })
    return {
      maxFrameMs: Math.max(...frames.deltas),
      longAnimationFrameMaxMs: longest.duration,
      longAnimationFrameScriptMs: longest.scriptMs,
      longAnimationFrameTopScript: longest.topScript,
      frames: frames.deltas.length,
      pages,
    }
  } finally {
    await page.close()
  }
}
