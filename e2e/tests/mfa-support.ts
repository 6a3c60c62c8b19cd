// Setup for the MFA end-to-end tests, done the way another device would: straight HTTP to the local
// server with the user's own session, plus RFC 6238 codes from an independent library (otpauth)
// computed at the server's clock (which the tests move).
import { Secret, TOTP, URI } from 'otpauth'
import type { TestServer } from '../harness/server.ts'

const STEP_MS = 30_000
/** The server accepts only the current step (docs/appwrite/mfa.md section 6): keep clear of its end. */
const STEP_MARGIN_MS = 4_000

async function serverNow(server: TestServer): Promise<number> {
  const response = await fetch(`${server.origin}/__dev/clock`)
  return Date.parse(((await response.json()) as { now: string }).now)
}

/** The authenticator code for the server's current step; moves the server clock into the next step near a step's end. */
export async function totpNow(server: TestServer, secret: string): Promise<string> {
  let now = await serverNow(server)
  if (now % STEP_MS > STEP_MS - STEP_MARGIN_MS) {
    await server.advanceClock(STEP_MS - (now % STEP_MS) + 100)
    now = await serverNow(server)
  }
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now })
}

/** Moves the server into a fresh 30 s step, so a code differs from the one used last. */
export async function nextTotpStep(server: TestServer): Promise<void> {
  const now = await serverNow(server)
  await server.advanceClock(STEP_MS - (now % STEP_MS) + 100)
}

/** The secret inside an otpauth:// URI, as an authenticator app reads it. */
export function secretOfUri(uri: string): string {
  return URI.parse(uri).secret.base32
}

export interface Device {
  /** The encoded session of this "other device". */
  session: string
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>
}

/** Signs in from "another device": email and password straight against the server. */
export async function otherDevice(server: TestServer, projectId: string, email: string, password: string): Promise<Device> {
  const response = await fetch(`${server.endpoint}/account/sessions/email`, {
    method: 'POST',
    headers: { 'X-Appwrite-Project': projectId, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const session = (JSON.parse(response.headers.get('x-fallback-cookies') ?? '{}') as Record<string, string>)[`a_session_${projectId}`]
  if (response.status !== 201 || !session) throw new Error(`device sign-in failed: HTTP ${response.status}`)
  return {
    session,
    async call(method, path, body) {
      const answer = await fetch(`${server.endpoint}${path}`, {
        method,
        headers: { 'X-Appwrite-Project': projectId, 'X-Appwrite-Session': session, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await answer.text()
      return { status: answer.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
    },
  }
}

async function expectStatus(device: Device, method: string, path: string, body: unknown, status: number): Promise<unknown> {
  const answer = await device.call(method, path, body)
  if (answer.status !== status) throw new Error(`${method} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`)
  return answer.json
}

/** Adds and verifies an authenticator and turns MFA on from the device; returns the authenticator's secret. */
export async function enableTotpMfa(server: TestServer, device: Device): Promise<string> {
  const { secret } = (await expectStatus(device, 'POST', '/account/mfa/authenticators/totp', undefined, 200)) as { secret: string }
  await expectStatus(device, 'PUT', '/account/mfa/authenticators/totp', { otp: await totpNow(server, secret) }, 200)
  await expectStatus(device, 'PATCH', '/account/mfa', { mfa: true }, 200)
  return secret
}

/** Turns MFA on from the device (enough when the user's email is verified: docs/appwrite/mfa.md section 1.1). */
export async function enableMfa(device: Device): Promise<void> {
  await expectStatus(device, 'PATCH', '/account/mfa', { mfa: true }, 200)
}

export async function createRecoveryCodes(device: Device): Promise<string[]> {
  return ((await expectStatus(device, 'POST', '/account/mfa/recovery-codes', undefined, 201)) as { recoveryCodes: string[] }).recoveryCodes
}

/** The held session's factors as the server records them, read with the project key. */
export async function serverFactors(server: TestServer, projectId: string, userId: string, sessionId: string): Promise<string[]> {
  const sessions = (await server.admin(projectId).listSessions(userId)) as unknown as { $id: string; factors: string[] }[]
  const session = sessions.find((s) => s.$id === sessionId)
  if (!session) throw new Error(`session ${sessionId} not found on the server`)
  return session.factors
}
