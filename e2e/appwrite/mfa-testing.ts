// Shared by the MFA tests: users with factors, and TOTP codes computed by an independent RFC 6238
// library (otpauth) at the server's clock, never by the server's own code.
import { Secret, TOTP } from 'otpauth'
import type { OutboxMessage } from './outbox.ts'
import { newEmail, type TestServer } from './testing.ts'

export const PASSWORD = 'password-123'
const STEP_MS = 30_000
/** Appwrite accepts only the current step (docs/appwrite/mfa.md section 6): keep clear of the step's end. */
const STEP_MARGIN_MS = 3_000

export async function serverNow(api: TestServer): Promise<number> {
  return Date.parse(((await api.dev('GET', '/__dev/clock')).json as { now: string }).now)
}

export function totpAt(secret: string, timestamp: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp })
}

/** The code of the server's current step; moves the server clock into the next step when this one is about to end. */
export async function currentTotp(api: TestServer, secret: string): Promise<string> {
  let now = await serverNow(api)
  if (now % STEP_MS > STEP_MS - STEP_MARGIN_MS) {
    await api.dev('POST', '/__dev/clock', { offsetMs: STEP_MS - (now % STEP_MS) + 100 })
    now = await serverNow(api)
  }
  return totpAt(secret, now)
}

/** Moves the server clock to the start of the next step, so the next code differs from any used before. */
export async function nextStep(api: TestServer): Promise<void> {
  const now = await serverNow(api)
  await api.dev('POST', '/__dev/clock', { offsetMs: STEP_MS - (now % STEP_MS) + 100 })
}

export async function newUser(api: TestServer, label: string, project = 'demo'): Promise<{ email: string; userId: string; session: string }> {
  const email = newEmail(label)
  const created = await api.request('POST', '/account', { project, body: { userId: 'unique()', email, password: PASSWORD } })
  if (created.status !== 201) throw new Error(`account creation failed: ${created.text}`)
  return { email, userId: (created.json as { $id: string }).$id, session: await api.signIn(email, PASSWORD, { project }) }
}

/** Creates and verifies a TOTP authenticator; returns its secret. */
export async function enrolTotp(api: TestServer, session: string): Promise<string> {
  const { secret } = (await api.request('POST', '/account/mfa/authenticators/totp', { session })).json as { secret: string }
  const verified = await api.request('PUT', '/account/mfa/authenticators/totp', { session, body: { otp: await currentTotp(api, secret) } })
  if (verified.status !== 200) throw new Error(`authenticator not verified: ${verified.text}`)
  return secret
}

/** A user with a verified authenticator and MFA on, and a new password session that still needs its second factor. */
export async function mfaUser(api: TestServer, label: string): Promise<{ email: string; userId: string; secret: string; full: string; half: string }> {
  const { email, userId, session } = await newUser(api, label)
  const secret = await enrolTotp(api, session)
  const enabled = await api.request('PATCH', '/account/mfa', { session, body: { mfa: true } })
  if (enabled.status !== 200) throw new Error(`MFA not enabled: ${enabled.text}`)
  return { email, userId, secret, full: session, half: await api.signIn(email, PASSWORD) }
}

export async function createChallenge(api: TestServer, session: string, factor: string): Promise<string> {
  const created = await api.request('POST', '/account/mfa/challenges', { session, body: { factor } })
  if (created.status !== 201) throw new Error(`challenge not created: ${created.text}`)
  return (created.json as { $id: string }).$id
}

export function completeChallenge(api: TestServer, session: string, challengeId: string, otp: string) {
  return api.request('PUT', '/account/mfa/challenges', { session, body: { challengeId, otp } })
}

export async function lastMessage(api: TestServer, to: string): Promise<OutboxMessage> {
  const messages = (await api.dev('GET', `/__dev/outbox?to=${encodeURIComponent(to)}`)).json as OutboxMessage[]
  const message = messages.at(-1)
  if (!message) throw new Error(`no message to ${to}`)
  return message
}

/** Follows this server's OAuth2 redirects until they leave it; returns the final location. */
export async function followOAuth(api: TestServer, url: string, headers: Record<string, string> = {}): Promise<{ location: string; cookies: string[] }> {
  let location = url
  let cookies: string[] = []
  for (let hop = 0; hop < 6; hop++) {
    const response = await fetch(location, { redirect: 'manual', headers })
    cookies = cookies.concat(response.headers.getSetCookie())
    const next = response.headers.get('location')
    if (response.status !== 301 || next === null) throw new Error(`OAuth2 hop ${hop}: ${response.status} ${await response.text()}`)
    if (!next.startsWith(api.base)) return { location: next, cookies }
    location = next
  }
  throw new Error('too many OAuth2 redirects')
}

/** The mock provider's token flow, finished with POST /account/sessions/token; returns the encoded session. */
export async function signInWithMock(api: TestServer): Promise<{ session: string; userId: string; factors: string[] }> {
  const success = encodeURIComponent('http://localhost/ok')
  const { location } = await followOAuth(api, `${api.endpoint}/account/tokens/oauth2/mock?project=demo&success=${success}&failure=${success}`)
  const final = new URL(location)
  const userId = final.searchParams.get('userId') ?? ''
  const response = await api.request('POST', '/account/sessions/token', { body: { userId, secret: final.searchParams.get('secret') } })
  const session = (JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)['a_session_demo']
  if (response.status !== 201 || !session) throw new Error(`mock OAuth2 sign-in failed: ${response.text}`)
  return { session, userId, factors: (response.json as { factors: string[] }).factors }
}
