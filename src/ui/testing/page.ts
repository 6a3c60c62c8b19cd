// Builds what a page has at start for unit tests: English strings, a fake platform holding the
// given storage, and a model that has read its cache (its watchers stop when the test ends).
import { onTestFinished } from 'vitest'
import { setMessageSource } from '../i18n.ts'
import { createModel } from '../model.ts'
import { englishMessages } from './english.ts'
import { createFakePlatform, type Handlers } from './fake-platform.ts'

export async function setupPage(storage: Record<string, unknown>, handlers: Handlers = {}) {
  setMessageSource(englishMessages)
  const platform = createFakePlatform(storage, handlers)
  const model = createModel(platform)
  onTestFinished(model.start())
  await model.loadCached()
  return { platform, model }
}
