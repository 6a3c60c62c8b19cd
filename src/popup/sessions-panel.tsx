// The current account's sessions (issue 16): how fresh they are, each with its Revoke, and "Sign out
// N other sessions" that names the count before it acts. Every result is said in the feedback line.
import type { AccountSummary, Session } from '../shared/protocol.ts'
import { statusLabel } from '../ui/account-status.ts'
import { ConfirmAction } from '../ui/confirm-action.tsx'
import { accountLabel } from '../ui/format.ts'
import { Freshness } from '../ui/freshness.tsx'
import { t, tCount } from '../ui/i18n.ts'
import { optionsPageLink, signInAgainRoute } from '../ui/links.ts'
import type { Model } from '../ui/model.ts'
import { SessionsList, sessionTitle } from '../ui/sessions-list.tsx'
import type { Feedback } from './feedback.tsx'

export function SessionsPanel({ model, active, feedback }: { model: Model; active: AccountSummary; feedback: Feedback }) {
  const snapshot = model.activeSnapshot.value
  const account = snapshot?.account ?? null
  const accountId = active.id
  const who = active.name || accountLabel(active)
  const sessions = snapshot?.sessions
  const others = sessions?.filter((s) => s.$id !== active.sessionId).length ?? 0
  const newSessionIds = new Set(model.unseenAlerts.value.filter((a) => a.accountId === accountId).map((a) => a.sessionId))

  async function revoke(session: Session) {
    const own = session.$id === active.sessionId
    const reply = own ? await model.change(accountId, 'signOut', { accountId }) : await model.change(accountId, 'revokeSession', { accountId, sessionId: session.$id })
    if (reply.ok) feedback.say(own ? t('signedOutOfLanyard', who) : t('revokedNamed', sessionTitle(session)))
    return reply
  }

  return (
    <div class="sessions-panel">
      <Freshness model={model} snapshot={snapshot} accountId={accountId} />
      <p class="badges">
        <span class={`badge status-${active.status}`}>{statusLabel(active.status)}</span>
        {account && account.email !== '' ? (
          <span class={`badge ${account.emailVerification ? 'ok' : 'warn'}`}>{t(account.emailVerification ? 'emailVerified' : 'emailUnverified')}</span>
        ) : null}
      </p>
      {active.status === 'signedOut' ? (
        <p class="notice">
          {t('signedOutNotice')}{' '}
          <a href={optionsPageLink(signInAgainRoute(active))} target="_blank" rel="noopener">
            {t('signInAgain')}
          </a>
        </p>
      ) : null}
      {sessions && active.status === 'signedIn' ? (
        <>
          {others > 0 ? (
            <ConfirmAction
              label={t('signOutOtherSessions')}
              question={tCount('confirmSignOutOthersCount', others, accountLabel(active))}
              confirmLabel={t('signOutOthersConfirm')}
              onConfirm={async () => {
                const reply = await model.change(accountId, 'revokeOtherSessions', { accountId })
                if (reply.ok) feedback.say(tCount('signedOutOthers', reply.value.revoked))
                return reply
              }}
            />
          ) : null}
          <SessionsList
            sessions={sessions}
            thisSessionId={active.sessionId}
            newSessionIds={newSessionIds}
            ownSessionQuestion={t('confirmRevokeOwn', who)}
            onRevoke={revoke}
          />
        </>
      ) : null}
    </div>
  )
}
