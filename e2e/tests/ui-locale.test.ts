// The second locale is complete enough to run the UI: Chromium started in German shows the
// options page and the popup in German, through the same `browser.i18n` lookups. (Headless
// Chromium takes its UI language only from --lang, not from LANGUAGE or LANG.)
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { chromiumPath } from '../harness/extension.ts'
import { chromeDist } from '../harness/paths.ts'
import { OPTIONS_PATH, POPUP_PATH, POPUP_VIEWPORT } from './ui-pages.ts'

describe('German locale', () => {
  let context: BrowserContext
  let profile: string
  let origin: string

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'lanyard-e2e-de-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [`--disable-extensions-except=${chromeDist}`, `--load-extension=${chromeDist}`, '--lang=de', '--disable-gpu', '--no-first-run', '--disable-sync'],
    })
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
    origin = `chrome-extension://${new URL(worker.url()).host}`
  })
  afterAll(async () => {
    await context?.close()
    await rm(profile, { recursive: true, force: true })
  })

  it('shows the options page in German', async () => {
    const page = await context.newPage()
    await page.goto(`${origin}/${OPTIONS_PATH}`)
    await page.getByRole('heading', { name: 'Projekte und Konten' }).waitFor()
    await page.getByRole('textbox', { name: 'Endpunkt' }).waitFor()
    await page.getByRole('textbox', { name: 'Projekt-ID' }).waitFor()
    await page.getByRole('textbox', { name: 'Bezeichnung' }).waitFor()
    await page.getByRole('button', { name: 'Projekt hinzufügen' }).waitFor()
    await page.getByRole('link', { name: 'Alle Konten' }).waitFor()
  })

  it('shows the popup in German', async () => {
    const page = await context.newPage()
    await page.setViewportSize(POPUP_VIEWPORT)
    await page.goto(`${origin}/${POPUP_PATH}`)
    await page.getByText('Noch keine Konten.').waitFor()
    await page.getByRole('link', { name: 'Projekt hinzufügen und anmelden' }).waitFor()
  })
})
