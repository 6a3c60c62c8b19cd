// Test double for `fetch` and wire fixtures shaped like Appwrite 1.9.6 answers (docs/appwrite/wire.md section 4).
// Used only by the unit tests beside this file.
import { expect } from 'vitest'
import { AppwriteError } from './errors.ts'
import type { FetchLike } from './http.ts'

export interface RecordedRequest {
  url: URL
  init: RequestInit
  headers: Record<string, string>
  body: unknown
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response>

export function fakeFetch(responder: Responder): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const fetch = async (url: string, init: RequestInit) => {
    const request: RecordedRequest = {
      url: new URL(url),
      init,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    requests.push(request)
    return responder(request)
  }
  return Object.assign(fetch, { requests })
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

export function appwriteError(status: number, type: string, message = `Error ${type}`, headers: Record<string, string> = {}): Response {
  return json(status, { message, code: status, type, version: '1.9.6' }, headers)
}

export function encodeSession(userId: string, secret: string): string {
  return btoa(JSON.stringify({ id: userId, secret }))
}

const when = '2026-07-22T10:15:30.123+00:00'
const device = {
  ip: '127.0.0.1', osCode: 'LIN', osName: 'GNU/Linux', osVersion: '', clientType: 'browser', clientCode: 'CH',
  clientName: 'Chrome', clientVersion: '156.0', clientEngine: 'Blink', clientEngineVersion: '156.0',
  deviceName: 'desktop', deviceBrand: '', deviceModel: '', countryCode: '--', countryName: 'Unknown',
}

export function wireSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $id: 'sess1', $createdAt: when, $updatedAt: when, userId: 'user1', expire: when, provider: 'email',
    providerUid: 'a@example.com', providerAccessToken: 'provider-access', providerAccessTokenExpiry: '',
    providerRefreshToken: 'provider-refresh', ...device, current: true, factors: ['password'],
    secret: 'wire-secret', mfaUpdatedAt: '', ...overrides,
  }
}

export function wireAccount(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $id: 'user1', $createdAt: when, $updatedAt: when, name: 'Ada', registration: when, status: true, labels: [],
    passwordUpdate: when, email: 'a@example.com', phone: '', emailVerification: false, phoneVerification: false,
    mfa: false, prefs: {}, accessedAt: when,
    targets: [{ $id: 't1', $createdAt: when, $updatedAt: when, name: '', userId: 'user1', providerId: null, providerType: 'email', identifier: 'a@example.com', expired: false }],
    ...overrides,
  }
}

export function wireToken(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { $id: 'tok1', $createdAt: when, userId: 'user1', secret: '', expire: when, phrase: '', ...overrides }
}

export function wireLog(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { event: 'session.create', userId: 'user1', userEmail: 'a@example.com', userName: 'Ada', mode: 'client', userType: 'user', time: when, ...device, ...overrides }
}

export function wireChallenge(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { $id: 'chal1', $createdAt: when, userId: 'user1', expire: when, ...overrides }
}

export function wireIdentity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $id: 'ident1', $createdAt: when, $updatedAt: when, userId: 'user1', provider: 'mock', providerUid: 'mock-uid',
    providerEmail: 'a@example.com', providerAccessToken: 'identity-access', providerAccessTokenExpiry: when,
    providerRefreshToken: 'identity-refresh', ...overrides,
  }
}

/** The AppwriteError a promise rejects with; fails the test when it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<AppwriteError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppwriteError)
  return error as AppwriteError
}
