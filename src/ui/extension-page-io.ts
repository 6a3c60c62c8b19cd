// The real PageIO: the browser's own extension API (page-browser.ts), messages as the contract's envelopes.
import type Browser from 'webextension-polyfill'
import { envelope, type Reply } from '../shared/protocol.ts'
import { pageBrowser as browser } from './page-browser.ts'
import type { PageIO } from './page-io.ts'

const isReply = (value: unknown): value is Reply<never> => typeof value === 'object' && value !== null && 'ok' in value

export const extensionPageIO: PageIO = {
  async send(name, input) {
    const reply: unknown = await browser.runtime.sendMessage(envelope(name, input))
    if (isReply(reply)) return reply
    return { ok: false, error: { type: 'lanyard_no_reply', code: 0, message: 'The Lanyard background worker did not answer.' } }
  },
  readStorage: (keys) => browser.storage.local.get(keys),
  watchStorage(listener) {
    const onChanged = (changes: Record<string, Browser.Storage.StorageChange>, area: string) => {
      if (area === 'local') listener(Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.newValue])))
    }
    browser.storage.onChanged.addListener(onChanged)
    return () => browser.storage.onChanged.removeListener(onChanged)
  },
  requestHostPermission: (originPattern) => browser.permissions.request({ origins: [originPattern] }),
  copyText: (text) => navigator.clipboard.writeText(text),
  download(fileName, mimeType, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }))
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName })
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 0)
  },
}

/** Message lookup for `t()`: the browser picks the user's language, English as the fallback. */
export const browserMessages = (key: string, substitutions: string[]): string => browser.i18n.getMessage(key, substitutions)

/** The language the browser picked for our messages, for `<html lang>` (screen readers, hyphenation). */
export const messagesLanguage = (): string => browser.i18n.getMessage('@@ui_locale').replace('_', '-') || 'en'
