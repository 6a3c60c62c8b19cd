const COUNTRY_CODE = /^[a-z]{2}$/

/**
 * A country flag from the bundled flag-icons SVGs (copied to /flags at build time), not an
 * emoji: Windows draws no flag emoji. Appwrite sends "--" for unknown countries (docs/appwrite/wire.md section 4).
 */
export function Flag({ code, name }: { code: string; name: string }) {
  const lower = code.toLowerCase()
  // No flag for an unknown country: an empty box keeps rows aligned; the name is written elsewhere.
  if (!COUNTRY_CODE.test(lower)) return <span class="flag flag-unknown" aria-hidden="true" />
  return <img class="flag" src={`/flags/${lower}.svg`} alt={name || lower.toUpperCase()} title={name} width={20} height={15} />
}
