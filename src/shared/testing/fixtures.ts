// Typed sample data for unit tests, shaped like the worker's storage items.
import type { Account, AccountSummary, Log, Project, Session, Snapshot } from '../protocol.ts'

export const project = (overrides: Partial<Project> = {}): Project => ({
  id: 'p1',
  endpoint: 'https://appwrite.example.com/v1',
  projectId: 'demo',
  label: 'Demo',
  color: '#2563eb',
  ...overrides,
})

export const summary = (overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id: 'a1',
  projectId: 'p1',
  userId: 'u1',
  email: 'alice@example.com',
  name: 'Alice Liddell',
  phone: '',
  color: '#db2777',
  status: 'signedIn',
  sessionId: 's1',
  addedAt: 0,
  ...overrides,
})

export const account = (overrides: Partial<Account> = {}): Account => ({
  $id: 'u1',
  $createdAt: '2026-01-01T00:00:00.000+00:00',
  $updatedAt: '2026-01-01T00:00:00.000+00:00',
  name: 'Alice Liddell',
  registration: '2026-01-01T00:00:00.000+00:00',
  status: true,
  labels: [],
  passwordUpdate: '',
  email: 'alice@example.com',
  phone: '',
  emailVerification: true,
  phoneVerification: false,
  mfa: false,
  prefs: {},
  targets: [],
  accessedAt: '2026-01-01T00:00:00.000+00:00',
  ...overrides,
})

const device = {
  ip: '203.0.113.7',
  osCode: 'LIN',
  osName: 'Linux',
  osVersion: '6',
  clientType: 'browser',
  clientCode: 'CH',
  clientName: 'Chrome',
  clientVersion: '156',
  clientEngine: 'Blink',
  clientEngineVersion: '156',
  deviceName: 'desktop',
  deviceBrand: '',
  deviceModel: '',
  countryCode: 'de',
  countryName: 'Germany',
}

export const session = (overrides: Partial<Session> = {}): Session => ({
  $id: 's1',
  $createdAt: '2026-01-01T10:00:00.000+00:00',
  $updatedAt: '2026-01-02T10:00:00.000+00:00',
  userId: 'u1',
  expire: '2027-01-01T10:00:00.000+00:00',
  provider: 'email',
  providerUid: 'alice@example.com',
  providerAccessTokenExpiry: '',
  ...device,
  current: false,
  factors: ['password'],
  mfaUpdatedAt: '',
  ...overrides,
})

export const log = (overrides: Partial<Log> = {}): Log => ({
  event: 'session.create',
  userId: 'u1',
  userEmail: 'alice@example.com',
  userName: 'Alice Liddell',
  mode: 'client',
  userType: 'user',
  time: '2026-01-02T10:00:00.000+00:00',
  ...device,
  ...overrides,
})

export const snapshot = (overrides: Partial<Snapshot> = {}): Snapshot => ({
  accountId: 'a1',
  account: account(),
  sessions: [session({ current: true }), session({ $id: 's2', clientName: 'Firefox', countryCode: 'fr', countryName: 'France', ip: '198.51.100.2' })],
  logsFirstPage: { supported: true, total: 2, offset: 0, limit: 25, logs: [log(), log({ event: 'account.update.name' })] },
  prefs: {},
  fetchedAt: Date.parse('2026-01-02T10:00:00Z'),
  ...overrides,
})
