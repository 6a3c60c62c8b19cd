// RFC 6238 TOTP as otphp defaults it for Appwrite (MFA.md section 6): HMAC-SHA1, 6 digits, 30 s
// steps, only the current step accepted. Secrets are 64 random bytes in unpadded base32 (103 chars).
import { createHmac, randomBytes } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const STEP_MS = 30_000

export function base32Encode(bytes: Buffer): string {
  let bits = 0
  let value = 0
  let output = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      output += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) output += ALPHABET[(value << (5 - bits)) & 31]
  return output
}

export function base32Decode(text: string): Buffer {
  let bits = 0
  let value = 0
  const bytes: number[] = []
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char)
    if (index === -1) throw new Error('Invalid base32 character')
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(bytes)
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(64))
}

/** HOTP (RFC 4226) of the 30-second step containing `nowMs`. */
export function totpCode(secret: string, nowMs: number, digits = 6): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / STEP_MS)))
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest()
  const offset = (hmac[hmac.length - 1] as number) & 0x0f
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** PHP's rawurlencode: RFC 3986 unreserved characters stay, everything else is %XX. */
function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `otpauth://totp/<issuer:label>?issuer=<issuer>&secret=<secret>` (MFA.md section 2.1). */
export function provisioningUri(issuer: string, label: string, secret: string): string {
  return `otpauth://totp/${rawUrlEncode(`${issuer}:${label}`)}?issuer=${rawUrlEncode(issuer)}&secret=${secret}`
}
