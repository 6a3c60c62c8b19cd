// The popup's account card, for an operator (issue 15): while acting, the banner saying as whom;
// otherwise "Act as a user" with the picker.
import type { AccountSummary } from '../shared/protocol.ts'
import { ActAsStart } from '../ui/act-as/act-as-start.tsx'
import { ActingBanner } from '../ui/act-as/acting-banner.tsx'
import { isOperator } from '../ui/act-as/acting-states.ts'
import type { Model } from '../ui/model.ts'

export function ActAsCard({ model, active }: { model: Model; active: AccountSummary }) {
  const state = model.actingStates.value[active.id]
  if (state) return <ActingBanner model={model} state={state} operator={active} />
  if (!isOperator(active, model.activeSnapshot.value)) return null
  return (
    <div class="popup-act-as">
      <ActAsStart model={model} operator={active} />
    </div>
  )
}
