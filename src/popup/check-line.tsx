// "Checked for new sign-ins 3 minutes ago · Check all now" (issue 16), right above the switcher:
// one click lists every account's sessions, as the periodic check does, and says what it found.
import { useAction } from '../ui/action.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { relativeTime } from '../ui/format.ts'
import { t, tCount } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { Feedback } from './feedback.tsx'

export function CheckLine({ model, feedback }: { model: Model; feedback: Feedback }) {
  const action = useAction()
  const checkedAt = model.signInCheckedAt.value

  async function checkAll() {
    const before = model.unseenAlerts.value.length
    const reply = await action.run(() => model.request('checkSignInAlerts', undefined))
    if (!reply.ok) return
    // The worker stored what it found before answering; read it now rather than wait for the watch.
    await model.loadCached()
    model.now.value = Date.now()
    void model.refresh()
    const found = model.unseenAlerts.value.length - before
    feedback.say(
      reply.value.checked === 0
        ? t('alertsCheckedNone')
        : `${tCount('alertsChecked', reply.value.checked)} ${found > 0 ? tCount('newSignInsFound', found) : t('noNewSignIns')}`,
    )
  }

  if (model.accounts.value.length === 0) return null
  return (
    <div class="check-line">
      <span class="muted">
        {action.busy.value ? t('checking') : checkedAt === null ? t('neverChecked') : t('checkedAgo', relativeTime(checkedAt, model.now.value))}
      </span>
      <button type="button" class="link-button" disabled={action.busy} onClick={() => void checkAll()}>
        {t('checkAllNow')}
      </button>
      <ErrorText error={action.error} />
    </div>
  )
}
