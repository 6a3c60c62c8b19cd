// "Use in this tab as <user>" (issue 15): an operator account of the tab's project acts as a user in
// this tab only, through the per-tab rule of "Use in this tab" (mode `tab`) that also names the
// target. The rule's permissions are asked for in the click itself (a user gesture).
import { useSignal } from '@preact/signals'
import type { AccountSummary, TabIdentityView, UserSummary } from '../shared/protocol.ts'
import { tabIdentityPermissions } from '../shared/tab-permissions.ts'
import { useAction } from '../ui/action.ts'
import { isOperator } from '../ui/act-as/acting-states.ts'
import { pickerLabel, UserPicker } from '../ui/act-as/user-picker.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { accountLabel } from '../ui/format.ts'
import { t } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { TabAccess } from './tab-access.ts'

interface Props {
  model: Model
  access: TabAccess
  view: TabIdentityView & { appOrigin: string }
  onDone(): void
}

/** Signed-in operators, those of the tab's project first. */
function operators(model: Model, view: TabIdentityView): AccountSummary[] {
  const list = model.accounts.value.filter((a) => isOperator(a, model.snapshots.value.get(a.id)))
  const fits = new Set(view.fittingAccountIds)
  return [...list.filter((a) => fits.has(a.id)), ...list.filter((a) => !fits.has(a.id))]
}

export function ActAsInTab({ model, access, view, onDone }: Props) {
  const chosen = useSignal('')
  const target = useSignal<UserSummary | null>(null)
  const action = useAction()
  const list = operators(model, view)
  const operator = list.find((a) => a.id === chosen.value) ?? list[0]
  if (!operator) return null
  const project = model.projectsById.value.get(operator.projectId)
  const appOrigin = view.appOrigin

  async function use(user: UserSummary) {
    if (!operator || !project) return
    // First thing in the click: the user gesture is still there.
    if (!(await access.requestPermissions(tabIdentityPermissions('tab', appOrigin, project.endpoint)))) {
      action.error.value = { type: 'lanyard_tab_permissions_refused', code: 403, message: t('tabPermissionsRefused') }
      return
    }
    const reply = await action.run(() => model.request('useInTabAs', { tabId: view.tabId, accountId: operator.id, userId: user.$id, appOrigin }))
    if (reply.ok) onDone()
  }

  return (
    <section class="tab-act-as" aria-labelledby="tab-act-as-heading">
      <h3 id="tab-act-as-heading">{t('tabActAsHeading')}</h3>
      {list.length > 1 ? (
        <label>
          {t('tabActAsOperator')}
          <select
            value={operator.id}
            onChange={(e) => {
              chosen.value = e.currentTarget.value
              target.value = null
            }}
          >
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {accountLabel(a)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p class="hint">{t('actingOperator', accountLabel(operator))}</p>
      )}
      <UserPicker key={operator.id} model={model} accountId={operator.id} pickedId={target.value?.$id} onPick={(user) => (target.value = user)} />
      <p class="hint">{t('tabActAsHint')}</p>
      {target.value ? (
        <button type="button" class="primary" disabled={action.busy.value} onClick={() => target.value && void use(target.value)}>
          {t('useInTabAs', pickerLabel(target.value))}
        </button>
      ) : null}
      <ErrorText error={action.error} />
    </section>
  )
}
