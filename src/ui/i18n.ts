// Every visible string comes from public/_locales/<lang>/messages.json through the browser's
// i18n API; the key type is read from the English catalogue so a missing key fails typecheck.
import type englishCatalogue from '../../public/_locales/en/messages.json'

export type MessageKey = keyof typeof englishCatalogue
export type GetMessage = (key: string, substitutions: string[]) => string

let getMessage: GetMessage = (key) => key

/** Set once at page start (extension: `browser.i18n.getMessage`; tests: the English catalogue). */
export function setMessageSource(source: GetMessage): void {
  getMessage = source
}

/** `$1`, `$2` ... in a message are replaced by `substitutions` (chrome.i18n direct substitution). */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return getMessage(key, substitutions) || key
}
