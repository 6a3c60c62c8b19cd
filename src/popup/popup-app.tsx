// The toolbar popup: the active account first (painted from cache), then the switcher, the
// account's sessions and its latest security events.
import { useLayoutEffect } from 'preact/hooks'
import type { AccountSummary } from '../shared/protocol.ts'
import { AccountCard } from '../ui/account-card.tsx'
import { ConfirmAction } from '../ui/confirm-action.tsx'
import { accountLabel } from '../ui/format.ts'
import { Freshness } from '../ui/freshness.tsx'
import { t } from '../ui/i18n.ts'
import { optionsPageLink } from '../ui/links.ts'
import type { Model } from '../ui/model.ts'
import { SessionsList } from '../ui/sessions-list.tsx'
import { UnlockForm } from '../ui/unlock-form.tsx'
import { AccountSwitcher } from './account-switcher.tsx'
import { ActAsCard } from './act-as-card.tsx'
import { RecentEvents } from './recent-events.tsx'
import { LockNowButton, UnseenAlerts } from './lock-bar.tsx'
import type { TabAccess } from './tab-access.ts'
import { TabPanel } from './tab-panel.tsx'

/** The bench (issue 6) measures popup paint and account switching up to this mark. */
export const CARD_PAINTED_MARK = 'lanyard:active-card-painted'

/** `tabAccess` adds "Use in this tab" (issue 7) for the tab the popup was opened on. */
export function PopupApp({ model, tabAccess }: { model: Model; tabAccess?: TabAccess }) {
  if (!model.loaded.value) return null
  if (model.locked.value) {
    return (
      <main class="popup">
        <UnlockForm model={model} />
      </main>
    )
  }
  const active = model.activeAccount.value
  return (
    <main class="popup">
      <UnseenAlerts model={model} />
      {active ? <ActiveAccount model={model} active={active} /> : <NoActiveAccount hasAccounts={model.accounts.value.length > 0} />}
      <AccountSwitcher model={model} />
      {tabAccess ? <TabPanel model={model} access={tabAccess} /> : null}
      {active ? <ActiveSessions model={model} active={active} /> : null}
      {active ? <RecentEvents model={model} active={active} /> : null}
      <footer class="popup-footer">
        <a href={optionsPageLink('/')} target="_blank" rel="noopener">
          {t('openSettings')}
        </a>
        <LockNowButton model={model} />
      </footer>
    </main>
  )
}

function ActiveAccount({ model, active }: { model: Model; active: AccountSummary }) {
  const snapshot = model.activeSnapshot.value
  // Layout effects run after the DOM holds the card and before the browser paints it.
  useLayoutEffect(() => {
    performance.mark(CARD_PAINTED_MARK)
  }, [active.id])
  return (
    <>
      <Freshness model={model} snapshot={snapshot} accountId={active.id} />
      <AccountCard summary={active} project={model.projectsById.value.get(active.projectId)} account={snapshot?.account ?? null} />
      <ActAsCard model={model} active={active} />
      {active.status === 'signedOut' ? (
        <p class="notice">
          {t('signedOutNotice')}{' '}
          <a href={optionsPageLink(`/sign-in/${encodeURIComponent(active.projectId)}`)} target="_blank" rel="noopener">
            {t('signInAgain')}
          </a>
        </p>
      ) : null}
    </>
  )
}

function NoActiveAccount({ hasAccounts }: { hasAccounts: boolean }) {
  return (
    <section class="empty">
      <p>{t(hasAccounts ? 'chooseAccount' : 'noAccountsYet')}</p>
      {hasAccounts ? null : (
        <a class="button" href={optionsPageLink('/')} target="_blank" rel="noopener">
          {t('addProjectAndSignIn')}
        </a>
      )}
    </section>
  )
}

function ActiveSessions({ model, active }: { model: Model; active: AccountSummary }) {
  const sessions = model.activeSnapshot.value?.sessions
  if (!sessions || active.status !== 'signedIn') return null
  const accountId = active.id
  return (
    <section class="popup-sessions" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('sessions')}</h2>
      <SessionsList
        sessions={sessions}
        thisSessionId={active.sessionId}
        onRevoke={(session) =>
          session.$id === active.sessionId
            ? model.change(accountId, 'signOut', { accountId })
            : model.change(accountId, 'revokeSession', { accountId, sessionId: session.$id })
        }
      />
      {sessions.some((s) => s.$id !== active.sessionId) ? (
        <ConfirmAction
          label={t('signOutOtherSessions')}
          question={t('confirmSignOutOthers', accountLabel(active))}
          confirmLabel={t('signOutOthersConfirm')}
          onConfirm={() => model.change(accountId, 'revokeOtherSessions', { accountId })}
        />
      ) : null}
    </section>
  )
}
