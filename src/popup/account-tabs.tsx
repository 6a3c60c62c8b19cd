// Below the switcher (issue 16): the current account's Sessions, its Activity, and This tab, as tabs.
// Only the chosen panel is drawn, so the popup stays within the browser's 600 px; the panel scrolls.
import { useSignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { AccountSummary } from '../shared/protocol.ts'
import { t, type MessageKey } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { PageIO } from '../ui/page-io.ts'
import type { Feedback } from './feedback.tsx'
import { SessionsPanel } from './sessions-panel.tsx'
import type { TabAccess } from './tab-access.ts'
import { lazyComponent } from '../ui/lazy.tsx'

type TabId = 'sessions' | 'activity' | 'tab'

// Sessions open first; Activity and This tab load their code when chosen.
const RecentEvents = lazyComponent(() => import('./recent-events.tsx').then((m) => m.RecentEvents))
const TabPanel = lazyComponent(() => import('./tab-panel.tsx').then((m) => m.TabPanel))

const LABELS: Record<TabId, MessageKey> = { sessions: 'sessions', activity: 'activity', tab: 'tabHeading' }

interface Props {
  model: Model
  io: PageIO
  active: AccountSummary | null
  feedback: Feedback
  tabAccess?: TabAccess
}

export function AccountTabs({ model, io, active, feedback, tabAccess }: Props) {
  const tabs: TabId[] = [...(active ? (['sessions', 'activity'] as const) : []), ...(tabAccess ? (['tab'] as const) : [])]
  const chosen = useSignal<TabId>('sessions')
  if (tabs.length === 0) return null
  const selected = tabs.includes(chosen.value) ? chosen.value : (tabs[0] as TabId)

  function onKeyDown(event: KeyboardEvent) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const next = tabs[(tabs.indexOf(selected) + step + tabs.length) % tabs.length] as TabId
    chosen.value = next
    document.getElementById(`tab-${next}`)?.focus()
  }

  let panel: ComponentChildren = null
  if (selected === 'sessions' && active) panel = <SessionsPanel model={model} active={active} feedback={feedback} />
  else if (selected === 'activity' && active) panel = <RecentEvents model={model} io={io} active={active} />
  else if (selected === 'tab' && tabAccess) panel = <TabPanel model={model} access={tabAccess} feedback={feedback} />

  return (
    <section class="account-tabs" aria-label={t('popupTabs')}>
      <div role="tablist" class="tablist" aria-label={t('popupTabs')} onKeyDown={onKeyDown}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={id === selected}
            aria-controls={`panel-${id}`}
            tabIndex={id === selected ? 0 : -1}
            onClick={() => (chosen.value = id)}
          >
            {t(LABELS[id])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} class="tab-body" tabIndex={0}>
        {panel}
      </div>
    </section>
  )
}
