// The shape of every request's input, checked before the worker acts on it (STYLE.md "The boundary
// validates"). The mapped type makes a schema for each `ProtocolMap` name mandatory and keeps each
// schema's output equal to the contract's input type.
import * as v from 'valibot'
import { PreferencesSchema } from '../appwrite/models.ts'
import type { ErrorData, InputOf, MessageName } from '../shared/protocol.ts'

type InputSchemas = { [K in MessageName]: v.GenericSchema<unknown, InputOf<K>> }

/** Lengths a real input never comes near; they keep a hostile page from making the worker juggle megabytes. */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const shortText = v.pipe(v.string(), v.maxLength(256))
const url = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))
const none = v.nullish(v.never()) as v.GenericSchema<unknown, void>
const accountRef = v.object({ accountId: id })
const sessionRef = v.object({ accountId: id, sessionId: id })

const signIn = v.variant('method', [
  v.object({ method: v.literal('email-password'), projectId: id, email: shortText, password: shortText }),
  v.object({ method: v.literal('anonymous'), projectId: id }),
  v.object({ method: v.literal('token'), projectId: id, userId: id, secret: shortText }),
  v.object({ method: v.literal('magic-url'), projectId: id, link: url }),
  v.object({ method: v.literal('oauth2'), projectId: id, provider: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/)) }),
])

export const inputSchemas: InputSchemas = {
  getState: none,
  addProject: v.object({ endpoint: url, projectId: id, label: v.optional(shortText), color: v.optional(shortText) }),
  updateProject: v.object({ id, label: v.optional(shortText), color: v.optional(shortText) }),
  removeProject: v.object({ id }),
  getOAuthRedirectHost: none,

  createAccount: v.object({ projectId: id, email: shortText, password: shortText, name: v.optional(shortText) }),
  sendEmailOtp: v.object({ projectId: id, email: shortText, phrase: v.optional(v.boolean()) }),
  sendMagicUrl: v.object({ projectId: id, email: shortText, url: v.optional(url) }),
  sendPhoneOtp: v.object({ projectId: id, phone: shortText }),
  signIn,
  signOut: accountRef,
  removeAccount: accountRef,
  switchAccount: accountRef,
  switchToNextAccount: none,

  refresh: accountRef,
  getSession: sessionRef,
  updateSession: sessionRef,
  revokeSession: sessionRef,
  revokeOtherSessions: accountRef,
  revokeAllSessions: accountRef,
  revokeOtherSessionsEverywhere: none,
  listLogs: v.object({
    accountId: id,
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  }),

  getPrefs: accountRef,
  updatePrefs: v.object({ accountId: id, prefs: PreferencesSchema }),
  updateName: v.object({ accountId: id, name: shortText }),
  updateEmail: v.object({ accountId: id, email: shortText, password: shortText }),
  updatePassword: v.object({ accountId: id, password: shortText, oldPassword: v.optional(shortText) }),
  updatePhone: v.object({ accountId: id, phone: shortText, password: shortText }),
  sendEmailVerification: v.object({ accountId: id, url }),
  confirmEmailVerification: v.object({ accountId: id, link: url }),
  sendPhoneVerification: accountRef,
  confirmPhoneVerification: v.object({ accountId: id, code: shortText }),
  sendRecovery: v.object({ projectId: id, email: shortText, url }),
  confirmRecovery: v.object({ projectId: id, link: url, password: shortText }),
  blockAccount: accountRef,
  createJwt: v.object({
    accountId: id,
    durationSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600))),
  }),
}

export function parseInput(name: MessageName, input: unknown): { ok: true; input: unknown } | { ok: false; error: ErrorData } {
  const result = v.safeParse(inputSchemas[name], input)
  if (result.success) return { ok: true, input: result.output }
  const issue = result.issues[0]
  const where = issue.path?.map((step) => String(step.key)).join('.') ?? 'input'
  // Valibot's own message can echo the received value (a password, say): name only what was expected.
  const message =
    issue.received === 'undefined'
      ? `Missing ${where} in "${name}".`
      : `Invalid ${where} for "${name}"${issue.expected === null ? '' : ` (expected ${issue.expected})`}.`
  return { ok: false, error: { type: 'lanyard_invalid_input', code: 400, message } }
}
