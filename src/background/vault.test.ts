import { describe, expect, it } from 'vitest'
import { generateDeviceKey, seal, unseal } from './vault.ts'

const SESSION = btoa(JSON.stringify({ id: 'user1', secret: 'a'.repeat(256) }))

describe('vault sealing', () => {
  it('round-trips a secret and never stores it in plain form', async () => {
    const key = await generateDeviceKey()
    const sealed = await seal(key, 'device', 'acc1', SESSION)
    expect(JSON.stringify(sealed)).not.toContain(SESSION)
    expect(JSON.stringify(sealed)).not.toContain('a'.repeat(32))
    await expect(unseal(key, 'acc1', sealed)).resolves.toBe(SESSION)
  })

  it('uses a fresh IV for every seal', async () => {
    const key = await generateDeviceKey()
    const [a, b] = await Promise.all([seal(key, 'device', 'acc1', SESSION), seal(key, 'device', 'acc1', SESSION)])
    expect(a.iv).not.toBe(b.iv)
    expect(a.ciphertext).not.toBe(b.ciphertext)
  })

  it('refuses a record moved to another account id', async () => {
    const key = await generateDeviceKey()
    const sealed = await seal(key, 'device', 'acc1', SESSION)
    await expect(unseal(key, 'acc2', sealed)).rejects.toThrow()
  })

  it('refuses another key', async () => {
    const sealed = await seal(await generateDeviceKey(), 'device', 'acc1', SESSION)
    await expect(unseal(await generateDeviceKey(), 'acc1', sealed)).rejects.toThrow()
  })

  it('makes a device key that cannot be exported', async () => {
    const key = await generateDeviceKey()
    expect(key.extractable).toBe(false)
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow()
  })
})
