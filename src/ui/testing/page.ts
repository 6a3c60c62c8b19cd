// Builds what a page has at start for unit tests: English strings, a fake page IO holding the
// given storage, and a model that has read its cache (its watchers stop when the test ends).
import { onTestFinished } from 'vitest'
import type { Write } from '../../shared/storage.ts'
import { setMessageSource } from '../i18n.ts'
import { createModel } from '../model.ts'
import { englishMessages } from './english.ts'
import { createFakePageIO, type Handlers } from './fake-page-io.ts'

export async function setupPage(storage: Write[] = [], handlers: Handlers = {}) {
  setMessageSource(englishMessages)
  const io = createFakePageIO(storage, handlers)
  const model = createModel(io)
  onTestFinished(model.start())
  await model.loadCached()
  return { io, model }
}
