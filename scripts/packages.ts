// The store-ready archives: the Chrome Web Store zip, the Firefox add-on zip, and the source
// archive Mozilla's review asks for when the add-on is built by a bundler.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeZip, type ZipEntry } from './zip.ts'

export const repoRoot = fileURLToPath(new URL('../', import.meta.url))

export interface Packages {
  version: string
  chrome: string
  firefox: string
  source: string
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
}

function folderEntries(dir: string, transform: (name: string, data: Buffer) => Buffer = (_name, data) => data): ZipEntry[] {
  return filesUnder(dir).map((name) => ({ name, data: transform(name, readFileSync(join(dir, name))) }))
}

/** The Web Store signs with its own key and rejects a manifest `key` (used only to pin the id in development). */
function withoutKey(name: string, data: Buffer): Buffer {
  if (name !== 'manifest.json') return data
  const { key: _key, ...manifest } = JSON.parse(data.toString('utf8')) as Record<string, unknown>
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)
}

/** Files git tracks or would track (not ignored), as the working tree has them. */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
  return [...new Set(listed.split('\0').filter((name) => name !== ''))].filter((name) => existsSync(join(repoRoot, name))).sort()
}

function buildInstructions(version: string): ZipEntry {
  const template = readFileSync(join(repoRoot, 'scripts', 'source-build.md'), 'utf8')
  return { name: 'BUILDING-FIREFOX.md', data: Buffer.from(template.replaceAll('{version}', version)) }
}

function versionOf(dist: string): string {
  return (JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { version: string }).version
}

/** Zips dist/chrome and dist/firefox (built beforehand) and the source into `outDir`. */
export function writePackages(outDir: string): Packages {
  const chromeDist = join(repoRoot, 'dist', 'chrome')
  const firefoxDist = join(repoRoot, 'dist', 'firefox')
  const version = versionOf(chromeDist)
  if (versionOf(firefoxDist) !== version) throw new Error('dist/chrome and dist/firefox have different versions: build both again.')
  mkdirSync(outDir, { recursive: true })
  const packages: Packages = {
    version,
    chrome: join(outDir, `lanyard-chrome-${version}.zip`),
    firefox: join(outDir, `lanyard-firefox-${version}.zip`),
    source: join(outDir, `lanyard-source-${version}.zip`),
  }
  writeFileSync(packages.chrome, writeZip(folderEntries(chromeDist, withoutKey)))
  writeFileSync(packages.firefox, writeZip(folderEntries(firefoxDist)))
  const source = sourceFiles().map((name) => {
    const path = join(repoRoot, name)
    return { name, data: readFileSync(path), executable: (statSync(path).mode & 0o111) !== 0 }
  })
  writeFileSync(packages.source, writeZip([buildInstructions(version), ...source]))
  return packages
}
