// The options page shell: navigation and the routed view.
import { t, type MessageKey } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { PageIO } from '../ui/page-io.ts'
import { UnlockForm } from '../ui/unlock-form.tsx'
import type { JSX } from 'preact'
import { AccountView } from './account/account-view.tsx'
import { BackupView } from './backup/backup-view.tsx'
import { LockView } from './lock/lock-view.tsx'
import { AccountsIcon, BackupIcon, LockIcon, OverviewIcon } from './nav-icons.tsx'
import { OverviewView } from './overview/overview-view.tsx'
import { ProjectsView } from './projects/projects-view.tsx'
import { type Route, type Router, routeHref } from './router.ts'
import { SignInView } from './sign-in/sign-in-view.tsx'

/** The main navigation: each entry's route, the views it marks as the current page, its name and icon. */
const NAV: [href: string, views: Route['view'][], label: MessageKey, icon: () => JSX.Element][] = [
  [routeHref.projects, ['projects', 'sign-in', 'account'], 'accounts', AccountsIcon],
  [routeHref.overview, ['overview'], 'navOverview', OverviewIcon],
  [routeHref.lock, ['lock'], 'lockAndAlertsTitle', LockIcon],
  [routeHref.backup, ['backup'], 'backupTitle', BackupIcon],
]

export function OptionsApp({ model, io, router }: { model: Model; io: PageIO; router: Router }) {
  if (!model.loaded.value) return null
  const route = router.route.value
  return (
    <>
      <header class="options-header">
        <p class="brand">{t('extName')}</p>
        <nav aria-label={t('mainNavigation')}>
          {NAV.map(([href, views, label, NavIcon]) => (
            <a key={href} href={href} aria-current={views.includes(route.view) ? 'page' : undefined}>
              <NavIcon />
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
            {route.view === 'lock' ? <LockView model={model} /> : null}
            {route.view === 'backup' ? <BackupView model={model} io={io} /> : null}
            {route.view === 'projects' ? <ProjectsView model={model} io={io} router={router} /> : null}
            {route.view === 'overview' ? <OverviewView model={model} /> : null}
            {route.view === 'sign-in' ? <SignInView key={`${route.projectId}/${route.form}`} model={model} io={io} router={router} projectId={route.projectId} form={route.form} email={route.email} /> : null}
            {route.view === 'account' ? <AccountView key={route.accountId} model={model} io={io} accountId={route.accountId} section={route.section} /> : null}
          </>
        )}
      </main>
    </>
  )
}
