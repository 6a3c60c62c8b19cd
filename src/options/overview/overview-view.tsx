// All accounts at once: sessions, unseen sign-in alerts, last sign-in, verification warnings, and one
// action that signs out every other session of every account (the worker runs it in parallel).
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { AccountSummary, PerAccountResult, Snapshot } from '../../shared/protocol.ts'
import { accountStatusText } from '../../ui/account-status.ts'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { describeError } from '../../ui/errors.ts'
import { accountLabel, dateTime } from '../../ui/format.ts'
import { t, tCount } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { routeHref } from '../router.ts'
import { PendingSignOuts } from './pending-sign-outs.tsx'
import { storedSize } from './stored-size.ts'

/** The newest session's start: when someone last signed in to this account. */
function lastSignIn(snapshot: Snapshot | undefined): string | null {
  const created = snapshot?.sessions?.map((s) => s.$createdAt).sort() ?? []
  return created.at(-1) ?? null
}

function warnings(summary: AccountSummary, snapshot: Snapshot | undefined): string[] {
  const account = snapshot?.account
  if (!account) return []
  const list: string[] = []
  if (account.email && !account.emailVerification) list.push(t('emailUnverified'))
  if (account.phone && !account.phoneVerification) list.push(t('phoneUnverified'))
  if (account.passwordPwned) list.push(t('passwordPwned'))
  if (!account.mfa) list.push(t('mfaOff'))
  if (summary.status !== 'signedIn') list.push(accountStatusText(summary))
  return list
}

export function OverviewView({ model }: { model: Model }) {
  const results = useSignal<PerAccountResult[] | null>(null)
  useEffect(() => {
    void model.loadSnapshots(model.accounts.value.map((a) => a.id))
  }, [model, model.accounts.value])
  const accounts = model.accounts.value
  const byId = new Map(accounts.map((a) => [a.id, a]))
  return (
    <div class="view">
      <h1>{t('navOverview')}</h1>
      <PendingSignOuts model={model} />
      {accounts.length === 0 ? (
        <p class="muted">{t('noAccountsYet')}</p>
      ) : (
        <table class="overview">
          <thead>
            <tr>
              {[t('columnAccount'), t('columnProject'), t('columnStatus'), t('columnSessions'), t('columnAlerts'), t('columnLastSignIn'), t('columnStored'), t('columnWarnings')].map((heading) => (
                <th scope="col" key={heading}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {accounts.map((summary) => {
              const snapshot = model.snapshots.value.get(summary.id)
              const last = lastSignIn(snapshot)
              const alerts = model.unseenAlerts.value.filter((alert) => alert.accountId === summary.id).length
              return (
                <tr key={summary.id}>
                  <th scope="row">
                    <a href={routeHref.account(summary.id)}>{accountLabel(summary)}</a>
                  </th>
                  <td>{model.projectsById.value.get(summary.projectId)?.label ?? t('unknownProject')}</td>
                  <td class="nowrap">{accountStatusText(summary)}</td>
                  <td class="nowrap">{snapshot?.sessions ? String(snapshot.sessions.length) : '–'}</td>
                  <td class="nowrap">
                    {alerts > 0 ? (
                      <a class="badge bad" href={routeHref.account(summary.id, 'logs')}>
                        {tCount('newSignInCount', alerts)}
                      </a>
                    ) : (
                      <span class="muted">{t('noAlerts')}</span>
                    )}
                  </td>
                  <td>{last ? dateTime(last) : '–'}</td>
                  <td class="nowrap">{storedSize(snapshot)}</td>
                  <td>
                    {/* The badges wrap inside the cell; a flex cell would leave the table's row lines. */}
                    <span class="badges">
                      {warnings(summary, snapshot).map((warning) => (
                        <span key={warning} class="badge warn">
                          {warning}
                        </span>
                      ))}
                    </span>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {accounts.some((a) => a.status === 'signedIn') ? (
        <ConfirmAction
          label={t('signOutOthersEverywhere')}
          question={t('confirmSignOutOthersEverywhere', String(accounts.filter((a) => a.status === 'signedIn').length))}
          confirmLabel={t('signOutOthersConfirm')}
          onConfirm={async () => {
            const reply = await model.request('revokeOtherSessionsEverywhere', undefined)
            if (reply.ok) results.value = reply.value
            return reply
          }}
        />
      ) : null}
      {results.value ? (
        <ul role="status" class="results" aria-label={t('results')}>
          {results.value.map((result) => {
            const summary = byId.get(result.accountId)
            const name = summary ? accountLabel(summary) : result.accountId
            return (
              <li key={result.accountId}>
                {result.ok ? tCount('revokedCount', result.revoked, name) : t('revokeFailed', name, result.error ? describeError(result.error) : '')}
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}
