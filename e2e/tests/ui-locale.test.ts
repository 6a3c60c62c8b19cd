// The second locale is complete enough to run the UI: Chromium started in German shows the
// options page and the popup in German, through the same `browser.i18n` lookups. (Headless
// Chromium takes its UI language only from --lang, not from LANGUAGE or LANG.)
import { afterAll, beforeAll, describe, it } from 'vitest'
import { launchExtension, type Extension } from '../harness/extension.ts'
import { OPTIONS_PATH, POPUP_PATH, POPUP_VIEWPORT } from './ui-pages.ts'

describe('German locale', () => {
  let ext: Extension

  beforeAll(async () => {
    ext = await launchExtension({ args: ['--lang=de'] })
  })
  afterAll(async () => {
    await ext?.close()
  })

  it('shows the options page in German', async () => {
    const page = await ext.openPage(OPTIONS_PATH)
    await page.getByRole('heading', { name: 'Projekte und Konten' }).waitFor()
    await page.getByRole('textbox', { name: 'Endpunkt' }).waitFor()
    await page.getByRole('textbox', { name: 'Projekt-ID' }).waitFor()
    await page.getByRole('textbox', { name: 'Bezeichnung' }).waitFor()
    await page.getByRole('button', { name: 'Projekt hinzufügen' }).waitFor()
    await page.getByRole('navigation').getByRole('link', { name: 'Konten', exact: true }).waitFor()
    await page.getByRole('link', { name: 'Übersicht' }).waitFor()
    await page.getByRole('link', { name: 'Sperre und Warnungen' }).waitFor()
    await page.getByRole('link', { name: 'Sicherung' }).waitFor()
  })

  it('shows the popup in German', async () => {
    const page = await ext.openPage(POPUP_PATH)
    await page.setViewportSize(POPUP_VIEWPORT)
    await page.getByText('Noch keine Konten.').waitFor()
    await page.getByRole('link', { name: 'Projekt hinzufügen und anmelden' }).waitFor()
  })
})
