import { describe, expect, it } from 'vitest'
import { featuresOf, parseServerVersion, responseFormatFor, serverVersionLabel } from './server-features.ts'

describe('parseServerVersion', () => {
  it('reads major, minor and patch', () => {
    expect(parseServerVersion('2.7.1')).toEqual({ major: 2, minor: 7, patch: 1 })
    expect(parseServerVersion('v2.4')).toEqual({ major: 2, minor: 4, patch: 0 })
    expect(parseServerVersion('1.9.6-rc.1')).toEqual({ major: 1, minor: 9, patch: 6 })
  })
  it('refuses what is no version', () => {
    expect(parseServerVersion(undefined)).toBeNull()
    expect(parseServerVersion('')).toBeNull()
    expect(parseServerVersion('latest')).toBeNull()
  })
})

describe('featuresOf', () => {
  it('offers only the 1.9 features while the version is unknown', () => {
    for (const unknown of [undefined, '', 'cloud']) {
      expect(featuresOf(unknown)).toEqual({
        logs: true,
        oneRequestSignOut: false,
        emailOtpVerification: false,
        recoveryCodes: false,
        consents: false,
        passkeys: false,
        oauth2State: false,
        sessionLimit: 0,
      })
    }
  })
  it('1.9.6 keeps its log and nothing of 2.x', () => {
    expect(featuresOf('1.9.6')).toMatchObject({ logs: true, consents: false, passkeys: false, oneRequestSignOut: false, sessionLimit: 0 })
  })
  it('2.0 has consents and the session limit but no log, codes or passkeys', () => {
    expect(featuresOf('2.0.0')).toEqual({
      logs: false,
      oneRequestSignOut: false,
      emailOtpVerification: false,
      recoveryCodes: false,
      consents: true,
      passkeys: false,
      oauth2State: false,
      sessionLimit: 10,
    })
  })
  it('2.3 adds codes for verification and recovery', () => {
    expect(featuresOf('2.3.2')).toMatchObject({ emailOtpVerification: true, recoveryCodes: true, passkeys: false, oneRequestSignOut: false })
  })
  it('2.4 and later add passkeys, one-request sign-out and the OAuth2 state', () => {
    for (const version of ['2.4.0', '2.7.1', '3.0.0']) {
      expect(featuresOf(version)).toEqual({
        logs: false,
        oneRequestSignOut: true,
        emailOtpVerification: true,
        recoveryCodes: true,
        consents: true,
        passkeys: true,
        oauth2State: true,
        sessionLimit: 10,
      })
    }
  })
})

describe('responseFormatFor', () => {
  it('keeps 1.9.0 for the 1.9 line and unknown servers', () => {
    expect(responseFormatFor(undefined)).toBe('1.9.0')
    expect(responseFormatFor('1.9.6')).toBe('1.9.0')
  })
  it("asks 2.x for its own minor, capped at the newest checked format", () => {
    expect(responseFormatFor('2.0.0')).toBe('2.0.0')
    expect(responseFormatFor('2.3.1')).toBe('2.3.0')
    expect(responseFormatFor('2.7.1')).toBe('2.4.0')
  })
})

it('labels a known version for people', () => {
  expect(serverVersionLabel('2.7.1')).toBe('Appwrite 2.7.1')
  expect(serverVersionLabel(undefined)).toBe('')
})
