// Blocking is permanent for the user (only a project admin can undo it), so it asks the person
// to type the account's email (or user id) first.
import { useSignal } from '@preact/signals'
import type { AccountSummary } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'

export function DangerZone({ model, summary }: { model: Model; summary: AccountSummary }) {
  const typed = useSignal('')
  const action = useAction()
  const expected = summary.email || summary.userId
  const blocked = summary.status === 'blocked'
  return (
    <section id="danger" class="card danger-zone" aria-labelledby="danger-heading">
      <h2 id="danger-heading">{t('sectionDangerZone')}</h2>
      {blocked ? (
        <p role="status">{t('accountIsBlocked')}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (typed.value.trim() === expected) void action.run(() => model.request('blockAccount', { accountId: summary.id }))
          }}
        >
          <p>{t('blockExplanation')}</p>
          <TextField label={t('typeToConfirm', expected)} value={typed} />
          <div>
            <button type="submit" class="danger" disabled={typed.value.trim() !== expected || action.busy.value}>
              {t('blockAccount')}
            </button>
          </div>
          <ErrorText error={action.error} />
        </form>
      )}
    </section>
  )
}
