// The account page's part of "Act as a user" (issue 15): the offer for an operator account, and
// while acting, the banner and the target's read-only profile in place of the account's own sections.
import type { AccountSummary, ActingState, Snapshot } from '../../shared/protocol.ts'
import { ActAsStart } from '../../ui/act-as/act-as-start.tsx'
import { ActingBanner } from '../../ui/act-as/acting-banner.tsx'
import { ActingProfile } from '../../ui/act-as/acting-profile.tsx'
import { isOperator } from '../../ui/act-as/acting-states.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'

export function ActAsOffer({ model, summary, snapshot }: { model: Model; summary: AccountSummary; snapshot: Snapshot | null }) {
  if (!isOperator(summary, snapshot)) return null
  return (
    <section id="act-as" class="card" aria-labelledby="act-as-heading">
      <h2 id="act-as-heading">{t('actAsUser')}</h2>
      <ActAsStart model={model} operator={summary} />
    </section>
  )
}

/** Nothing that changes an account is offered here: on 2.x, DELETE /account would delete the target. */
export function ActingView({ model, summary, state }: { model: Model; summary: AccountSummary; state: ActingState }) {
  return (
    <>
      <ActingBanner model={model} state={state} operator={summary} />
      <ActingProfile state={state} />
    </>
  )
}
