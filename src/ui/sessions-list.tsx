// Sessions of one account, one row each: where and what it is, when it started and was last
// used, and a Revoke button named after the session. The popup shows it compact; the options page
// adds provider and expiry. Revoking Lanyard's own session can ask first, inline.
import { useSignal } from '@preact/signals'
import type { Reply, Session } from '../shared/protocol.ts'
import { useAction } from './action.ts'
import { ErrorText } from './error-text.tsx'
import { Flag } from './flag.tsx'
import { dateTime, parseAppwriteTime, relativeTime } from './format.ts'
import { t } from './i18n.ts'

/** Providers whose sessions carry an OAuth token that PATCH /account/sessions/{id} refreshes (docs/appwrite/wire.md section 3.1). */
const NON_OAUTH_PROVIDERS = new Set(['email', 'anonymous', 'magic-url', 'phone', 'token', 'server', 'oidc-token'])
export const isOAuthSession = (session: Session): boolean => !NON_OAUTH_PROVIDERS.has(session.provider)

const joined = (...parts: string[]): string => parts.map((p) => p.trim()).filter(Boolean).join(' ')

export function describeClient(session: Session): string {
  return joined(session.clientName, session.clientVersion) || t('unknownClient')
}
export function describeOs(session: Session): string {
  return joined(session.osName, session.osVersion) || t('unknownOs')
}
export function describeDevice(session: Session): string {
  return joined(session.deviceBrand, session.deviceModel) || session.deviceName || t('unknownDevice')
}

interface Props {
  sessions: Session[]
  /** The session Lanyard holds for this account: revoking it signs the account out. */
  thisSessionId: string
  onRevoke(session: Session): Promise<Reply<unknown>>
  /** Options page only: OAuth sessions can have their provider token refreshed. */
  onRefresh?(session: Session): Promise<Reply<unknown>>
  detailed?: boolean
  /** Sessions an unseen sign-in alert is about: tagged "New". */
  newSessionIds?: ReadonlySet<string>
  /** When given, revoking Lanyard's own session first asks this (it signs the account out of Lanyard). */
  ownSessionQuestion?: string
}

/** Stable, so Preact calls it once when the button mounts. */
const focusOnMount = (element: HTMLButtonElement | null): void => element?.focus()

export function SessionsList({ sessions, thisSessionId, newSessionIds, ...rest }: Props) {
  if (sessions.length === 0) return <p class="muted">{t('noSessions')}</p>
  return (
    <ul class="sessions" aria-label={t('sessions')}>
      {sessions.map((session) => (
        <SessionRow key={session.$id} session={session} isThisDevice={session.$id === thisSessionId} isNew={newSessionIds?.has(session.$id) ?? false} {...rest} />
      ))}
    </ul>
  )
}

export const sessionTitle = (session: Session): string => t('sessionTitle', describeClient(session), describeOs(session))

type RowProps = Omit<Props, 'sessions' | 'thisSessionId' | 'newSessionIds'> & { session: Session; isThisDevice: boolean; isNew: boolean }

function SessionRow({ session, isThisDevice, isNew, onRevoke, onRefresh, detailed, ownSessionQuestion }: RowProps) {
  const revoke = useAction()
  const refresh = useAction()
  const asking = useSignal(false)
  const title = sessionTitle(session)
  const confirmFirst = isThisDevice && ownSessionQuestion !== undefined
  // The popup is narrow: "3 hours ago" there, full dates on the options page.
  const when = (value: string) => {
    const ms = parseAppwriteTime(value)
    return detailed || ms === null ? dateTime(value) : relativeTime(ms, Date.now())
  }
  return (
    <li class="session" aria-label={title}>
      <div class="session-main">
        <Flag code={session.countryCode} name={session.countryName} />
        <span class="session-title">{title}</span>
        {isThisDevice ? <span class="badge ok">{t('thisDevice')}</span> : null}
        {isNew ? <span class="badge bad">{t('sessionNew')}</span> : null}
      </div>
      <p class="session-meta">
        {describeDevice(session)} · {session.ip} · {session.countryName}
      </p>
      <p class="session-meta">
        {t('createdAt', when(session.$createdAt))} · {t('lastActiveAt', when(session.$updatedAt))}
      </p>
      {detailed ? (
        <p class="session-meta">
          {t('sessionProvider', session.provider)} · {t('expiresAt', dateTime(session.expire))}
        </p>
      ) : null}
      <div class="row-actions">
        {detailed && onRefresh && isOAuthSession(session) ? (
          <button type="button" disabled={refresh.busy} onClick={() => refresh.run(() => onRefresh(session))}>
            {t('refreshSession')}
          </button>
        ) : null}
        <button
          type="button"
          class="danger"
          aria-label={t('revokeNamed', title)}
          aria-expanded={confirmFirst ? asking.value : undefined}
          disabled={revoke.busy}
          onClick={() => (confirmFirst ? (asking.value = true) : void revoke.run(() => onRevoke(session)))}
        >
          {t('revoke')}
        </button>
      </div>
      {asking.value ? (
        <div role="alertdialog" aria-label={ownSessionQuestion} class="confirm-box">
          <p>{ownSessionQuestion}</p>
          <button type="button" class="danger" disabled={revoke.busy} ref={focusOnMount} onClick={() => void revoke.run(() => onRevoke(session))}>
            {t('confirmRevokeOwnButton')}
          </button>
          <button type="button" onClick={() => (asking.value = false)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
      <ErrorText error={revoke.error} />
      <ErrorText error={refresh.error} />
    </li>
  )
}
