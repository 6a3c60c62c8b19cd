// Popup entry: read the cache, paint, then ask the worker to refresh (docs/architecture.md "Popup open").
import { render } from 'preact'
import { browserMessages, extensionPageIO, messagesLanguage } from '../ui/extension-page-io.ts'
import { setMessageSource } from '../ui/i18n.ts'
import { createModel } from '../ui/model.ts'
import { PopupApp } from './popup-app.tsx'
import { extensionShortcuts } from './shortcuts.tsx'
import { extensionTabAccess } from './tab-access.ts'

const language = messagesLanguage()
setMessageSource(browserMessages, language)
document.documentElement.lang = language
const model = createModel(extensionPageIO)
const root = document.getElementById('root')
if (root) {
  render(<PopupApp model={model} io={extensionPageIO} tabAccess={extensionTabAccess} shortcuts={extensionShortcuts} />, root)
  model.start()
  void model.loadCached().then(() => {
    void model.refresh()
    // The others' snapshots are read after the first paint, so switching paints without waiting.
    void model.loadSnapshots(model.accounts.value.map((a) => a.id))
  })
}
