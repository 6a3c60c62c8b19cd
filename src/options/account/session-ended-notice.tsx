// An account whose held session stopped working though Lanyard did not end it (`endedOnServer`): say what
// likely happened, including the project's session limit on 2.x (docs/appwrite/wire-2x.md section 6.1), and
// offer "Sign in again" as a link the person follows. Never automatic: each sign-in can push out one of
// the person's real devices.
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { featuresOf } from '../../shared/server-features.ts'
import { formatNumber } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import { routeHref } from '../router.ts'

export function SessionEndedNotice({ summary, project }: { summary: AccountSummary; project: Project | undefined }) {
  const limit = featuresOf(project?.serverVersion).sessionLimit
  return (
    <div class="notice session-ended" role="status">
      <p>
        <strong>{t('sessionEndedOnServer')}</strong>
      </p>
      <p>
        {t('sessionEndedExplained')} {limit > 0 ? t('sessionEndedLimit', formatNumber(limit)) : null}
      </p>
      <p>{t('sessionEndedNoAutoSignIn')}</p>
      <p>
        <a class="button" href={routeHref.signIn(summary.projectId)}>
          {t('signInAgain')}
        </a>
      </p>
    </div>
  )
}
