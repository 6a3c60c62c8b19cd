// The typed Account client: one function per Account operation (docs/appwrite/wire.md section 3). It holds no
// session; callers pass the encoded session per call, so one client serves every account of a
// project, and two accounts can never leak into each other's requests.
import { validateEndpoint } from './endpoint.ts'
import { AppwriteError, lanyardError, toErrorData, type ErrorData } from './errors.ts'
import { type Call, createTransport, type FetchLike, malformedResponse } from './http.ts'
import { buildOAuth2TokenUrl, type LinkSecret, type OAuth2UrlInput, parseOAuth2Redirect, parseSecretLink } from './links.ts'
import {
  type Account,
  type Jwt,
  JwtSchema,
  type Log,
  LogListSchema,
  type Preferences,
  PreferencesSchema,
  type Session,
  type SessionList,
  SessionListSchema,
  SessionSchema,
  type Token,
  TokenSchema,
} from './models.ts'
import { accessCalls } from './access.ts'
import { userCalls } from './users.ts'
import { mfaCalls } from './mfa.ts'
import { pageQuery } from './page-query.ts'
import { serverVersion } from './probe.ts'
import { sendForAccount } from './account-answer.ts'
import { assertPrefsFit } from './prefs-size.ts'
import { assertServerPrefsFit } from './response-limits.ts'
import { decodeSession, readSessionFromHeaders } from './session-header.ts'

export interface AccountClientOptions {
  /** As typed by a person; normalised by `validateEndpoint`, which may throw `lanyard_invalid_endpoint`. */
  endpoint: string
  projectId: string
  fetch?: FetchLike
  timeoutMs?: number
  now?: () => number
  /** `X-Appwrite-Response-Format` (src/shared/server-features.ts responseFormatFor); default RESPONSE_FORMAT. */
  responseFormat?: string
}

export interface SignInResult {
  /** The encoded session to hold and pass to every later call. Secret. */
  session: string
  /** The session as Appwrite describes it, without sensitive fields. */
  sessionInfo: Session
}

export interface LogsPage {
  /** False when the server keeps no security logs (404 on GET /account/logs, docs/appwrite/wire.md preamble). */
  supported: boolean
  total: number
  logs: Log[]
  offset: number
  limit: number
}

export interface RevokeOthersResult {
  revoked: number
  /** The sessions deleted, for Lanyard's activity timeline. */
  revokedIds: string[]
  failed: { sessionId: string; error: ErrorData }[]
  /** Set when the list failed after deletes of already known sessions had gone out: those are above. */
  listError?: ErrorData
}

/** Appwrite's `ID.unique()` placeholder: the server picks the id. */
const UNIQUE_ID = 'unique()'
export const DEFAULT_LOGS_LIMIT = 25
export const MAX_JWT_SECONDS = 3600

export function createAccountClient(options: AccountClientOptions) {
  const checked = validateEndpoint(options.endpoint)
  if (!checked.ok) throw lanyardError('lanyard_invalid_endpoint', checked.error.message)
  const transport = createTransport({ ...options, endpoint: checked.endpoint })
  const { projectId, host } = transport

  async function signIn(call: Call): Promise<SignInResult> {
    const { data, headers } = await transport.send(call, SessionSchema)
    const session = readSessionFromHeaders(headers, projectId)
    if (session === null) {
      // Appwrite withholds it only when the caller's Origin shares the API's site (docs/appwrite/wire.md section 1.4).
      throw malformedResponse(call, host, 'the new session is missing from the X-Fallback-Cookies header', 201)
    }
    if (decodeSession(session)?.userId !== data.userId) {
      throw malformedResponse(call, host, 'the session header belongs to another user than the body', 201)
    }
    return { session, sessionInfo: data }
  }

  function signInWithSecret({ userId, secret }: LinkSecret): Promise<SignInResult> {
    return signIn({ method: 'POST', path: '/account/sessions/token', body: { userId, secret }, secrets: [secret] })
  }

  function account(call: Call): Promise<Account> {
    return sendForAccount(transport, call)
  }

  async function token(call: Call): Promise<Token> {
    return (await transport.send(call, TokenSchema)).data
  }

  async function listSessions(session: string): Promise<SessionList> {
    return (await transport.send({ method: 'GET', path: '/account/sessions', session }, SessionListSchema)).data
  }

  function deleteSession(session: string, sessionId: string): Promise<void> {
    return transport.sendNoContent({ method: 'DELETE', path: `/account/sessions/${encodeURIComponent(sessionId)}`, session })
  }

  return {
    endpoint: checked.endpoint,
    projectId,

    /** The server's version ('' when it does not say): public, no session needed. */
    serverVersion: () => serverVersion(transport),

    async createAccount(input: { email: string; password: string; name?: string; userId?: string }): Promise<Account> {
      const body = { userId: input.userId ?? UNIQUE_ID, email: input.email, password: input.password, name: input.name }
      return account({ method: 'POST', path: '/account', body, secrets: [input.password] })
    },

    async signInWithEmailPassword(input: { email: string; password: string }): Promise<SignInResult> {
      return signIn({ method: 'POST', path: '/account/sessions/email', body: input, secrets: [input.password] })
    },

    async signInAnonymously(): Promise<SignInResult> {
      return signIn({ method: 'POST', path: '/account/sessions/anonymous' })
    },

    /** Finishes email OTP, phone OTP, magic URL and OAuth2: `secret` is the code or link secret. */
    signInWithToken: signInWithSecret,

    async signInWithMagicLink(link: string): Promise<SignInResult> {
      return signInWithSecret(parseSecretLink(link, 'magic link'))
    },

    /** The URL to open in `launchWebAuthFlow`; the flow then ends at `completeOAuth2`. */
    oauth2TokenUrl(input: OAuth2UrlInput): string {
      return buildOAuth2TokenUrl(checked.endpoint, projectId, input)
    },

    /** Since 1.9 the secret is a JWT that lives 60 s: call this at once (docs/appwrite/wire.md section 2.3). */
    async completeOAuth2(redirectUrl: string): Promise<SignInResult> {
      return signInWithSecret(parseOAuth2Redirect(redirectUrl))
    },

    async sendEmailOtp(input: { email: string; userId?: string; phrase?: boolean }): Promise<Token> {
      const body = { userId: input.userId ?? UNIQUE_ID, email: input.email, phrase: input.phrase ?? false }
      return token({ method: 'POST', path: '/account/tokens/email', body })
    },

    async sendMagicUrl(input: { email: string; userId?: string; url?: string; phrase?: boolean }): Promise<Token> {
      const body = { userId: input.userId ?? UNIQUE_ID, email: input.email, url: input.url, phrase: input.phrase ?? false }
      return token({ method: 'POST', path: '/account/tokens/magic-url', body })
    },

    async sendPhoneOtp(input: { phone: string; userId?: string }): Promise<Token> {
      return token({ method: 'POST', path: '/account/tokens/phone', body: { userId: input.userId ?? UNIQUE_ID, phone: input.phone } })
    },

    /** `durationSeconds` 1 to 3600: real servers answer 0 with a 500 (docs/appwrite/wire-2x.md section 6.3; issue 14). */
    async createJwt(session: string, durationSeconds?: number): Promise<Jwt> {
      if (durationSeconds !== undefined && !(Number.isInteger(durationSeconds) && durationSeconds >= 1 && durationSeconds <= MAX_JWT_SECONDS)) {
        throw lanyardError('lanyard_invalid_input', `A JWT lasts a whole number of seconds from 1 to ${MAX_JWT_SECONDS}, not ${String(durationSeconds)}.`, 400)
      }
      const body = durationSeconds === undefined ? {} : { duration: durationSeconds }
      return (await transport.send({ method: 'POST', path: '/account/jwts', session, body }, JwtSchema)).data
    },

    async getAccount(session: string): Promise<Account> {
      return account({ method: 'GET', path: '/account', session })
    },

    listSessions,

    async getSession(session: string, sessionId: string): Promise<Session> {
      const call: Call = { method: 'GET', path: `/account/sessions/${encodeURIComponent(sessionId)}`, session }
      return (await transport.send(call, SessionSchema)).data
    },

    /** Extends the session. The answer's `current` and `countryName` are not reliable (docs/appwrite/wire.md section 10). */
    async updateSession(session: string, sessionId: string): Promise<Session> {
      const call: Call = { method: 'PATCH', path: `/account/sessions/${encodeURIComponent(sessionId)}`, session }
      return (await transport.send(call, SessionSchema)).data
    },

    deleteSession,

    /** Deletes the held session: the account is signed out on the server. */
    async signOut(session: string): Promise<void> {
      return deleteSession(session, 'current')
    },

    /** Deletes every session of the account, the held one included. */
    async deleteSessions(session: string): Promise<void> {
      return transport.sendNoContent({ method: 'DELETE', path: '/account/sessions', session })
    },

    /**
     * One request on 2.4 and later: `current=false` ends every other session and keeps the caller's
     * (docs/appwrite/wire-2x.md section 3.3). Only for servers known to be 2.4+: older ones ignore
     * `current` and end every session, the caller's included (e2e/appwrite/README.md, the modes table).
     */
    async deleteOtherSessions(session: string): Promise<void> {
      return transport.sendNoContent({ method: 'DELETE', path: '/account/sessions', session, query: new URLSearchParams({ current: 'false' }) })
    },

    /**
     * Before 2.4 Appwrite has no route for this: list, then delete each non-current session in parallel.
     * `known` are other sessions' ids from a recent list (the cached snapshot): their deletes start
     * together with the list, so the usual case costs one round trip; the list still catches any
     * newer session. A known id already gone (404 and not listed) is neither revoked nor failed.
     */
    async revokeOtherSessions(session: string, known: readonly string[] = []): Promise<RevokeOthersResult> {
      const settle = (id: string) =>
        deleteSession(session, id).then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        )
      const deletes = new Map(known.map((id) => [id, settle(id)]))
      const outcome = async (listed: ReadonlySet<string>): Promise<RevokeOthersResult> => {
        const revokedIds: string[] = []
        const failed: RevokeOthersResult['failed'] = []
        for (const [sessionId, pending] of deletes) {
          const done = await pending
          if (done.ok) revokedIds.push(sessionId)
          else if (listed.has(sessionId) || !(done.error instanceof AppwriteError && done.error.code === 404)) failed.push({ sessionId, error: toErrorData(done.error) })
        }
        return { revoked: revokedIds.length, revokedIds, failed }
      }
      let sessions: Session[]
      try {
        sessions = (await listSessions(session)).sessions
        if (!sessions.some((s) => s.current)) {
          // Without a current mark every session looks like "other": deleting them would sign us out.
          throw malformedResponse({ method: 'GET', path: '/account/sessions' }, host, 'no session is marked current', 200)
        }
      } catch (error) {
        // The known sessions' deletes went out already: when some succeeded, report them with the
        // failure, so nothing done goes unrecorded; otherwise the failure alone is the answer.
        const done = await outcome(new Set())
        if (done.revoked === 0) throw error
        return { ...done, listError: toErrorData(error) }
      }
      for (const other of sessions.filter((s) => !s.current)) if (!deletes.has(other.$id)) deletes.set(other.$id, settle(other.$id))
      return outcome(new Set(sessions.map((s) => s.$id)))
    },

    async listLogs(session: string, page: { limit?: number; offset?: number } = {}): Promise<LogsPage> {
      const limit = page.limit ?? DEFAULT_LOGS_LIMIT
      const offset = page.offset ?? 0
      try {
        const call: Call = { method: 'GET', path: '/account/logs', session, query: pageQuery(limit, offset) }
        const { data } = await transport.send(call, LogListSchema)
        return { supported: true, total: data.total, logs: data.logs, limit, offset }
      } catch (error) {
        // Servers after 1.9.6 and Appwrite Cloud dropped the route: it answers 404 (docs/appwrite/wire.md preamble).
        if (error instanceof AppwriteError && error.code === 404 && error.type !== 'project_not_found') {
          return { supported: false, total: 0, logs: [], limit, offset }
        }
        throw error
      }
    },

    async getPrefs(session: string): Promise<Preferences> {
      const { data } = await transport.send({ method: 'GET', path: '/account/prefs', session }, PreferencesSchema)
      assertServerPrefsFit(data, transport.host)
      return data
    },

    async updatePrefs(session: string, prefs: Preferences): Promise<Account> {
      assertPrefsFit(prefs)
      return account({ method: 'PATCH', path: '/account/prefs', session, body: { prefs } })
    },

    async updateName(session: string, name: string): Promise<Account> {
      return account({ method: 'PATCH', path: '/account/name', session, body: { name } })
    },

    async updateEmail(session: string, input: { email: string; password: string }): Promise<Account> {
      return account({ method: 'PATCH', path: '/account/email', session, body: input, secrets: [input.password] })
    },

    async updatePassword(session: string, input: { password: string; oldPassword?: string }): Promise<Account> {
      const secrets = [input.password, input.oldPassword ?? '']
      return account({ method: 'PATCH', path: '/account/password', session, body: input, secrets })
    },

    async updatePhone(session: string, input: { phone: string; password: string }): Promise<Account> {
      return account({ method: 'PATCH', path: '/account/phone', session, body: input, secrets: [input.password] })
    },

    /** `url` is where the emailed link points; it must be a registered platform (docs/appwrite/wire.md section 5). */
    async sendEmailVerification(session: string, url: string): Promise<Token> {
      return token({ method: 'POST', path: '/account/verifications/email', session, body: { url } })
    },

    /** A public route: the pasted link alone proves it (docs/appwrite/wire.md section 3.2). */
    async confirmEmailVerification(link: string): Promise<Token> {
      const { userId, secret } = parseSecretLink(link, 'verification link')
      return token({ method: 'PUT', path: '/account/verifications/email', body: { userId, secret }, secrets: [secret] })
    },

    /** 2.3+: emails a 6-digit code valid 15 minutes instead of a link (docs/appwrite/wire-2x.md section 3.1). */
    async sendEmailVerificationCode(session: string): Promise<Token> {
      return token({ method: 'POST', path: '/account/verifications/email/otp', session, body: {} })
    },

    /** 2.3+, a public route: the user id and the emailed code prove it (docs/appwrite/wire-2x.md section 3.1). */
    async confirmEmailVerificationCode(input: { userId: string; code: string }): Promise<Token> {
      const body = { userId: input.userId, secret: input.code }
      return token({ method: 'PUT', path: '/account/verifications/email/otp', body, secrets: [input.code] })
    },

    async sendPhoneVerification(session: string): Promise<Token> {
      return token({ method: 'POST', path: '/account/verifications/phone', session })
    },

    async confirmPhoneVerification(session: string, code: string): Promise<Token> {
      const decoded = decodeSession(session)
      if (decoded === null) throw lanyardError('lanyard_internal', 'The stored session is damaged. Sign in to this account again.')
      const body = { userId: decoded.userId, secret: code }
      return token({ method: 'PUT', path: '/account/verifications/phone', session, body, secrets: [code] })
    },

    async sendRecovery(input: { email: string; url: string }): Promise<Token> {
      return token({ method: 'POST', path: '/account/recovery', body: input })
    },

    /** 2.3+: emails a 6-digit recovery code valid 15 minutes; no redirect URL (docs/appwrite/wire-2x.md section 3.1). */
    async sendRecoveryCode(input: { email: string }): Promise<Token> {
      return token({ method: 'POST', path: '/account/recovery/otp', body: { email: input.email } })
    },

    /** 2.3+: the code is used up (docs/appwrite/wire-2x.md section 3.1). */
    async confirmRecoveryCode(input: { userId: string; code: string; password: string }): Promise<Token> {
      const body = { userId: input.userId, secret: input.code, password: input.password }
      return token({ method: 'PUT', path: '/account/recovery/otp', body, secrets: [input.code, input.password] })
    },

    async confirmRecovery(link: string, password: string): Promise<Token> {
      const { userId, secret } = parseSecretLink(link, 'recovery link')
      const body = { userId, secret, password }
      return token({ method: 'PUT', path: '/account/recovery', body, secrets: [secret, password] })
    },

    /** Irreversible for the user: only an admin can unblock. The session stops working at once. */
    async blockAccount(session: string): Promise<Account> {
      return account({ method: 'PATCH', path: '/account/status', session })
    },

    ...mfaCalls(transport),
    ...accessCalls(transport),
    ...userCalls(transport),
  }
}

export type AccountClient = ReturnType<typeof createAccountClient>
