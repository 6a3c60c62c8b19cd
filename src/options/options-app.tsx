// The options page shell: navigation and the routed view.
import { t, type MessageKey } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { PageIO } from '../ui/page-io.ts'
import { UnlockForm } from '../ui/unlock-form.tsx'
import { AccountView } from './account/account-view.tsx'
import { BackupView } from './backup/backup-view.tsx'
import { LockView } from './lock/lock-view.tsx'
import { PassphraseOffer } from './lock/passphrase-offer.tsx'
import { OverviewView } from './overview/overview-view.tsx'
import { ProjectsView } from './projects/projects-view.tsx'
import { type Route, type Router, routeHref } from './router.ts'
import { SignInView } from './sign-in/sign-in-view.tsx'

/** The main navigation: each entry's route, and the view it marks as the current page. */
const NAV: [href: string, view: Route['view'], label: MessageKey][] = [
  [routeHref.projects, 'projects', 'projectsAndAccounts'],
  [routeHref.overview, 'overview', 'allAccounts'],
  [routeHref.lock, 'lock', 'lockAndAlertsTitle'],
  [routeHref.backup, 'backup', 'backupTitle'],
]

export function OptionsApp({ model, io, router }: { model: Model; io: PageIO; router: Router }) {
  if (!model.loaded.value) return null
  const route = router.route.value
  return (
    <>
      <header class="options-header">
        <p class="brand">{t('extName')}</p>
        <nav aria-label={t('mainNavigation')}>
          {NAV.map(([href, view, label]) => (
            <a key={view} href={href} aria-current={route.view === view ? 'page' : undefined}>
              {t(label)}
            </a>
          ))}
        </nav>
      </header>
      <main class="options-main">
        {model.locked.value ? (
          <UnlockForm model={model} />
        ) : (
          <>
            <PassphraseOffer model={model} io={io} />
            {route.view === 'lock' ? <LockView model={model} /> : null}
            {route.view === 'backup' ? <BackupView model={model} io={io} /> : null}
            {route.view === 'projects' ? <ProjectsView model={model} io={io} router={router} /> : null}
            {route.view === 'overview' ? <OverviewView model={model} /> : null}
            {route.view === 'sign-in' ? <SignInView key={route.projectId} model={model} io={io} router={router} projectId={route.projectId} /> : null}
            {route.view === 'account' ? <AccountView key={route.accountId} model={model} io={io} accountId={route.accountId} section={route.section} /> : null}
          </>
        )}
      </main>
    </>
  )
}
