import { fileURLToPath } from 'node:url'

/** The repository root and the built extensions, wherever the repo is cloned. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
/** What ships: no test contract. */
export const chromeDist = fileURLToPath(new URL('../../dist/chrome/', import.meta.url))
export const firefoxDist = fileURLToPath(new URL('../../dist/firefox/', import.meta.url))
/** The same code plus the test contract (src/background/test-hooks.ts): what the tests drive. */
export const chromeTestDist = fileURLToPath(new URL('../../dist/chrome-test/', import.meta.url))
export const firefoxTestDist = fileURLToPath(new URL('../../dist/firefox-test/', import.meta.url))

export type BuildKind = 'chrome' | 'firefox' | 'chrome-test' | 'firefox-test'

export function distOf(kind: BuildKind): string {
  return { chrome: chromeDist, firefox: firefoxDist, 'chrome-test': chromeTestDist, 'firefox-test': firefoxTestDist }[kind]
}
