import { describe, expect, it } from 'vitest'
import type { AccountStatus, AccountSummary } from '../shared/protocol.ts'
import { accountLabel, nextAccountId } from './accounts.ts'

const account = (id: string, status: AccountStatus = 'signedIn'): AccountSummary => ({
  id,
  projectId: 'p',
  userId: `u-${id}`,
  email: `${id}@example.com`,
  name: '',
  phone: '',
  color: '#000',
  status,
  sessionId: `s-${id}`,
  addedAt: 0,
})

describe('nextAccountId', () => {
  it('moves to the next signed-in account and wraps around', () => {
    const accounts = [account('a'), account('b'), account('c')]
    expect(nextAccountId(accounts, 'a')).toBe('b')
    expect(nextAccountId(accounts, 'c')).toBe('a')
  })

  it('skips signed-out and blocked accounts', () => {
    const accounts = [account('a'), account('b', 'signedOut'), account('c', 'blocked'), account('d')]
    expect(nextAccountId(accounts, 'a')).toBe('d')
  })

  it('starts at the first account when none is active, and returns null when there is none', () => {
    expect(nextAccountId([account('a'), account('b')], null)).toBe('a')
    expect(nextAccountId([], null)).toBeNull()
  })

  it('leaves a lone active account active', () => {
    expect(nextAccountId([account('a'), account('b', 'signedOut')], 'a')).toBe('a')
  })
})

describe('accountLabel', () => {
  it('names an account by email, then phone, then name', () => {
    expect(accountLabel({ email: 'x@y.z', phone: '+1555', name: 'X' })).toBe('x@y.z')
    expect(accountLabel({ email: '', phone: '+1555', name: 'X' })).toBe('+1555')
    expect(accountLabel({ email: '', phone: '', name: '' })).toBe('This anonymous account')
  })
})
