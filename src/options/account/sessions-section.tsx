// Every session of the account: revoke one, sign out the others, sign out everywhere, refresh OAuth.
import type { AccountSummary, Session } from '../../shared/protocol.ts'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { accountLabel } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { SessionsList } from '../../ui/sessions-list.tsx'

export function SessionsSection({ model, summary, sessions }: { model: Model; summary: AccountSummary; sessions: Session[] | null }) {
  const accountId = summary.id
  const label = accountLabel(summary)
  return (
    <section id="sessions" class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('sectionSessions')}</h2>
      {sessions === null ? (
        <p class="muted">{t('notFetchedYet')}</p>
      ) : (
        <SessionsList
          detailed
          sessions={sessions}
          thisSessionId={summary.sessionId}
          onRevoke={(session) =>
            session.$id === summary.sessionId
              ? model.change(accountId, 'signOut', { accountId })
              : model.change(accountId, 'revokeSession', { accountId, sessionId: session.$id })
          }
          onRefresh={(session) => model.change(accountId, 'updateSession', { accountId, sessionId: session.$id })}
        />
      )}
      {summary.status === 'signedIn' ? (
        <div class="actions">
          <ConfirmAction
            label={t('signOutOtherSessions')}
            question={t('confirmSignOutOthers', label)}
            confirmLabel={t('signOutOthersConfirm')}
            onConfirm={() => model.change(accountId, 'revokeOtherSessions', { accountId })}
          />
          <ConfirmAction
            label={t('signOutEverywhere')}
            question={t('confirmSignOutEverywhere', label)}
            confirmLabel={t('signOutEverywhereConfirm')}
            onConfirm={() => model.request('revokeAllSessions', { accountId })}
          />
        </div>
      ) : null}
    </section>
  )
}
