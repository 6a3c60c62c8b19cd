// `npm run package`'s archives, written by the same code into a temp folder and installed from the
// zips themselves: Chromium loads only folders, so the Chrome zip is unpacked first; Firefox
// installs the add-on zip directly (`webExtension.install` with `archivePath`).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writePackages, type Packages } from '../../scripts/packages.ts'
import { readZip } from '../../scripts/zip.ts'
import { launchExtension } from '../harness/extension.ts'
import { GECKO_ID, launchFirefox } from './firefox.ts'

const FRESH_LOCK = { passphraseSet: false, locked: false }
/** What ships answers the product contract, and nothing of the test contract. */
async function expectProductWorker(ext: { send: (name: 'getLockStatus' | 'getState') => Promise<unknown> }) {
  expect(await ext.send('getLockStatus')).toEqual({ ok: true, value: FRESH_LOCK })
  expect(await ext.send('getState')).toMatchObject({ ok: false, error: { type: 'lanyard_unknown_message' } })
}

describe('store packages', () => {
  let dir: string
  let packages: Packages

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanyard-packages-'))
    packages = writePackages(join(dir, 'out'))
  })
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined))

  it('the Chrome Web Store zip has no manifest key, and unpacked it runs in Chromium', async () => {
    expect(packages.chrome).toMatch(/lanyard-chrome-\d+\.\d+\.\d+\.zip$/)
    const unpacked = join(dir, 'chrome')
    for (const entry of readZip(await readFile(packages.chrome))) {
      await mkdir(dirname(join(unpacked, entry.name)), { recursive: true })
      await writeFile(join(unpacked, entry.name), entry.data)
    }
    const manifest = JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8')) as Record<string, unknown>
    expect(manifest).not.toHaveProperty('key')
    expect(manifest.version).toBe(packages.version)

    const ext = await launchExtension({ extensionPath: unpacked })
    try {
      await expectProductWorker(ext)
    } finally {
      await ext.close()
    }
  })

  it('the Firefox zip installs as an add-on from the archive and its background script answers', async () => {
    expect(packages.firefox).toMatch(/lanyard-firefox-\d+\.\d+\.\d+\.zip$/)
    const ext = await launchFirefox({ type: 'archivePath', path: packages.firefox })
    try {
      expect(ext.addonId).toBe(GECKO_ID)
      await expectProductWorker(ext)
    } finally {
      await ext.close()
    }
  })

  it('the source archive has build instructions and the sources, and no build output or dependencies', async () => {
    const names = readZip(await readFile(packages.source)).map((entry) => entry.name)
    expect(names).toEqual(expect.arrayContaining(['BUILDING-FIREFOX.md', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/background/index.ts']))
    expect(names.filter((name) => /^(dist|node_modules|out)\//.test(name))).toEqual([])
  })
})
