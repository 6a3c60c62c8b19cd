// The security log of one account with thousands of entries, in the options page: time to the
// first page shown (from the cache), then every frame while walking the whole log page by page and
// scrolling each page from top to bottom.
import type { Page } from 'playwright-core'
import type { Extension } from '../e2e/harness/extension.ts'

/** Options page route of an account's log section (src/options/router.ts). */
export const logsRoute = (optionsPath: string, accountId: string) => `${optionsPath}#/account/${encodeURIComponent(accountId)}/logs`
export const LOGS_VIEWPORT = { width: 1280, height: 800 }
const ROW = '#logs [role="row"].log-row:not(.log-head)'
/** Rows scrolled per frame: quick scrolling, ten rows of 34 px at a time. */
const SCROLL_STEP_PX = 340

interface LongFrame {
  duration: number
  scriptMs: number
  /** The longest script of the frame: what ran it and where (LoAF script attribution). */
  topScript: string
}

interface BenchWindow {
  benchFirstRows: Promise<number>
  benchFrames: { deltas: number[]; longAnimationFrames: LongFrame[]; stop(): void }
}

/** Installed before the page's own scripts: resolves at the first frame that shows a log row. */
function watchFirstRows(selector: string): void {
  const w = window as unknown as BenchWindow
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

/** Navigation start to the first frame showing the cached first page of the log, once per open. */
export async function measureFirstPage(ext: Extension, path: string, opens: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < opens; i++) {
    const page = await openLogs(ext, path)
    try {
      samples.push(await page.evaluate(() => (window as unknown as BenchWindow).benchFirstRows))
    } finally {
      await page.close()
    }
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
  const viewport = () => document.querySelector<HTMLElement>('#logs .virtual-viewport')
  const nextButton = () => [...document.querySelectorAll<HTMLButtonElement>('#logs nav button')].at(-1)
  return (async () => {
    for (let pages = 1; ; pages++) {
      const list = viewport()
      if (!list) throw new Error('no log viewport')
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
    const scrollHeight = () => document.querySelector('#logs .virtual-viewport')?.scrollHeight ?? 0
    const firstHeight = await page.evaluate(scrollHeight)
    await page.locator('#logs select').selectOption(String(pageSize))
    // The larger page is in once the list is taller than the cached first page.
    await page.waitForFunction((before) => (document.querySelector('#logs .virtual-viewport')?.scrollHeight ?? 0) > before, firstHeight)
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
