// RFC 6238 TOTP as otphp defaults it for Appwrite (docs/appwrite/mfa.md section 6): HMAC-SHA1, 6 digits, 30 s
// steps, only the current step accepted, codes reusable within their step. The codes come from
// otpauth, a maintained RFC 6238 library, not from code of ours.
import { Secret, TOTP } from 'otpauth'

/** otphp's `DEFAULT_SECRET_SIZE`: 64 random bytes, so 103 unpadded base32 characters. */
const SECRET_BYTES = 64

export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32.replace(/=+$/, '')
}

/** The code of the 30-second step containing `nowMs`. */
export function totpCode(secret: string, nowMs: number, digits = 6): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits, period: 30, timestamp: nowMs })
}

/** True only for the code of the current step: Appwrite checks no neighbouring step (window 0). */
export function totpMatches(secret: string, otp: string, nowMs: number): boolean {
  return TOTP.validate({ token: otp, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: nowMs, window: 0 }) === 0
}

/** PHP's rawurlencode: RFC 3986 unreserved characters stay, everything else is %XX. */
function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * `otpauth://totp/<issuer:label>?issuer=<issuer>&secret=<secret>` exactly as otphp writes it
 * (docs/appwrite/mfa.md section 2.1): sorted keys, and no algorithm, digits or period because they are defaults.
 */
export function provisioningUri(issuer: string, label: string, secret: string): string {
  return `otpauth://totp/${rawUrlEncode(`${issuer}:${label}`)}?issuer=${rawUrlEncode(issuer)}&secret=${secret}`
}
