// vitest globalSetup of the e2e project: builds the Chrome extension once per run, so tests always
// load what the source says (a fresh clone has no dist/): the test build the tests drive, and the
// product build whose manifest and bundles they check. LANYARD_SKIP_BUILD=1 reuses existing builds.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { distOf, repoRoot, type BuildKind } from './paths.ts'

/** Builds dist/<kind> (vite.config.ts reads TARGET and TEST_HOOKS), unless LANYARD_SKIP_BUILD=1 and it exists. */
export async function buildExtension(kind: BuildKind): Promise<void> {
  if (process.env.LANYARD_SKIP_BUILD === '1' && existsSync(join(distOf(kind), 'manifest.json'))) return
  const previous = process.env.TARGET
  const previousHooks = process.env.TEST_HOOKS
  const previousNodeEnv = process.env.NODE_ENV
  if (kind.startsWith('firefox')) process.env.TARGET = 'firefox'
  else delete process.env.TARGET
  if (kind.endsWith('-test')) process.env.TEST_HOOKS = '1'
  else delete process.env.TEST_HOOKS
  // vitest sets NODE_ENV=test, and vite then emits development JSX (jsxDEV calls carrying absolute
  // source paths): build what `npm run build` ships instead.
  process.env.NODE_ENV = 'production'
  try {
    await build({ root: repoRoot, configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' })
  } finally {
    if (previous === undefined) delete process.env.TARGET
    else process.env.TARGET = previous
    if (previousHooks === undefined) delete process.env.TEST_HOOKS
    else process.env.TEST_HOOKS = previousHooks
    if (previousNodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previousNodeEnv
  }
}

export default async function setup(): Promise<void> {
  await buildExtension('chrome-test')
  await buildExtension('chrome')
  await buildExtension('firefox')
}
