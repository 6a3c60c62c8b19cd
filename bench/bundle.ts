// Bundle sizes as a browser loads them: from each entry of the built manifest (popup, options page,
// worker), follow the HTML's scripts, module preloads and stylesheets and every static JS import,
// and sum the gzip -9 size of each file reached. Dynamic `import()` targets are loaded later, so
// they are counted apart as `lazy`.
import { readFile } from 'node:fs/promises'
import { dirname, join, posix, relative } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Script and stylesheet URLs an HTML page loads at once. */
export function htmlAssets(html: string): string[] {
  const found: string[] = []
  for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/gi)) {
    const src = attribute(attrs ?? '', 'src')
    if (src) found.push(src)
  }
  for (const [, attrs] of html.matchAll(/<link\b([^>]*)>/gi)) {
    const rel = attribute(attrs ?? '', 'rel')?.toLowerCase()
    const href = attribute(attrs ?? '', 'href')
    if (href && (rel === 'stylesheet' || rel === 'modulepreload')) found.push(href)
  }
  return found
}

function attribute(attrs: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs)
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

const isPath = (specifier: string) => /^(\.{1,2})?\//.test(specifier)

/** Relative or absolute specifiers of a module's static imports and re-exports. */
export function staticImports(code: string): string[] {
  const found = [...code.matchAll(/\b(?:import|export)\s*(?:[^'"();=]*?\bfrom\s*)?(['"])([^'"\n]+)\1/g)].map((m) => m[2] as string)
  return found.filter(isPath)
}

/** Relative or absolute specifiers of a module's `import("...")` calls with a literal argument. */
export function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*(['"`])([^'"`\n]+)\1\s*\)/g)].map((m) => m[2] as string).filter(isPath)
}

export interface EntrySize {
  /** Files loaded at open, relative to the extension root, with their gzip -9 sizes. */
  files: Record<string, number>
  gzipBytes: number
  /** gzip -9 bytes of modules reached only through `import()`. */
  lazyGzipBytes: number
}

export const gzipSize = (content: Uint8Array): number => gzipSync(content, { level: 9 }).length

/** Follows one entry (an HTML page or a module) from the extension root `root`. */
export async function measureEntry(root: string, entry: string): Promise<EntrySize> {
  const resolve = (from: string, url: string) =>
    url.startsWith('/') ? join(root, url) : join(dirname(from), decodeURI(url.split(/[?#]/)[0] as string))
  const eager = new Map<string, number>()
  const lazy = new Map<string, number>()

  async function visit(file: string, into: Map<string, number>): Promise<void> {
    if (eager.has(file) || into.has(file)) return
    const content = await readFile(file)
    into.set(file, gzipSize(content))
    if (file.endsWith('.html')) {
      for (const url of htmlAssets(content.toString('utf8'))) await visit(resolve(file, url), into)
    } else if (file.endsWith('.js')) {
      const code = content.toString('utf8')
      for (const specifier of staticImports(code)) await visit(resolve(file, specifier), into)
      for (const specifier of dynamicImports(code)) await visit(resolve(file, specifier), lazy)
    }
  }
  await visit(join(root, entry), eager)
  for (const file of eager.keys()) lazy.delete(file)

  const files = Object.fromEntries([...eager].filter(([file]) => !file.endsWith('.html')).map(([file, size]) => [toPosix(relative(root, file)), size]))
  const sum = (sizes: Iterable<number>) => [...sizes].reduce((a, b) => a + b, 0)
  return { files, gzipBytes: sum(Object.values(files)), lazyGzipBytes: sum(lazy.values()) }
}

const toPosix = (path: string) => path.split(/[\\/]/).join(posix.sep)

interface BuiltManifest {
  action?: { default_popup?: string }
  options_ui?: { page?: string }
  options_page?: string
  background?: { service_worker?: string }
}

export interface BundleSizes {
  popup: EntrySize
  options: EntrySize
  worker: EntrySize
}

/** The three entries of the built extension in `root`, found through its manifest. */
export async function measureBundles(root: string): Promise<BundleSizes> {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8')) as BuiltManifest
  const need = (value: string | undefined, what: string) => {
    if (!value) throw new Error(`The built manifest in ${root} names no ${what}`)
    return value
  }
  return {
    popup: await measureEntry(root, need(manifest.action?.default_popup, 'popup')),
    options: await measureEntry(root, need(manifest.options_ui?.page ?? manifest.options_page, 'options page')),
    worker: await measureEntry(root, need(manifest.background?.service_worker, 'service worker')),
  }
}
