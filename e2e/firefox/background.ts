// Stopping Firefox's background script for real: Firefox runs an MV3 background as an event page
// and ends it when idle through its own `Extension.terminateBackground()`; the tests call that same
// method from the browser's privileged (chrome) scope, which BiDi reaches with
// --remote-allow-system-access. The next event (a message, an alarm) starts the script again.
import { callInPage } from './bidi.ts'
import type { FirefoxExtension } from './firefox.ts'

/** `running` or `stopped`, as Firefox itself reports the event page. */
export type BackgroundState = 'running' | 'stopped' | 'starting' | 'suspending'

async function chromeContext(ext: FirefoxExtension): Promise<string> {
  const tree = await ext.bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')
  if (!window) throw new Error('No privileged browser window to reach the add-on from')
  return window.context
}

/** Runs in the chrome scope: `WebExtensionPolicy` is a privileged global there. */
interface ChromeGlobals {
  WebExtensionPolicy: {
    getByID(id: string): { extension: { backgroundState: BackgroundState; terminateBackground(options: { ignoreDevToolsAttached: boolean; disableResetIdleForTest: boolean }): Promise<void> } }
  }
}

export async function backgroundState(ext: FirefoxExtension): Promise<BackgroundState> {
  return callInPage<BackgroundState>(ext.bidi, await chromeContext(ext), (id: string) => (globalThis as unknown as ChromeGlobals).WebExtensionPolicy.getByID(id).extension.backgroundState, [ext.addonId])
}

/** Ends the background script as Firefox does when it is idle; resolves once it is stopped. */
export async function stopBackground(ext: FirefoxExtension): Promise<void> {
  const state = await callInPage<BackgroundState>(
    ext.bidi,
    await chromeContext(ext),
    async (id: string) => {
      const extension = (globalThis as unknown as ChromeGlobals).WebExtensionPolicy.getByID(id).extension
      await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true })
      return extension.backgroundState
    },
    [ext.addonId],
  )
  if (state !== 'stopped') throw new Error(`The background script did not stop (${state})`)
}
