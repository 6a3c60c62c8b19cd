// The English catalogue as a message source for unit tests, with chrome.i18n's `$n` substitution,
// so tests find elements by the same names people and e2e tests see.
import catalogue from '../../../public/_locales/en/messages.json'
import type { GetMessage } from '../i18n.ts'

const messages: Record<string, { message: string }> = catalogue

export const englishMessages: GetMessage = (key, substitutions) =>
  (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '')
