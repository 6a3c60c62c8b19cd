// Where an IP address is, for the `countryCode`/`countryName` of sessions and logs. Real Appwrite
// uses a GeoIP database; this server knows only the blocks below, carved out of the documentation
// ranges (RFC 5737) so that seeded data and tests can show other countries without real addresses.
// Everything else, loopback and private addresses included, is `--` / `Unknown` (docs/appwrite/wire.md section 4).

export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  DE: 'Germany',
  US: 'United States',
  FR: 'France',
  JP: 'Japan',
  BR: 'Brazil',
  GB: 'United Kingdom',
  IN: 'India',
  CA: 'Canada',
  AU: 'Australia',
  NL: 'Netherlands',
  ES: 'Spain',
  IT: 'Italy',
}

/** Each documentation /24 split into four /26 blocks: `prefix` + last octet range -> country. */
const BLOCKS: readonly { prefix: string; countries: readonly [string, string, string, string] }[] = [
  { prefix: '192.0.2.', countries: ['DE', 'US', 'FR', 'JP'] },
  { prefix: '198.51.100.', countries: ['BR', 'GB', 'IN', 'CA'] },
  { prefix: '203.0.113.', countries: ['AU', 'NL', 'ES', 'IT'] },
]

export const UNKNOWN_COUNTRY_CODE = '--'

export function countryCodeOf(ip: string): string {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  for (const block of BLOCKS) {
    if (!v4.startsWith(block.prefix)) continue
    const last = Number(v4.slice(block.prefix.length))
    if (Number.isInteger(last) && last >= 0 && last <= 255) return block.countries[Math.floor(last / 64)] ?? UNKNOWN_COUNTRY_CODE
  }
  return UNKNOWN_COUNTRY_CODE
}

export function countryNameOf(code: string): string {
  return COUNTRY_NAMES[code] ?? 'Unknown'
}
