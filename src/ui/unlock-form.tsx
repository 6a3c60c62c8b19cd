// What the popup and the options page show while Lanyard is locked (issue 5): only the unlock
// form. Nothing of the accounts is shown (the snapshots are hidden while locked), and the form
// appears from the page-readable lock flag, without waiting for the worker.
import { useSignal } from '@preact/signals'
import { useAction } from './action.ts'
import { ErrorText } from './error-text.tsx'
import { TextField } from './field.tsx'
import { t } from './i18n.ts'
import type { Model } from './model.ts'

export function UnlockForm({ model }: { model: Model }) {
  const passphrase = useSignal('')
  const action = useAction()
  async function unlock() {
    const reply = await action.run(() => model.request('unlock', { passphrase: passphrase.value }))
    if (!reply.ok) return
    passphrase.value = ''
    void model.refresh()
  }
  return (
    <section class="unlock" aria-labelledby="unlock-heading">
      <h1 id="unlock-heading">{t('lockedTitle')}</h1>
      <p>{t('lockedExplain')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void unlock()
        }}
      >
        <TextField label={t('passphrase')} type="password" value={passphrase} autoComplete="current-password" required />
        <button type="submit" disabled={action.busy}>
          {t('unlock')}
        </button>
      </form>
      {action.busy.value ? <p class="muted">{t('unlocking')}</p> : null}
      <ErrorText error={action.error} />
    </section>
  )
}
