// Email and SMS go here instead of out: tests and people trying the demo read the links and codes
// from `GET /__dev/outbox` or the page at `/__dev/`.
import type { ServerState } from './state.ts'
import { uniqueId } from './ids.ts'
import { formatDatetime } from './datetime.ts'

export type OutboxKind = 'magic-url' | 'email-otp' | 'phone-otp' | 'verification' | 'phone-verification' | 'recovery' | 'mfa-challenge' | 'verification-otp' | 'recovery-otp'

export interface OutboxMessage {
  id: string
  channel: 'email' | 'sms'
  to: string
  subject: string
  text: string
  html: string
  createdAt: string
  /** Beyond Appwrite: what the message is for, and its link or code, so tests need no scraping. */
  kind: OutboxKind
  projectId: string
  userId: string
  secret: string
  url: string
}

const MAX_MESSAGES = 1000

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export interface MessageInput {
  channel: 'email' | 'sms'
  to: string
  subject: string
  kind: OutboxKind
  projectId: string
  userId: string
  secret: string
  /** The link to follow; empty for codes. */
  url: string
  intro: string
}

/** An SMS is its intro alone (an MFA challenge texts the bare code); an email adds the link or code. */
export function sendMessage(state: ServerState, input: MessageInput): void {
  const action = input.url === '' ? `Your code: ${input.secret}` : input.url
  const text = input.channel === 'sms' ? input.intro : `${input.intro}\n\n${action}\n`
  const html =
    `<p>${escapeHtml(input.intro)}</p>` +
    (input.url === '' ? `<p><strong>${escapeHtml(input.secret)}</strong></p>` : `<p><a href="${escapeHtml(input.url)}">${escapeHtml(input.url)}</a></p>`)
  const { intro: _intro, ...rest } = input
  state.outbox.push({ id: uniqueId(), text, html, createdAt: formatDatetime(state.now()), ...rest })
  if (state.outbox.length > MAX_MESSAGES) state.outbox.splice(0, state.outbox.length - MAX_MESSAGES)
  state.touch()
}
