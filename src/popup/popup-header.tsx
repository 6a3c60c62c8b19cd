// The popup's first row (issue 16): who is current (avatar, name, email, project), the account
// search, Lock and Settings. The switcher follows right under it.
import { type Signal, useSignal } from '@preact/signals'
import { type RefObject } from 'preact'
import { useEffect, useLayoutEffect } from 'preact/hooks'
import type { AccountSummary } from '../shared/protocol.ts'
import { Avatar } from '../ui/avatar.tsx'
import { describeError } from '../ui/errors.ts'
import { accountLabel, hostOf } from '../ui/format.ts'
import { t } from '../ui/i18n.ts'
import { optionsPageLink } from '../ui/links.ts'
import type { Model } from '../ui/model.ts'
import type { Feedback } from './feedback.tsx'
import { GearIcon, LockIcon, SearchIcon } from './icons.tsx'

/** The bench (issue 6) measures popup paint and account switching up to this mark. */
export const CARD_PAINTED_MARK = 'lanyard:active-card-painted'

interface Props {
  model: Model
  active: AccountSummary | null
  filter: Signal<string>
  filterRef: RefObject<HTMLInputElement | null>
  feedback: Feedback
}

export function PopupHeader({ model, active, filter, filterRef, feedback }: Props) {
  return (
    <header class="popup-header">
      {active ? <CurrentAccount model={model} active={active} /> : <p class="current brand">{t('extName')}</p>}
      {model.accounts.value.length > 1 ? (
        <label class="search">
          <SearchIcon />
          <input
            ref={filterRef}
            type="search"
            class="filter"
            aria-label={t('filterAccounts')}
            placeholder={t('searchPlaceholder')}
            value={filter}
            onInput={(event) => (filter.value = event.currentTarget.value)}
          />
        </label>
      ) : null}
      <LockButton model={model} feedback={feedback} />
      <a class="icon-button" href={optionsPageLink('/')} target="_blank" rel="noopener" aria-label={t('openSettings')} title={t('openSettings')}>
        <GearIcon />
      </a>
    </header>
  )
}

function CurrentAccount({ model, active }: { model: Model; active: AccountSummary }) {
  const snapshot = model.activeSnapshot.value
  const project = model.projectsById.value.get(active.projectId)
  const name = snapshot?.account?.name ?? active.name
  const email = accountLabel({ email: snapshot?.account?.email ?? active.email, phone: active.phone, userId: active.userId })
  const where = project?.label ?? t('unknownProject')
  const whereInFull = project ? `${project.label} · ${hostOf(project.endpoint)}` : where
  // Layout effects run after the DOM holds the card and before the browser paints it.
  useLayoutEffect(() => {
    performance.mark(CARD_PAINTED_MARK)
  }, [active.id])
  return (
    <section class="current" aria-label={t('activeAccount')} data-account-id={active.id}>
      <Avatar name={name} email={email} color={active.color} size={36} />
      <span class="current-text">
        <span class="current-name" title={name || email}>
          {name || email}
        </span>
        {name ? (
          <span class="current-email" title={email}>
            {email}
          </span>
        ) : null}
        <span class="current-project" title={whereInFull}>
          <span class="project-dot" style={{ background: project?.color ?? active.color }} aria-hidden="true" />
          {where}
        </span>
      </span>
    </section>
  )
}

/** Locks at once when a passphrase is set; otherwise leads to where one is set. */
function LockButton({ model, feedback }: { model: Model; feedback: Feedback }) {
  const passphraseSet = useSignal<boolean | null>(null)
  const busy = useSignal(false)
  useEffect(() => {
    let current = true
    void model.request('getLockStatus', undefined).then((reply) => {
      if (current && reply.ok) passphraseSet.value = reply.value.passphraseSet
    })
    return () => {
      current = false
    }
  }, [model])
  if (passphraseSet.value === null) return null
  if (!passphraseSet.value) {
    return (
      <a class="icon-button" href={optionsPageLink('/lock')} target="_blank" rel="noopener" aria-label={t('setPassphraseToLock')} title={t('setPassphraseToLock')}>
        <LockIcon />
      </a>
    )
  }
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={t('lockNow')}
      title={t('lockNow')}
      disabled={busy}
      onClick={async () => {
        busy.value = true
        const reply = await model.request('lock', undefined)
        busy.value = false
        feedback.say(reply.ok ? t('locked') : describeError(reply.error))
      }}
    >
      <LockIcon />
    </button>
  )
}
