// Unseen sign-ins (issue 16): a red summary line that does not push the switcher away, opening to
// the alert cards (alert-cards.tsx), whose code loads when the line is first opened.
import { useSignal } from '@preact/signals'
import { tCount } from '../ui/i18n.ts'
import { lazyComponent } from '../ui/lazy.tsx'
import type { Model } from '../ui/model.ts'
import type { Feedback } from './feedback.tsx'

const AlertCards = lazyComponent(() => import('./alert-cards.tsx').then((m) => m.AlertCards))

export function AlertsPanel({ model, feedback }: { model: Model; feedback: Feedback }) {
  const open = useSignal(false)
  const alerts = model.unseenAlerts.value
  if (alerts.length === 0) return null
  return (
    <section class="alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading" class="alerts-head">
        <button type="button" class="alerts-toggle" aria-expanded={open.value} aria-controls="alert-cards" onClick={() => (open.value = !open.value)}>
          <span aria-hidden="true" class="alerts-dot" />
          {tCount('alertsSummary', alerts.length)}
          <span class="chevron" aria-hidden="true">
            {open.value ? '▴' : '▾'}
          </span>
        </button>
      </h2>
      {open.value ? (
        <AlertCards model={model} feedback={feedback} alerts={alerts} />
      ) : null}
    </section>
  )
}

