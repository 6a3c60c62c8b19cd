// The background worker: the only holder of secrets. Everything starts synchronously here at top
// level, so an event that wakes a stopped worker is delivered; all state is read from storage on
// demand, so a stop at any moment loses nothing (docs/architecture.md "Flows").
import { realBrowser, realEvents } from './real-browser.ts'
import { testHooksFeature, testInputSchemas } from './test-hooks.ts'
import { deviceKeySource } from './vault.ts'
import { startWorker } from './worker.ts'

startWorker({
  browser: realBrowser(),
  events: realEvents(),
  deviceKey: deviceKeySource(),
  // Folds to `undefined` in product builds, which then leave the test contract out entirely.
  extra: __LANYARD_TEST_HOOKS__ ? { feature: testHooksFeature, inputSchemas: testInputSchemas } : undefined,
})
