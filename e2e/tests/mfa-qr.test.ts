// The test-side QR reader against the QR codes the options page draws: what the page encodes is
// exactly what an authenticator app would read.
import { URI } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { qrPath } from '../../src/ui/qr-code.tsx'
import { decodeQr, modulesFromSvgPath } from './qr-decode.ts'

function roundTrip(text: string): string {
  const { size, path } = qrPath(text)
  return decodeQr(modulesFromSvgPath(path, size))
}

describe('QR codes drawn by the options page', () => {
  it('read back as the exact text, across versions with one and with many blocks', () => {
    for (const text of ['otpauth://totp/x', 'a'.repeat(60), `otpauth://totp/${'b'.repeat(150)}`, 'c'.repeat(400), 'Grüße ✓ 🙂']) {
      expect(roundTrip(text)).toBe(text)
    }
  })

  it('carry an Appwrite authenticator URI that otpauth parses', () => {
    const secret = 'A'.repeat(103)
    const uri = `otpauth://totp/Demo%20project%3Aada%40example.com?issuer=Demo%20project&secret=${secret}`
    const parsed = URI.parse(roundTrip(uri))
    expect(parsed).toMatchObject({ issuer: 'Demo project', label: 'ada@example.com' })
    expect(parsed.secret.base32).toBe(secret)
  })
})
