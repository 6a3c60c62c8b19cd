// Small pure formatting helpers shared by the popup and the options page.
import type { AccountSummary } from '../shared/protocol.ts'
import { t } from './i18n.ts'

const locale = (): string => (typeof navigator === 'undefined' ? 'en' : navigator.language)

/**
 * Building an Intl formatter costs about 0.3 ms, and list rows format on every render (a scrolled
 * log re-renders its visible rows each frame, issue 6 logsRender): build each once per language.
 */
function perLocale<T>(make: (language: string) => T): () => T {
  let cached: { language: string; value: T } | undefined
  return () => {
    const language = locale()
    if (cached?.language !== language) cached = { language, value: make(language) }
    return cached.value
  }
}

const relativeTimeFormat = perLocale((language) => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }))
const dateTimeFormat = perLocale((language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }))
const numberFormat = perLocale((language) => new Intl.NumberFormat(language))

export { initials } from '../shared/initials.ts'

/** How people tell accounts apart: the email, else the phone (phone sign-in), else "Anonymous" plus the user id. */
export function accountLabel(account: Pick<AccountSummary, 'email' | 'phone' | 'userId'>): string {
  return account.email || account.phone || t('anonymousAccount', account.userId)
}

export function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host
  } catch {
    return endpoint
  }
}

/** Appwrite writes "" for "never" (docs/appwrite/wire.md section 4). */
export function parseAppwriteTime(value: string): number | null {
  if (value === '') return null
  const ms = Date.parse(value.replace(' ', 'T'))
  return Number.isNaN(ms) ? null : ms
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

/** "3 minutes ago", "yesterday", "now": in the browser's language. */
export function relativeTime(thenMs: number, nowMs: number): string {
  const elapsed = thenMs - nowMs
  const format = relativeTimeFormat()
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return format.format(Math.round(elapsed / size), unit)
  }
  return format.format(0, 'second')
}

export function dateTime(value: string): string {
  const ms = parseAppwriteTime(value)
  return ms === null ? t('never') : dateTimeFormat().format(ms)
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

export function formatNumber(value: number): string {
  return numberFormat().format(value)
}
