// vitest globalSetup of the e2e project: builds the Chrome extension once per run, so tests always
// load what the source says (a fresh clone has no dist/). LANYARD_SKIP_BUILD=1 reuses dist/chrome.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { chromeDist, firefoxDist, repoRoot } from './paths.ts'

/** Builds dist/<target> (vite.config.ts reads TARGET), unless LANYARD_SKIP_BUILD=1 and it exists. */
export async function buildExtension(target: 'chrome' | 'firefox'): Promise<void> {
  const dist = target === 'chrome' ? chromeDist : firefoxDist
  if (process.env.LANYARD_SKIP_BUILD === '1' && existsSync(join(dist, 'manifest.json'))) return
  const previous = process.env.TARGET
  const previousNodeEnv = process.env.NODE_ENV
  if (target === 'firefox') process.env.TARGET = 'firefox'
  else delete process.env.TARGET
  // vitest sets NODE_ENV=test, and vite then emits development JSX (jsxDEV calls carrying absolute
  // source paths): build what `npm run build` ships instead.
  process.env.NODE_ENV = 'production'
  try {
    await build({ root: repoRoot, configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' })
  } finally {
    if (previous === undefined) delete process.env.TARGET
    else process.env.TARGET = previous
    if (previousNodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previousNodeEnv
  }
}

export default function setup(): Promise<void> {
  return buildExtension('chrome')
}
