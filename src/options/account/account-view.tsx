// One account's page: its card, then Sessions (where people land, issue 16), Security log,
// Two-factor, Connected apps and Passkeys (where the server has them), Preferences, Danger zone,
// under a sticky section navigation. The profile forms open from "Edit profile" (or the `/profile`
// address). An account whose session lacks its second factor gets the challenge form first
// (docs/appwrite/mfa.md section 1.3).
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { AccountCard } from '../../ui/account-card.tsx'
import { Freshness } from '../../ui/freshness.tsx'
import { type MessageKey, t } from '../../ui/i18n.ts'
import { featuresOf, serverVersionLabel } from '../../shared/server-features.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { ActAsOffer, ActingView } from './act-as-section.tsx'
import { ConnectedAppsSection } from './connected-apps-section.tsx'
import { DangerZone } from './danger-zone.tsx'
import { LogsSection } from './logs-section.tsx'
import { PrefsSection } from './prefs-section.tsx'
import { PasskeysSection } from './passkeys-section.tsx'
import { ProfileSection } from './profile-section.tsx'
import { SessionEndedNotice } from './session-ended-notice.tsx'
import { SessionsSection } from './sessions-section.tsx'
import { TwoFactorSection } from './two-factor-section.tsx'
import { routeHref } from '../router.ts'
import { SecondFactorForm } from '../sign-in/second-factor-form.tsx'

/** The sections in the navigation, in page order; `profile` opens behind "Edit profile". */
export const ACCOUNT_SECTIONS: [id: string, label: MessageKey][] = [
  ['sessions', 'sectionSessions'],
  ['logs', 'sectionSecurityLog'],
  ['two-factor', 'sectionTwoFactor'],
  ['prefs', 'sectionPreferences'],
  ['danger', 'sectionDangerZone'],
]

/** Sections of servers that have them (Appwrite 2.x), linked after Two-factor only where the page shows them. */
const SERVER_SECTIONS: [id: string, label: MessageKey, feature: 'consents' | 'passkeys'][] = [
  ['connected-apps', 'sectionConnectedApps', 'consents'],
  ['passkeys', 'sectionPasskeys', 'passkeys'],
]

interface Props {
  model: Model
  io: PageIO
  accountId: string
  section: string | null
}

export function AccountView({ model, io, accountId, section }: Props) {
  const editingProfile = useSignal(section === 'profile')
  useEffect(() => {
    void model.loadSnapshots([accountId]).then(() => model.refresh(accountId))
  }, [model, accountId])
  useEffect(() => {
    if (section === 'profile') editingProfile.value = true
    if (section) document.getElementById(section)?.scrollIntoView()
  }, [section])

  const summary = model.accounts.value.find((a) => a.id === accountId)
  if (!summary) return <p class="view">{t('accountNotFound')}</p>
  const snapshot = model.snapshots.value.get(accountId) ?? null
  const project = model.projectsById.value.get(summary.projectId)
  const signedIn = summary.status === 'signedIn'
  const acting = model.actingStates.value[accountId]
  if (acting) {
    return (
      <div class="view">
        <AccountCard summary={summary} project={project} account={snapshot?.account ?? null} />
        <ActingView model={model} summary={summary} state={acting} />
      </div>
    )
  }
  const features = featuresOf(project?.serverVersion)
  const offered = SERVER_SECTIONS.filter(([, , feature]) => signedIn && features[feature]).map(([id, label]): [string, MessageKey] => [id, label])
  const afterTwoFactor = ACCOUNT_SECTIONS.findIndex(([id]) => id === 'two-factor') + 1
  const sectionLinks = [...ACCOUNT_SECTIONS.slice(0, afterTwoFactor), ...offered, ...ACCOUNT_SECTIONS.slice(afterTwoFactor)]
  return (
    <div class="view">
      <Freshness model={model} snapshot={snapshot} accountId={accountId} />
      <div class="account-head">
        <AccountCard summary={summary} project={project} account={snapshot?.account ?? null} />
        {project ? (
          <button type="button" class="edit-profile" aria-expanded={editingProfile.value} aria-controls="profile" onClick={() => (editingProfile.value = !editingProfile.value)}>
            {t('editProfile')}
          </button>
        ) : null}
      </div>
      {project?.serverVersion ? <p class="muted server-version">{serverVersionLabel(project.serverVersion)}</p> : null}
      {snapshot?.account?.passwordPwned ? (
        <p class="notice" role="alert">
          {t('passwordPwned')} <a href={routeHref.account(accountId, 'profile')}>{t('changePassword')}</a>
        </p>
      ) : null}
      {summary.status === 'needsSecondFactor' ? (
        <SecondFactorForm model={model} summary={summary} purpose="signIn" onDone={() => void model.refresh(accountId)} />
      ) : summary.endedOnServer && !signedIn ? (
        <SessionEndedNotice summary={summary} project={project} />
      ) : !signedIn ? (
        <p class="notice">
          {t('signedOutNotice')} <a href={routeHref.signIn(summary.projectId, { email: summary.email })}>{t('signInAgain')}</a>
        </p>
      ) : null}
      <ActAsOffer model={model} summary={summary} snapshot={snapshot} />
      <nav aria-label={t('accountSections')} class="section-nav">
        {sectionLinks.map(([id, label]) => (
          <a key={id} href={routeHref.account(accountId, id)} aria-current={section === id ? 'location' : undefined}>
            {t(label)}
          </a>
        ))}
      </nav>
      {project && editingProfile.value ? <ProfileSection model={model} summary={summary} account={snapshot?.account ?? null} project={project} /> : null}
      <SessionsSection model={model} summary={summary} sessions={snapshot?.sessions ?? null} />
      <LogsSection model={model} io={io} summary={summary} firstPage={snapshot?.logsFirstPage ?? null} sessions={snapshot?.sessions ?? []} />
      {signedIn ? <TwoFactorSection model={model} io={io} summary={summary} account={snapshot?.account ?? null} /> : null}
      {signedIn && features.consents ? <ConnectedAppsSection model={model} summary={summary} /> : null}
      {signedIn && features.passkeys ? <PasskeysSection model={model} summary={summary} account={snapshot?.account ?? null} /> : null}
      <PrefsSection model={model} summary={summary} prefs={snapshot?.prefs ?? null} />
      <DangerZone model={model} summary={summary} />
    </div>
  )
}
