// Identifiers and secrets shaped like Appwrite's (docs/appwrite/wire.md sections 1.2 and 4).
import { createHash, randomBytes } from 'node:crypto'

let lastMicros = 0

/** `ID::unique()`: PHP `uniqid()` (13 hex chars of the time in microseconds) plus 7 random hex chars. */
export function uniqueId(): string {
  const micros = Math.max(Date.now() * 1000, lastMicros + 1)
  lastMicros = micros
  const seconds = Math.floor(micros / 1_000_000)
  const rest = micros % 1_000_000
  return seconds.toString(16).padStart(8, '0') + rest.toString(16).padStart(5, '0') + randomHex(7)
}

export function randomHex(chars: number): string {
  return randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars)
}

/** Numeric one-time code, as emailed or texted (6 digits by default). */
export function randomDigits(length: number): string {
  const bytes = randomBytes(length)
  let code = ''
  for (const byte of bytes) code += String(byte % 10)
  return code
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Session secrets are `Proofs\Token(256)`: 256 lowercase hex characters (docs/appwrite/wire.md section 1.2). */
export const SESSION_SECRET_CHARS = 256
/** Magic-URL, recovery, verification and OAuth2 token secrets: 64 hex characters. */
export const LINK_SECRET_CHARS = 64
