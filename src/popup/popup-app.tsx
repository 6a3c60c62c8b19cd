// The toolbar popup, switcher first (issue 16): a header with the current account, search, Lock and
// Settings; unseen sign-ins as one red line that opens to cards; when the accounts were last checked;
// every account; then the current account's Sessions, Activity and This tab. A polite live region at
// the foot says how each action went. Fits the browser's 600 px: the long parts scroll inside.
import { useSignal } from '@preact/signals'
import { useRef } from 'preact/hooks'
import { t } from '../ui/i18n.ts'
import { optionsPageLink } from '../ui/links.ts'
import type { Model } from '../ui/model.ts'
import type { PageIO } from '../ui/page-io.ts'
import { lazyComponent } from '../ui/lazy.tsx'
import { AccountSwitcher } from './account-switcher.tsx'
import { AccountTabs } from './account-tabs.tsx'
import { AlertsPanel } from './alerts-panel.tsx'
import { CheckLine } from './check-line.tsx'
import { FeedbackLine, useFeedback } from './feedback.tsx'
import { PopupHeader } from './popup-header.tsx'
import { Shortcuts, type ShortcutAccess } from './shortcuts.tsx'
import type { TabAccess } from './tab-access.ts'

export { CARD_PAINTED_MARK } from './popup-header.tsx'

// Drawn only when locked, or for an account that may act as a user: their code loads then.
const UnlockForm = lazyComponent(() => import('../ui/unlock-form.tsx').then((m) => m.UnlockForm))
const ActAsCard = lazyComponent(() => import('./act-as-card.tsx').then((m) => m.ActAsCard))

interface Props {
  model: Model
  /** Storage reads beyond the model's: the Activity tab's timeline. */
  io: PageIO
  /** "This tab" (issue 7) for the tab the popup was opened on. */
  tabAccess?: TabAccess
  /** The keyboard shortcuts as the browser assigned them. */
  shortcuts?: ShortcutAccess
}

export function PopupApp({ model, io, tabAccess, shortcuts }: Props) {
  const filter = useSignal('')
  const filterRef = useRef<HTMLInputElement>(null)
  const feedback = useFeedback()
  if (!model.loaded.value) return null
  if (model.locked.value) {
    return (
      <main class="popup popup-locked">
        <UnlockForm model={model} onReset={feedback.say} />
      </main>
    )
  }
  const active = model.activeAccount.value
  const hasAccounts = model.accounts.value.length > 0
  return (
    <main class="popup">
      <PopupHeader model={model} active={active} filter={filter} filterRef={filterRef} feedback={feedback} />
      {active ? <ActAsCard model={model} active={active} /> : null}
      <AlertsPanel model={model} feedback={feedback} />
      <CheckLine model={model} feedback={feedback} />
      {active ? null : <NoActiveAccount hasAccounts={hasAccounts} />}
      <AccountSwitcher model={model} filter={filter} filterRef={filterRef} feedback={feedback} />
      {shortcuts && hasAccounts ? <Shortcuts access={shortcuts} /> : null}
      <AccountTabs model={model} io={io} active={active} feedback={feedback} tabAccess={tabAccess} />
      <FeedbackLine feedback={feedback} />
    </main>
  )
}

function NoActiveAccount({ hasAccounts }: { hasAccounts: boolean }) {
  return (
    <section class="empty">
      <p>{t(hasAccounts ? 'chooseAccount' : 'noAccountsYet')}</p>
      {hasAccounts ? null : (
        <a class="button primary" href={optionsPageLink('/')} target="_blank" rel="noopener">
          {t('addProjectAndSignIn')}
        </a>
      )}
    </section>
  )
}
