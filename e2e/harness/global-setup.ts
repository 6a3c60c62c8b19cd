// vitest globalSetup of the e2e project: builds the Chrome extension once per run, so tests always
// load what the source says (a fresh clone has no dist/). LANYARD_SKIP_BUILD=1 reuses dist/chrome.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { chromeDist, repoRoot } from './paths.ts'

export default async function setup(): Promise<void> {
  if (process.env.LANYARD_SKIP_BUILD === '1' && existsSync(join(chromeDist, 'manifest.json'))) return
  const previous = process.env.TARGET
  delete process.env.TARGET
  try {
    await build({ root: repoRoot, configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' })
  } finally {
    if (previous !== undefined) process.env.TARGET = previous
  }
}
