import { fileURLToPath } from 'node:url'

/** The repository root and the built Chrome extension, wherever the repo is cloned. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const chromeDist = fileURLToPath(new URL('../../dist/chrome/', import.meta.url))
export const firefoxDist = fileURLToPath(new URL('../../dist/firefox/', import.meta.url))
