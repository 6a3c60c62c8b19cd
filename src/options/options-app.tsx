// The options page shell: navigation and the routed view.
import { t } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import { UnlockForm } from '../ui/unlock-form.tsx'
import type { PageIO } from '../ui/page-io.ts'
import { AccountView } from './account/account-view.tsx'
import { OverviewView } from './overview/overview-view.tsx'
import { PassphraseOffer } from './lock/passphrase-offer.tsx'
import { ProjectsView } from './projects/projects-view.tsx'
import { type Router, routeHref } from './router.ts'
import { SecurityView } from './lock/lock-view.tsx'
import { SignInView } from './sign-in/sign-in-view.tsx'

export function OptionsApp({ model, io, router }: { model: Model; io: PageIO; router: Router }) {
  if (!model.loaded.value) return null
  const route = router.route.value
  return (
    <>
      <header class="options-header">
        <p class="brand">{t('extName')}</p>
        <nav aria-label={t('mainNavigation')}>
          <a href={routeHref.projects} aria-current={route.view === 'projects' ? 'page' : undefined}>
            {t('projectsAndAccounts')}
          </a>
          <a href={routeHref.overview} aria-current={route.view === 'overview' ? 'page' : undefined}>
            {t('allAccounts')}
          </a>
          <a href={routeHref.security} aria-current={route.view === 'security' ? 'page' : undefined}>
            {t('securityTitle')}
          </a>
        </nav>
      </header>
      <main class="options-main">
        {model.locked.value ? (
          <UnlockForm model={model} />
        ) : (
          <>
            <PassphraseOffer model={model} io={io} />
            {route.view === 'security' ? <SecurityView model={model} io={io} /> : null}
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
