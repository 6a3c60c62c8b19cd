// @vitest-environment node
// The shape docs/architecture.md promises, checked on the sources: imports point down only, pages
// reach the worker through the contract alone, storage keys are spelled only in the registry, and
// every document a comment cites is in the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { declaredItems } from './shared/storage.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file) && !file.includes('node_modules'))
    .map((file) => join(dir, file))
}

const sources = filesUnder(src, /\.tsx?$/)
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes(`${join('src', 'background', 'testing')}`) || file.includes(join('shared', 'testing'))
const read = (file: string) => readFileSync(file, 'utf8')
const rel = (file: string) => relative(root, file)

/** Relative imports of a file, resolved to files under src/. */
function importsOf(file: string): string[] {
  const found = [...read(file).matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]/g)]
  return found.map((m) => resolve(dirname(file), m[1] ?? m[2] ?? '')).filter((target) => target.startsWith(src))
}

describe('architecture', () => {
  it('has no import circle in src/', () => {
    const graph = new Map(sources.map((file) => [file, importsOf(file)]))
    const state = new Map<string, 'open' | 'done'>()
    const circles: string[][] = []
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map(rel))
        return
      }
      state.set(file, 'open')
      for (const next of graph.get(file) ?? []) visit(next, [...path, file])
      state.set(file, 'done')
    }
    for (const file of sources) visit(file, [])
    expect(circles).toEqual([])
  })

  it('lets pages import nothing from the client or the worker', () => {
    const pages = sources.filter((file) => /src\/(popup|options|ui)\//.test(file))
    const leaks = pages.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(join(src, 'appwrite')) || target.startsWith(join(src, 'background')))
        .map((target) => `${rel(file)} -> ${rel(target)}`),
    )
    expect(pages.length).toBeGreaterThan(20)
    expect(leaks).toEqual([])
  })

  it('keeps the client free of the extension: src/appwrite imports nothing outside itself', () => {
    const client = sources.filter((file) => file.startsWith(join(src, 'appwrite')))
    const outside = client.flatMap((file) => importsOf(file).filter((target) => !target.startsWith(join(src, 'appwrite'))).map((target) => `${rel(file)} -> ${rel(target)}`))
    expect(outside).toEqual([])
  })

  it('spells no storage key outside the registry', () => {
    // Key families by their prefix; fixed keys that are distinctive words (`projects`, `accounts` and
    // `settings` are also route names and file-format fields, so a plain-text search cannot tell them).
    const keys = declaredItems()
      .map((item) => item.key.replace(/<[^>]+>.*$/, ''))
      .filter((key) => key.endsWith(':') || /[A-Z]/.test(key))
    const code = (file: string) => read(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')
    const spelled = sources
      .filter((file) => !isTest(file) && !file.endsWith(join('shared', 'storage.ts')))
      .flatMap((file) => {
        const text = code(file)
        return keys.filter((key) => text.includes(`'${key}`) || text.includes(`"${key}`) || text.includes(`\`${key}`)).map((key) => `${rel(file)}: ${key}`)
      })
    expect(keys).toEqual(expect.arrayContaining(['snapshot:', 'activity:', 'vault:', 'activeAccountId', 'vaultLocked', 'signInAlerts']))
    expect(spelled).toEqual([])
  })

  it('cites only documents that are in the repository', () => {
    const cited = [...sources, ...filesUnder(join(root, 'e2e'), /\.tsx?$/), ...filesUnder(join(root, 'bench'), /\.ts$/), ...filesUnder(join(root, 'scripts'), /\.ts$/), join(root, 'vite.config.ts')]
    const outside = /\b(FACTS|FACTS-2x|MFA|TAB-IDENTITY|TOOLCHAIN|DESIGN|STYLE)\.md\b/
    const problems: string[] = []
    for (const file of cited) {
      const text = read(file)
      if (outside.test(text)) problems.push(`${rel(file)} cites ${text.match(outside)?.[0]}, which is not in the repository`)
      for (const [, doc] of text.matchAll(/\b(docs\/[\w./-]+\.md)/g)) if (!existsSync(join(root, doc ?? ''))) problems.push(`${rel(file)} cites ${doc}`)
    }
    expect(problems).toEqual([])
  })
})
