// The key a passphrase opens: PBKDF2-SHA256 over the passphrase and a random salt, giving the
// 256 bits of an AES-GCM key. OWASP's 2023 password storage guidance asks for at least 600,000
// PBKDF2-HMAC-SHA256 iterations; the count is stored with the salt so it can grow later, and a
// stored count below the floor is refused, so a tampered record cannot weaken the derivation.
import type { KdfParams } from '../shared/storage.ts'
import { fromBase64, toBase64 } from './base64.ts'

export const MIN_PBKDF2_ITERATIONS = 600_000
const SALT_BYTES = 16
const KEY_BITS = 256


export function newKdfParams(iterations = MIN_PBKDF2_ITERATIONS): KdfParams {
  if (iterations < MIN_PBKDF2_ITERATIONS) throw new Error(`PBKDF2 needs at least ${MIN_PBKDF2_ITERATIONS} iterations.`)
  return { name: 'PBKDF2-SHA256', iterations, salt: toBase64(crypto.getRandomValues(new Uint8Array(SALT_BYTES))) }
}

/**
 * The raw key bytes. They are kept (sealed) in storage.session while unlocked, which holds JSON
 * only, so the bits are derived and imported separately instead of as one non-extractable key.
 */
export async function deriveKeyBytes(passphrase: string, kdf: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
  if (kdf.name !== 'PBKDF2-SHA256' || !(kdf.iterations >= MIN_PBKDF2_ITERATIONS)) {
    throw new Error('The stored key derivation settings are not acceptable.')
  }
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(kdf.salt), iterations: kdf.iterations },
    material,
    KEY_BITS,
  )
  return new Uint8Array(bits)
}

/** The AES-GCM key for sealing, never extractable once imported. */
export function importVaultKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM', length: KEY_BITS }, false, ['encrypt', 'decrypt'])
}

export async function derivePassphraseKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  return importVaultKey(await deriveKeyBytes(passphrase, kdf))
}
