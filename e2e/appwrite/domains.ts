// `Utopia\Domains\Domain::getRegisterable()` for the domainVerification rule (docs/appwrite/wire.md section 1.4):
// '' for anything without a known public suffix (localhost, IP addresses, extension ids).
// The suffix list is a small subset of the Public Suffix List, enough for tests and demos.

const TWO_LABEL_SUFFIXES = new Set(['co.uk', 'org.uk', 'ac.uk', 'com.au', 'net.au', 'co.jp', 'ne.jp', 'com.br', 'co.nz', 'co.in', 'com.cn'])
const ONE_LABEL_SUFFIXES = new Set([
  'com', 'org', 'net', 'io', 'dev', 'app', 'cloud', 'co', 'me', 'info', 'biz', 'xyz', 'site', 'online', 'tech', 'ai',
  'de', 'fr', 'uk', 'jp', 'br', 'us', 'ca', 'au', 'nl', 'es', 'it', 'in', 'ch', 'at', 'be', 'se', 'no', 'dk', 'fi',
  'pl', 'cz', 'eu', 'ru', 'cn', 'nz',
])

export function registrableDomain(host: string): string {
  if (host === '' || /^[\d.]+$/.test(host) || host.includes(':')) return ''
  const labels = host.toLowerCase().split('.')
  if (labels.length < 2) return ''
  const lastTwo = labels.slice(-2).join('.')
  if (TWO_LABEL_SUFFIXES.has(lastTwo)) return labels.length >= 3 ? labels.slice(-3).join('.') : ''
  return ONE_LABEL_SUFFIXES.has(labels[labels.length - 1] as string) ? lastTwo : ''
}
