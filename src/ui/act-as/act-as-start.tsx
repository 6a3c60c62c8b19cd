// "Act as a user" (issue 15) for an operator account: the button, then the picker; a pick starts
// acting in Lanyard's pages.
import { useSignal } from '@preact/signals'
import type { AccountSummary } from '../../shared/protocol.ts'
import { useAction } from '../action.ts'
import { ErrorText } from '../error-text.tsx'
import { t } from '../i18n.ts'
import type { Model } from '../model.ts'
import { UserPicker } from './user-picker.tsx'
import './act-as-start.css'

export function ActAsStart({ model, operator }: { model: Model; operator: AccountSummary }) {
  const open = useSignal(false)
  const action = useAction()
  if (!open.value) {
    return (
      <button type="button" onClick={() => (open.value = true)}>
        {t('actAsUser')}
      </button>
    )
  }
  return (
    <div class="act-as-start">
      <p class="hint">{t('actAsExplanation')}</p>
      <UserPicker
        model={model}
        accountId={operator.id}
        onPick={(user) => void action.run(() => model.request('startActingAs', { accountId: operator.id, userId: user.$id }))}
      />
      <button type="button" class="link-button" onClick={() => (open.value = false)}>
        {t('cancel')}
      </button>
      <ErrorText error={action.error} />
    </div>
  )
}
