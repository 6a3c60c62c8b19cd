// The bench's pure helpers (issue 6): statistics, the budget table, the bundle walk over a built
// extension and the script-free reference page. Nothing here is timed.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamicImports, gzipSize, htmlAssets, measureBundles, measureEntry, staticImports } from '../../bench/bundle.ts'
import { exact, median, ratio, summarize } from '../../bench/stats.ts'
import { staticReferencePage } from '../../bench/static-page.ts'
import { formatTable, misses, verdict } from '../../bench/table.ts'
import { chromeDist } from '../harness/paths.ts'

describe('stats', () => {
  it('takes the middle of odd and the mean of the two middles of even counts, in any order', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(() => median([])).toThrow(RangeError)
  })

  it('summarizes with min and max and refuses non-finite samples', () => {
    expect(summarize([3, 9, 1], 'ms')).toEqual({ median: 3, min: 1, max: 9, unit: 'ms' })
    expect(() => summarize([1, Number.NaN], 'ms')).toThrow(RangeError)
    expect(exact(42, 'B')).toEqual({ median: 42, min: 42, max: 42, unit: 'B' })
  })

  it('divides medians for a ratio and pairs samples by index for its range', () => {
    const r = ratio([10, 30, 20], [10, 10, 40])
    expect(r.median).toBe(20 / 10)
    expect(r.min).toBe(0.5)
    expect(r.max).toBe(3)
    expect(r.unit).toBe('x')
  })
})

describe('table', () => {
  const budgets = { fast: { limit: 100, on: 'median' as const }, frames: { limit: 50, on: 'max' as const } }

  it('checks the statistic the budget names', () => {
    expect(verdict({ median: 90, min: 80, max: 300, unit: 'ms' }, budgets.fast)).toBe('ok')
    expect(verdict({ median: 20, min: 10, max: 51, unit: 'ms' }, budgets.frames)).toBe('MISS')
    expect(verdict({ median: 1, min: 1, max: 1, unit: 'ms' }, undefined)).toBe('')
  })

  it('prints one aligned row per figure with its budget and lists the misses', () => {
    const figures = {
      fast: { median: 120, min: 100, max: 150, unit: 'ms' },
      frames: { median: 20, min: 16, max: 33, unit: 'ms' },
      size: { median: 20_100, min: 20_100, max: 20_100, unit: 'B' },
    }
    const lines = formatTable(figures, budgets).split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[2]).toMatch(/^fast\s+120\.0 ms\s+100\.0 ms\s+150\.0 ms\s+<= 100\.0 ms\s+MISS$/)
    expect(lines[3]).toMatch(/max <= 50\.0 ms\s+ok$/)
    expect(lines[4]).toMatch(/^size\s+20\.1 kB .* -$/)
    expect(misses(figures, budgets)).toEqual(['fast'])
    const markdown = formatTable(figures, budgets, 'markdown').split('\n')
    expect(markdown[1]).toBe('| --- | ---: | ---: | ---: | ---: | ---: |')
    expect(markdown[2]).toBe('| fast | 120.0 ms | 100.0 ms | 150.0 ms | <= 100.0 ms | MISS |')
  })
})

describe('bundle walk', () => {
  it('reads scripts, module preloads and stylesheets from HTML, and static and dynamic imports from modules', () => {
    const html = `<script type="module" crossorigin src="/assets/a.js"></script>
      <link rel="modulepreload" href='/assets/b.js'><link rel=stylesheet href=/assets/c.css><link rel="icon" href="/i.png">`
    expect(htmlAssets(html)).toEqual(['/assets/a.js', '/assets/b.js', '/assets/c.css'])
    const code = `import{a as e}from"./b.js";import"./side.js";export{x}from'../y.js';const s="import";f(import("./lazy.js"));import x from "preact"`
    expect(staticImports(code)).toEqual(['./b.js', './side.js', '../y.js'])
    expect(dynamicImports(code)).toEqual(['./lazy.js'])
  })

  let root = ''
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lanyard-bench-test-'))
    await mkdir(join(root, 'src'), { recursive: true })
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'src/page.html'), '<script type="module" src="/assets/main.js"></script><link rel="stylesheet" href="../assets/page.css">')
    await writeFile(join(root, 'assets/main.js'), 'import{s}from"./shared.js";import("./later.js");console.log(s)')
    await writeFile(join(root, 'assets/shared.js'), 'export const s="shared ".repeat(50)')
    await writeFile(join(root, 'assets/later.js'), 'import{s}from"./shared.js";export const l=s')
    await writeFile(join(root, 'assets/page.css'), 'body{margin:0}')
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('sums the gzip -9 size of every file an entry loads at once, and counts lazy modules apart', async () => {
    const size = async (file: string) => gzipSize(await readFile(join(root, file)))
    const entry = await measureEntry(root, 'src/page.html')
    expect(Object.keys(entry.files).sort()).toEqual(['assets/main.js', 'assets/page.css', 'assets/shared.js'])
    expect(entry.gzipBytes).toBe((await size('assets/main.js')) + (await size('assets/page.css')) + (await size('assets/shared.js')))
    // shared.js is loaded at once already: the lazy part is later.js alone.
    expect(entry.lazyGzipBytes).toBe(await size('assets/later.js'))
  })

  it('finds the popup, options page and worker of the built extension through its manifest', async () => {
    const sizes = await measureBundles(chromeDist)
    const popupHtml = await readFile(join(chromeDist, 'src/popup/popup.html'), 'utf8')
    const popupScript = htmlAssets(popupHtml).find((url) => url.endsWith('.js'))?.replace(/^\//, '')
    expect(popupScript && sizes.popup.files[popupScript]).toBeGreaterThan(0)
    expect(Object.keys(sizes.popup.files).some((f) => f.endsWith('.css'))).toBe(true)
    expect(Object.keys(sizes.worker.files)).toContain('service-worker-loader.js')
    expect(Object.keys(sizes.worker.files).length).toBeGreaterThan(1)
    for (const entry of Object.values(sizes)) {
      for (const [file, bytes] of Object.entries(entry.files)) expect(bytes).toBe(gzipSize(await readFile(join(chromeDist, file))))
    }
  })
})

describe('static reference page', () => {
  it('keeps the painted markup and stylesheets and drops every script and module preload', () => {
    const rendered = `<html lang="en"><head><script type="module" crossorigin src="/assets/p.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/m.js"><link rel="stylesheet" crossorigin href="/assets/p.css"></head>
      <body class="popup-body"><div id="root"><main class="popup"><h2>Accounts</h2></main></div><script>alert(1)</script></body></html>`
    const page = staticReferencePage(rendered)
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(page).not.toMatch(/<script|modulepreload/i)
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/p.css">')
    expect(page).toContain('<main class="popup"><h2>Accounts</h2></main>')
  })
})
