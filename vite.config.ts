import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import { defineConfig, type Plugin, type Rolldown } from 'vite'

type Target = 'chrome' | 'firefox'
type Manifest = Record<string, unknown> & { background: { service_worker: string; type?: string } }

const root = fileURLToPath(new URL('.', import.meta.url))
const target: Target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome'
/**
 * Test builds (TEST_HOOKS=1, written to dist/<target>-test) add the test contract of
 * src/background/test-hooks.ts; product builds leave it out entirely (the constant folds to false
 * and the module is dropped).
 */
const testHooks = process.env.TEST_HOOKS === '1'

/** The root manifest.json is the single source; Firefox gets a derived copy. */
function readManifest(): Manifest {
  return JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as Manifest
}

/**
 * Firefox differences (docs/toolchain.md "Firefox"): crxjs does not turn `service_worker` into
 * `background.scripts`; `key` is Chrome-only (Firefox pins the add-on by gecko id instead);
 * AMO requires the data-collection declaration; gecko_android needs 142 for these keys.
 * `externally_connectable` is not supported by Firefox, where no other extension can message us anyway.
 */
export function firefoxManifest(chrome: Manifest): Record<string, unknown> {
  const { key: _key, externally_connectable: _externallyConnectable, background, ...rest } = chrome
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'lanyard@lanyard.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }
}

/** Country flags (flag-icons, MIT) as `flags/<cc>.svg`: Windows has no flag emoji, so the UI loads these. */
function flagAssets(): Plugin {
  const dir = fileURLToPath(new URL('./node_modules/flag-icons/flags/4x3/', import.meta.url))
  return {
    name: 'lanyard-flag-assets',
    generateBundle() {
      for (const file of readdirSync(dir).filter((name) => /^[a-z]{2}\.svg$/.test(name))) {
        this.emitFile({ type: 'asset', fileName: `flags/${file}`, source: readFileSync(dir + file) })
      }
    },
  }
}

/**
 * Both pages load the same Preact, signals and shared views at open, but Rolldown splits them into
 * two files by which lazily loaded parts use them too. One file compresses better and is one request
 * fewer (the popup's size budget, bench/budgets.ts). A module joins it when the entries that reach it
 * through static imports are two or more, all of them pages: never the worker's code, never a part
 * only a lazy chunk needs. Its imports stay where they are (storage is shared with the worker), which
 * is why the entries' signatures may be extended.
 */
function sharedByPagesAtOpen(): Rolldown.CodeSplittingGroup {
  const entriesOf = new Map<string, Set<string>>()
  function entriesReaching(id: string, info: (id: string) => Rolldown.ModuleInfo | null): Set<string> {
    const known = entriesOf.get(id)
    if (known) return known
    const found = new Set<string>()
    entriesOf.set(id, found)
    const module = info(id)
    if (module?.isEntry) found.add(id)
    for (const importer of module?.importers ?? []) for (const entry of entriesReaching(importer, info)) found.add(entry)
    return found
  }
  return {
    name: (id, context) => {
      const entries = [...entriesReaching(id, (moduleId) => context.getModuleInfo(moduleId))]
      return entries.length >= 2 && entries.every((entry) => entry.endsWith('.html')) ? 'pages' : null
    },
    includeDependenciesRecursively: false,
  }
}

const manifest = target === 'firefox' ? firefoxManifest(readManifest()) : readManifest()

export default defineConfig({
  root,
  // crxjs's ManifestV3 type lacks gecko_android (docs/toolchain.md gotcha 9).
  plugins: [crx({ manifest: manifest as unknown as ManifestV3Export, browser: target }), flagAssets()],
  define: { __LANYARD_TEST_HOOKS__: JSON.stringify(testHooks) },
  build: {
    outDir: testHooks ? `dist/${target}-test` : `dist/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { codeSplitting: { groups: [sharedByPagesAtOpen()] } } },
  },
})
