// The shape of every request's input, checked before the worker acts on it: the boundary validates
// (docs/architecture.md "How the code should read"). The mapped type makes a schema for each `ProtocolMap` name mandatory and keeps each
// schema's output equal to the contract's input type.
import * as v from 'valibot'
import { PreferencesSchema } from '../appwrite/models.ts'
import type { ErrorData, InputOf, MessageName } from '../shared/protocol.ts'
import { MAX_ALERT_INTERVAL_MINUTES, MAX_IDLE_MINUTES } from '../shared/lock-and-alerts.ts'

type InputSchemas = { [K in MessageName]: v.GenericSchema<unknown, InputOf<K>> }

/** Lengths a real input never comes near; they keep a hostile page from making the worker juggle megabytes. */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const shortText = v.pipe(v.string(), v.maxLength(256))
const url = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))
/** An App URL; '' removes it (updateProject). Its form is checked by normalizeAppUrl. */
const appUrl = v.pipe(v.string(), v.maxLength(4096))
const none = v.nullish(v.never()) as v.GenericSchema<unknown, void>
const accountRef = v.object({ accountId: id })
const sessionRef = v.object({ accountId: id, sessionId: id })
/** A passphrase is typed by a person: long enough for a sentence, short enough for PBKDF2 to stay quick. */
const passphrase = v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0))

const signIn = v.variant('method', [
  v.object({ method: v.literal('email-password'), projectId: id, email: shortText, password: shortText }),
  v.object({ method: v.literal('anonymous'), projectId: id }),
  v.object({ method: v.literal('token'), projectId: id, userId: id, secret: shortText }),
  v.object({ method: v.literal('magic-url'), projectId: id, link: url }),
  v.object({ method: v.literal('oauth2'), projectId: id, provider: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/)) }),
])

export const inputSchemas: InputSchemas = {
  addProject: v.object({ endpoint: url, projectId: id, label: v.optional(shortText), color: v.optional(shortText), appUrl: v.optional(appUrl) }),
  updateProject: v.object({ id, label: v.optional(shortText), color: v.optional(shortText), appUrl: v.optional(appUrl) }),
  removeProject: v.object({ id }),
  getOAuthRedirectHost: none,

  createAccount: v.object({ projectId: id, email: shortText, password: shortText, name: v.optional(shortText) }),
  sendEmailOtp: v.object({ projectId: id, email: shortText, phrase: v.optional(v.boolean()) }),
  sendMagicUrl: v.object({ projectId: id, email: shortText, url: v.optional(url) }),
  sendPhoneOtp: v.object({ projectId: id, phone: shortText }),
  signIn,
  signOut: accountRef,
  removeAccount: accountRef,
  retryPendingSignOuts: none,
  forgetPendingSignOut: accountRef,
  switchAccount: accountRef,

  refresh: accountRef,
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

  updatePrefs: v.object({ accountId: id, prefs: PreferencesSchema }),
  updateName: v.object({ accountId: id, name: shortText }),
  updateEmail: v.object({ accountId: id, email: shortText, password: shortText }),
  updatePassword: v.object({ accountId: id, password: shortText, oldPassword: v.optional(shortText) }),
  updatePhone: v.object({ accountId: id, phone: shortText, password: shortText }),
  sendEmailVerification: v.object({ accountId: id, url: v.optional(url) }),
  confirmEmailVerification: v.object({ accountId: id, link: url }),
  sendEmailVerificationCode: accountRef,
  confirmEmailVerificationCode: v.object({ accountId: id, code: shortText }),
  sendPhoneVerification: accountRef,
  confirmPhoneVerification: v.object({ accountId: id, code: shortText }),
  sendRecovery: v.object({ projectId: id, email: shortText, url: v.optional(url) }),
  confirmRecovery: v.object({ projectId: id, link: url, password: shortText }),
  sendRecoveryCode: v.object({ projectId: id, email: shortText }),
  confirmRecoveryCode: v.object({ projectId: id, userId: id, code: shortText, password: shortText }),
  blockAccount: accountRef,

  getTabIdentity: v.object({ tabId }),
  useInTab: v.object({ tabId, accountId: id, mode: v.picklist(['fallback', 'cookie', 'tab']), appOrigin: url }),
  restoreTab: v.object({ tabId }),

  searchUsers: v.object({
    accountId: id,
    search: shortText,
    offset: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  }),
  startActingAs: v.object({ accountId: id, userId: id }),
  stopActingAs: accountRef,
  useInTabAs: v.object({ tabId, accountId: id, userId: id, appOrigin: url }),

  getMfaFactors: accountRef,
  createMfaChallenge: v.object({ accountId: id, factor: v.picklist(['totp', 'email', 'phone', 'recoveryCode']) }),
  completeMfaChallenge: v.object({ accountId: id, challengeId: id, otp: shortText }),
  completeMfaWithCode: v.object({ accountId: id, factor: v.picklist(['totp', 'recoveryCode']), otp: shortText }),
  updateMfa: v.object({ accountId: id, enabled: v.boolean() }),
  createTotpAuthenticator: accountRef,
  verifyTotpAuthenticator: v.object({ accountId: id, otp: shortText }),
  deleteTotpAuthenticator: accountRef,
  createRecoveryCodes: accountRef,
  getRecoveryCodes: accountRef,
  regenerateRecoveryCodes: accountRef,
  listIdentities: accountRef,
  deleteIdentity: v.object({ accountId: id, identityId: id }),
  listConsents: accountRef,
  revokeConsent: v.object({ accountId: id, consentId: id }),
  listConsentTokens: v.object({ accountId: id, consentId: id }),
  listPasskeys: accountRef,
  renamePasskey: v.object({ accountId: id, passkeyId: id, name: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }),
  deletePasskey: v.object({ accountId: id, passkeyId: id }),

  getLockStatus: none,
  setPassphrase: v.object({ passphrase }),
  changePassphrase: v.object({ current: passphrase, next: passphrase }),
  removePassphrase: v.object({ current: passphrase }),
  lock: none,
  unlock: v.object({ passphrase }),
  resetLanyard: none,
  dismissPassphraseOffer: none,
  getLockAndAlertSettings: none,
  setLockSettings: v.object({
    idleMinutes: v.nullable(v.pipe(v.number(), v.gtValue(0), v.maxValue(MAX_IDLE_MINUTES))),
    onSystemLock: v.boolean(),
  }),
  setAlertSettings: v.object({
    intervalMinutes: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(MAX_ALERT_INTERVAL_MINUTES))),
    accountId: v.optional(id),
    enabled: v.optional(v.boolean()),
  }),
  acknowledgeAlerts: v.object({ ids: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(1000))) }),
  checkSignInAlerts: none,
  exportConfig: none,
  /** The configuration file's text; config-transfer.ts refuses more than 1 MB with its own message. */
  importConfig: v.object({ text: v.pipe(v.string(), v.maxLength(4_000_000)) }),
}

/** Checks an input against its request's schema in `schemas` (the contract's, or the test contract's too). */
export function parseInputWith(schemas: Record<string, v.GenericSchema>) {
  return (name: string, input: unknown): { ok: true; input: unknown } | { ok: false; error: ErrorData } => parse(schemas, name, input)
}

export const parseInput = parseInputWith(inputSchemas)

function parse(schemas: Record<string, v.GenericSchema>, name: string, input: unknown): { ok: true; input: unknown } | { ok: false; error: ErrorData } {
  const schema = schemas[name]
  if (schema === undefined) return { ok: false, error: { type: 'lanyard_unknown_message', code: 400, message: `Unknown request "${name}".` } }
  const result = v.safeParse(schema, input)
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
