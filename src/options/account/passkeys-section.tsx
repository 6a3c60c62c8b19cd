// Passkeys (Appwrite 2.4+): list, rename and remove the account's passkeys. Removing one needs a recent
// sign-in or second factor (docs/appwrite/wire-2x.md section 6.5): Lanyard says so and offers both. It
// never creates a passkey: the relying party is the user's app's domain, so one made here could not
// sign in to that app (section 6.7); the intro says this instead of offering a button that cannot work.
import { useSignal } from '@preact/signals'
import type { Account, AccountSummary, Passkey, Reply } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { dateTime } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { useFetched } from '../../ui/use-fetched.ts'
import { routeHref } from '../router.ts'
import { SecondFactorForm } from '../sign-in/second-factor-form.tsx'

interface Props {
  model: Model
  summary: AccountSummary
  /** Whether MFA is on decides whether passing a second factor is offered. */
  account: Account | null
}

const nameOf = (passkey: Passkey): string => passkey.name || t('passkeyUnnamed')

export function PasskeysSection({ model, summary, account }: Props) {
  const { value: passkeys, loading, reload: load } = useFetched(() => model.request('listPasskeys', { accountId: summary.id }), [model, summary.id])
  const done = useSignal<string | null>(null)
  /** The delete the server refused for want of a recent sign-in, to run again after a second factor. */
  const refused = useSignal<Passkey | null>(null)
  const challenging = useSignal(false)

  async function remove(passkey: Passkey): Promise<Reply<unknown>> {
    const reply = await model.request('deletePasskey', { accountId: summary.id, passkeyId: passkey.$id })
    if (reply.ok) {
      refused.value = null
      done.value = t('passkeyDeleted', nameOf(passkey))
      await load()
    } else if (reply.error.type === 'lanyard_recent_sign_in_required') {
      // Said once, in the notice that offers the way out, rather than also under the button.
      done.value = null
      refused.value = passkey
      return { ok: true, value: undefined }
    }
    return reply
  }

  const list = passkeys.value?.passkeys ?? null
  const waiting = refused.value
  return (
    <section id="passkeys" class="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t('sectionPasskeys')}</h2>
      <p class="muted">{t('passkeysIntro')}</p>
      {done.value === null ? null : <p role="status">{done.value}</p>}
      {waiting ? (
        <div class="notice recent-sign-in">
          <p>{t('recentSignInNeeded')}</p>
          <p class="actions">
            <a class="button" href={routeHref.signIn(summary.projectId)}>
              {t('signInAgain')}
            </a>
            {account?.mfa && !challenging.value ? (
              <button type="button" onClick={() => (challenging.value = true)}>
                {t('passSecondFactor')}
              </button>
            ) : null}
          </p>
          {challenging.value ? (
            <SecondFactorForm
              model={model}
              summary={summary}
              purpose="recent"
              onDone={() => {
                challenging.value = false
                void remove(waiting)
              }}
            />
          ) : null}
        </div>
      ) : null}
      <ErrorText error={loading.error} />
      {list !== null && list.length === 0 ? <p>{t('passkeysNone')}</p> : null}
      {list !== null && list.length > 0 ? (
        <ul class="grants" aria-label={t('sectionPasskeys')}>
          {list.map((passkey) => (
            <PasskeyItem
              key={passkey.$id}
              model={model}
              summary={summary}
              passkey={passkey}
              onRenamed={async (name) => {
                done.value = t('passkeyRenamed', name)
                await load()
              }}
              onRemove={() => remove(passkey)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

interface ItemProps {
  model: Model
  summary: AccountSummary
  passkey: Passkey
  onRenamed(name: string): Promise<void>
  onRemove(): Promise<Reply<unknown>>
}

function PasskeyItem({ model, summary, passkey, onRenamed, onRemove }: ItemProps) {
  const renaming = useSignal(false)
  const name = useSignal(passkey.name)
  const action = useAction()
  const label = nameOf(passkey)
  async function rename(event: Event) {
    event.preventDefault()
    const wanted = name.value.trim()
    const reply = await action.run(() => model.request('renamePasskey', { accountId: summary.id, passkeyId: passkey.$id, name: wanted }))
    if (!reply.ok) return
    renaming.value = false
    await onRenamed(wanted)
  }
  return (
    <li class="grant" aria-label={label}>
      <p>
        <strong>{label}</strong>{' '}
        <span class="muted">
          {t('passkeyAdded', dateTime(passkey.$createdAt))} · {passkey.accessedAt ? t('passkeyLastUsed', dateTime(passkey.accessedAt)) : t('passkeyNeverUsed')}
        </span>
      </p>
      {renaming.value ? (
        <form class="inline-form" aria-label={t('renamePasskeyNamed', label)} onSubmit={rename}>
          <TextField label={t('passkeyName')} value={name} required />
          <div class="actions">
            <button type="submit" class="primary" disabled={action.busy}>
              {t('save')}
            </button>
            <button type="button" onClick={() => (renaming.value = false)}>
              {t('cancel')}
            </button>
          </div>
          <ErrorText error={action.error} />
        </form>
      ) : null}
      <div class="actions">
        {renaming.value ? null : (
          <button type="button" aria-label={t('renamePasskeyNamed', label)} onClick={() => (renaming.value = true)}>
            {t('renamePasskey')}
          </button>
        )}
        <ConfirmAction label={t('deletePasskey')} question={t('deletePasskeyQuestion', label)} confirmLabel={t('deletePasskey')} onConfirm={onRemove} />
      </div>
    </li>
  )
}
