import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { wireChallenge, wireIdentity } from './fake-fetch.ts'
import { IdentityListSchema, IdentitySchema, MfaChallengeSchema, MfaFactorsSchema, MfaRecoveryCodesSchema, MfaTypeSchema } from './mfa-models.ts'

describe('MFA and identity schemas', () => {
  it('drop the provider tokens from identities but keep who and when', () => {
    const list = v.parse(IdentityListSchema, { total: 1, identities: [wireIdentity()] })
    expect(JSON.stringify(list)).not.toMatch(/identity-access|identity-refresh/)
    expect(list.identities[0]).toEqual(expect.objectContaining({ provider: 'mock', providerEmail: 'a@example.com' }))
    expect(list.identities[0]).not.toHaveProperty('providerAccessToken')
    expect(list.identities[0]).not.toHaveProperty('providerRefreshToken')
  })

  it('require every field the spec requires', () => {
    const { providerUid: _u, ...noUid } = wireIdentity()
    expect(v.safeParse(IdentitySchema, noUid).success).toBe(false)
    const { expire: _e, ...noExpire } = wireChallenge()
    expect(v.safeParse(MfaChallengeSchema, noExpire).success).toBe(false)
    expect(v.safeParse(MfaFactorsSchema, { totp: true, phone: false, email: true }).success).toBe(false)
    expect(v.safeParse(MfaTypeSchema, { secret: 'JBSW' }).success).toBe(false)
    expect(v.safeParse(IdentityListSchema, { identities: [] }).success).toBe(false)
  })

  it('reject wrong types', () => {
    expect(v.safeParse(MfaFactorsSchema, { totp: 'true', phone: false, email: false, recoveryCode: false }).success).toBe(false)
    expect(v.safeParse(MfaRecoveryCodesSchema, { recoveryCodes: 'a1b2c3d4e5' }).success).toBe(false)
    expect(v.safeParse(MfaChallengeSchema, wireChallenge({ expire: 'in an hour' })).success).toBe(false)
  })

  it('leave out fields the spec does not name', () => {
    const challenge = v.parse(MfaChallengeSchema, wireChallenge({ code: '123456' }))
    expect(challenge).toEqual({ $id: 'chal1', $createdAt: expect.any(String), userId: 'user1', expire: expect.any(String) })
  })
})

describe('2.x additions (docs/appwrite/wire-2x.md section 4)', () => {
  it('accept the custom factor', () => {
    expect(v.parse(MfaFactorsSchema, { totp: true, phone: false, email: true, recoveryCode: true, custom: false })).toEqual({ totp: true, phone: false, email: true, recoveryCode: true, custom: false })
  })
  it("read an identity's providerIdToken and drop it with the provider tokens", () => {
    const identity = v.parse(IdentitySchema, { ...wireIdentity(), providerIdToken: 'id-token-secret' })
    expect(JSON.stringify(identity)).not.toContain('id-token-secret')
    expect(identity).not.toHaveProperty('providerIdToken')
  })
})
