import { describe, expect, it } from 'vitest'
import { deriveKeyBytes, derivePassphraseKey, MIN_PBKDF2_ITERATIONS, newKdfParams } from './passphrase-key.ts'
import { seal, unseal } from './vault.ts'

const SESSION = btoa(JSON.stringify({ id: 'session1', secret: 'f'.repeat(128) }))

describe('passphrase key', () => {
  it('round-trips a secret sealed under a passphrase, deriving the same key again from the stored salt', async () => {
    const kdf = newKdfParams()
    const sealed = await seal(await derivePassphraseKey('correct horse battery staple', kdf), 'passphrase', 'acc1', SESSION)
    const reopened = await derivePassphraseKey('correct horse battery staple', structuredClone(kdf))
    await expect(unseal(reopened, 'acc1', sealed)).resolves.toBe(SESSION)
    expect(JSON.stringify(sealed)).not.toContain('f'.repeat(16))
  })

  it('refuses a wrong passphrase', async () => {
    const kdf = newKdfParams()
    const sealed = await seal(await derivePassphraseKey('right one', kdf), 'passphrase', 'acc1', SESSION)
    await expect(unseal(await derivePassphraseKey('wrong one', kdf), 'acc1', sealed)).rejects.toThrow()
  })

  it('detects tampered ciphertext and a tampered IV', async () => {
    const kdf = newKdfParams()
    const key = await derivePassphraseKey('pass', kdf)
    const sealed = await seal(key, 'passphrase', 'acc1', SESSION)
    const bytes = Uint8Array.from(atob(sealed.ciphertext), (c) => c.charCodeAt(0))
    bytes[5] = (bytes[5] ?? 0) ^ 0x01
    const flipped = { ...sealed, ciphertext: btoa(String.fromCharCode(...bytes)) }
    await expect(unseal(key, 'acc1', flipped)).rejects.toThrow()
    const ivBytes = Uint8Array.from(atob(sealed.iv), (c) => c.charCodeAt(0))
    ivBytes[0] = (ivBytes[0] ?? 0) ^ 0x80
    await expect(unseal(key, 'acc1', { ...sealed, iv: btoa(String.fromCharCode(...ivBytes)) })).rejects.toThrow()
  })

  it('gives different keys for the same passphrase under different salts', async () => {
    const [a, b] = [newKdfParams(), newKdfParams()]
    expect(a.salt).not.toBe(b.salt)
    const [keyA, keyB] = await Promise.all([deriveKeyBytes('same', a), deriveKeyBytes('same', b)])
    expect(keyA).toHaveLength(32)
    expect(Buffer.from(keyA).equals(Buffer.from(keyB))).toBe(false)
    const sealed = await seal(await derivePassphraseKey('same', a), 'passphrase', 'acc1', SESSION)
    await expect(unseal(await derivePassphraseKey('same', b), 'acc1', sealed)).rejects.toThrow()
  })

  it('uses at least 600,000 PBKDF2 iterations and refuses stored settings below that', async () => {
    expect(newKdfParams().iterations).toBeGreaterThanOrEqual(600_000)
    expect(() => newKdfParams(100_000)).toThrow()
    const weakened = { ...newKdfParams(), iterations: MIN_PBKDF2_ITERATIONS - 1 }
    await expect(deriveKeyBytes('pass', weakened)).rejects.toThrow(/not acceptable/)
  })

  it('treats the same passphrase typed in another Unicode normal form as the same', async () => {
    const kdf = newKdfParams()
    const composed = await deriveKeyBytes('Passwört', kdf)
    const decomposed = await deriveKeyBytes('Passwo\u0308rt', kdf)
    expect(Buffer.from(composed).equals(Buffer.from(decomposed))).toBe(true)
  })
})
