// The account at a glance: who, in which project on which server, and what state it is in.
import type { Account, AccountSummary, Project } from '../shared/protocol.ts'
import { accountStatusText, statusLabel } from './account-status.ts'
import { Avatar } from './avatar.tsx'
import { accountLabel, hostOf } from './format.ts'
import { t } from './i18n.ts'
import './account-card.css'

interface Props {
  summary: AccountSummary
  project: Project | undefined
  /** The last fetched account, when cached: it knows verification and blocked state. */
  account: Account | null
}

export function AccountCard({ summary, project, account }: Props) {
  const name = account?.name ?? summary.name
  const email = account?.email ?? summary.email
  const blocked = summary.status === 'blocked' || account?.status === false
  return (
    <section class="account-card" aria-label={t('activeAccount')} data-account-id={summary.id}>
      <Avatar name={name} email={email} color={summary.color} size={44} />
      <div class="account-card-text">
        <p class="account-name">{name || t('unnamedAccount')}</p>
        <p class="account-email">{accountLabel({ email, phone: account?.phone ?? summary.phone, userId: summary.userId })}</p>
        <p class="account-project">
          <span class="project-dot" style={{ background: project?.color ?? summary.color }} aria-hidden="true" />
          {project ? `${project.label} · ${hostOf(project.endpoint)}` : t('unknownProject')}
        </p>
        <p class="badges">
          <span class={`badge status-${blocked ? 'blocked' : summary.status}`}>{blocked ? statusLabel('blocked') : accountStatusText(summary)}</span>
          {account && email !== '' ? (
            <span class={`badge ${account.emailVerification ? 'ok' : 'warn'}`}>{t(account.emailVerification ? 'emailVerified' : 'emailUnverified')}</span>
          ) : null}
          {account && account.phone !== '' ? (
            <span class={`badge ${account.phoneVerification ? 'ok' : 'warn'}`}>{t(account.phoneVerification ? 'phoneVerified' : 'phoneUnverified')}</span>
          ) : null}
        </p>
      </div>
    </section>
  )
}
