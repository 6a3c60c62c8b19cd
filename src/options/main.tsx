// Options page entry: paint from the cache, then follow storage as the worker writes.
import { render } from 'preact'
import { browserMessages, extensionPageIO, messagesLanguage } from '../ui/extension-page-io.ts'
import { setMessageSource } from '../ui/i18n.ts'
import { createModel } from '../ui/model.ts'
import { OptionsApp } from './options-app.tsx'
import { createRouter } from './router.ts'

const language = messagesLanguage()
setMessageSource(browserMessages, language)
document.documentElement.lang = language
const model = createModel(extensionPageIO)
const router = createRouter(window.location, window)
const root = document.getElementById('root')
if (root) {
  render(<OptionsApp model={model} io={extensionPageIO} router={router} />, root)
  model.start()
  void model.loadCached()
}
