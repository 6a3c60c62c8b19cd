// Sign-outs still pending for removed accounts (issue 17 item 7): their sessions may still be valid
// on the server, so the overview says so and how many, and lets the person give up on one only
// explicitly, after a confirmation.
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'

export function PendingSignOuts({ model }: { model: Model }) {
  const pending = model.signOutsPending.value
  if (pending.length === 0) return null
  return (
    <section class="pending-sign-outs" aria-labelledby="pending-sign-outs-title">
      <h2 id="pending-sign-outs-title">{t('signOutsPendingTitle', String(pending.length))}</h2>
      <p class="muted">{t('signOutsPendingHint')}</p>
      <ul>
        {pending.map((entry) => (
          <li key={entry.accountId}>
            {/* The try count, not the server's words: those are never shown raw. */}
            <p>{t('pendingSignOutOf', entry.label, entry.projectLabel, String(entry.attempts))}</p>
            <ConfirmAction
              label={t('forgetWithoutSignOut')}
              question={t('confirmForgetWithoutSignOut', entry.label)}
              confirmLabel={t('forgetWithoutSignOut')}
              onConfirm={() => model.request('forgetPendingSignOut', { accountId: entry.accountId })}
            />
          </li>
        ))}
      </ul>
    </section>
  )
}
