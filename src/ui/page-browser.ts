// The extension API as pages use it, without webextension-polyfill.
import type Browser from 'webextension-polyfill'

/**
 * Pages call only APIs that return promises natively in both browsers (Chromium's MV3 `chrome`,
 * Firefox's `browser`), so they skip webextension-polyfill: about 3 kB gzip less in the popup and
 * no wrapping of the whole API before the first paint (issue 6: bundlePopup, popupPaint). The
 * worker keeps the polyfill.
 */
const scope = globalThis as unknown as { browser?: Browser.Browser; chrome?: Browser.Browser }
export const pageBrowser = (scope.browser ?? scope.chrome) as Browser.Browser
