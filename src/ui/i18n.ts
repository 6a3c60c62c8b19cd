// Every visible string comes from public/_locales/<lang>/messages.json through the browser's
// i18n API; the key type is read from the English catalogue so a missing key fails typecheck.
import type englishCatalogue from '../../public/_locales/en/messages.json'

export type MessageKey = keyof typeof englishCatalogue
export type GetMessage = (key: string, substitutions: string[]) => string

/**
 * A message with plural forms, named by its base: the catalogue holds `<base>_one`, `<base>_other`
 * and any other CLDR category the language needs (`_few`, `_many` ...). chrome.i18n has no plurals,
 * so the form is picked here with Intl.PluralRules; a category a catalogue lacks falls back to `_other`.
 */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never

let getMessage: GetMessage = (key) => key
let language = 'en'

/** Set once at page start (extension: `browser.i18n.getMessage` and its language; tests: the English catalogue). */
export function setMessageSource(source: GetMessage, sourceLanguage = 'en'): void {
  getMessage = source
  language = sourceLanguage
}

/** `$1`, `$2` ... in a message are replaced by `substitutions` (chrome.i18n direct substitution). */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return getMessage(key, substitutions) || key
}

/** The form of `base` for `count`, with `$1` the count written in the page's language and `$2`… the `others`. */
export function tCount(base: PluralKey, count: number, ...others: string[]): string {
  const substitutions = [new Intl.NumberFormat(language).format(count), ...others]
  const form = getMessage(`${base}_${new Intl.PluralRules(language).select(count)}`, substitutions)
  return form || t(`${base}_other`, ...substitutions)
}
