// While an operator acts as someone (issue 15): who, through whom, and the way out. Shown on the
// account's page and on the popup's account card.
import type { AccountSummary, ActingState } from '../../shared/protocol.ts'
import { userLabel } from '../../shared/user-label.ts'
import { useAction } from '../action.ts'
import { ErrorText } from '../error-text.tsx'
import { accountLabel } from '../format.ts'
import { t } from '../i18n.ts'
import type { Model } from '../model.ts'
import './acting-banner.css'

export function ActingBanner({ model, state, operator }: { model: Model; state: ActingState; operator: AccountSummary }) {
  const action = useAction()
  return (
    <section class="acting-banner" role="region" aria-label={t('actingAs', userLabel(state.target))}>
      <p class="acting-title">{t('actingAs', userLabel(state.target))}</p>
      <p class="acting-operator">{t('actingOperator', accountLabel(operator))}</p>
      <button type="button" class="primary" disabled={action.busy.value} onClick={() => void action.run(() => model.request('stopActingAs', { accountId: operator.id }))}>
        {t('stopActing')}
      </button>
      <ErrorText error={action.error} />
    </section>
  )
}
