// "Use in this tab" (issue 7): for the tab the popup was opened on, lend one of the held accounts
// to the app in it, or put back what it had. It leads with who the app is signed in as and whom to
// use instead (issue 16); the modes are explained behind "How it works". The optional permissions are
// requested in the click itself (browsers grant only on a user gesture), after the reasons are on
// screen, and the reasons go once they are granted.
import { useComputed, useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { PermissionSet } from '../shared/tab-permissions.ts'
import type { AccountSummary, Project, TabIdentityMode, TabIdentityView } from '../shared/protocol.ts'
import { isLoopbackOrigin, tabIdentityPermissions } from '../shared/tab-permissions.ts'
import { useAction } from '../ui/action.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { accountLabel } from '../ui/format.ts'
import { t, type MessageKey } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { Feedback } from './feedback.tsx'
import type { TabAccess } from './tab-access.ts'
import { ActAsInTab } from './act-as-tab.tsx'
import { userLabel } from '../shared/user-label.ts'
import './tab-panel.css'

const MODES: { mode: TabIdentityMode; label: MessageKey; hint: MessageKey }[] = [
  { mode: 'fallback', label: 'tabModeFallback', hint: 'tabModeFallbackHint' },
  { mode: 'cookie', label: 'tabModeCookie', hint: 'tabModeCookieHint' },
  { mode: 'tab', label: 'tabModeTab', hint: 'tabModeTabHint' },
]

/** Signed-in accounts, the ones whose project the page uses first. */
function candidates(accounts: AccountSummary[], view: TabIdentityView): AccountSummary[] {
  const signedIn = accounts.filter((a) => a.status === 'signedIn')
  const fits = new Set(view.fittingAccountIds)
  return [...signedIn.filter((a) => fits.has(a.id)), ...signedIn.filter((a) => !fits.has(a.id))]
}

function preferredAccount(list: AccountSummary[], view: TabIdentityView, activeId: string | null): string {
  const fits = new Set(view.fittingAccountIds)
  const active = list.find((a) => a.id === activeId)
  return (active && (fits.size === 0 || fits.has(active.id)) ? active : list[0])?.id ?? ''
}

/** A held account's label when Lanyard holds the page's user, else the bare user id. */
function pageUserLabel(accounts: AccountSummary[], user: TabIdentityView['pageUsers'][number]): string {
  const held = accounts.find((a) => a.projectId === user.projectId && a.userId === user.userId)
  return held ? accountLabel(held) : user.userId
}

export function TabPanel({ model, access, feedback }: { model: Model; access: TabAccess; feedback?: Feedback }) {
  const tabId = useSignal<number | null>(null)
  const view = useSignal<TabIdentityView | null>(null)
  const chosen = useSignal('')
  const mode = useSignal<TabIdentityMode>('fallback')
  const acknowledged = useSignal(false)
  /** Whether the browser already granted what the chosen mode needs: then the reasons are not shown. */
  const granted = useSignal<boolean | null>(null)
  const waitingForPrompt = useSignal(false)
  /** Whom the app was signed in as before Lanyard lent it an account, while this popup knows it. */
  const replaced = useSignal<string | null>(null)
  const action = useAction()

  async function load(id: number) {
    const reply = await model.request('getTabIdentity', { tabId: id })
    if (!reply.ok) return
    view.value = reply.value
    if (chosen.value === '') chosen.value = preferredAccount(candidates(model.accounts.value, reply.value), reply.value, model.activeAccountId.value)
  }

  useEffect(() => {
    void access.currentTabId().then((id) => {
      tabId.value = id
      if (id !== null) void load(id)
    })
  }, [])

  const current = view.value
  const id = tabId.value
  const list = useComputed(() => (view.value ? candidates(model.accounts.value, view.value) : []))
  const account = model.accounts.value.find((a) => a.id === chosen.value)
  const project: Project | undefined = account ? model.projectsById.value.get(account.projectId) : undefined
  const appOrigin = current?.appOrigin ?? null
  const needed: PermissionSet | null = project && appOrigin ? tabIdentityPermissions(mode.value, appOrigin, project.endpoint) : null
  const neededKey = needed ? JSON.stringify(needed) : ''
  useEffect(() => {
    granted.value = null
    if (needed) void access.hasPermissions(needed).then((has) => (granted.value = has))
  }, [neededKey])

  if (id === null || current === null) return null
  if (appOrigin === null) {
    return (
      <section class="tab-panel" aria-labelledby="tab-heading">
        <h2 id="tab-heading" class="visually-hidden">{t('tabHeading')}</h2>
        <p class="hint">{t('tabNoPage')}</p>
      </section>
    )
  }
  const inEffect = current.inEffect
  const byId = (accountId: string) => model.accounts.value.find((a) => a.id === accountId)
  const pageUsers = current.pageUsers.map((u) => pageUserLabel(model.accounts.value, u))

  if (inEffect) {
    const lent = byId(inEffect.accountId)
    const lentLabel = lent ? accountLabel(lent) : inEffect.accountId
    return (
      <section class="tab-panel" aria-labelledby="tab-heading">
        <h2 id="tab-heading" class="visually-hidden">{t('tabHeading')}</h2>
        <p data-testid="tab-in-effect">
          {inEffect.actingAs ? t('tabActingInEffect', userLabel(inEffect.actingAs), lentLabel, appOrigin) : t('tabInEffect', lentLabel, appOrigin)}
        </p>
        {lent?.status === 'signedOut' ? <p class="notice">{t('tabSignedOutHere')}</p> : null}
        <button
          type="button"
          class="primary"
          disabled={action.busy.value}
          onClick={async () => {
            const reply = await action.run(() => model.request('restoreTab', { tabId: id }))
            if (!reply.ok) return
            feedback?.say(t('tabRestored'))
            await load(id)
          }}
        >
          {replaced.value ? t('tabRestoreNamed', replaced.value) : t('tabRestoreApp')}
        </button>
        <ErrorText error={action.error} />
      </section>
    )
  }

  const local = isLoopbackOrigin(appOrigin)
  const pageReadable = mode.value !== 'tab'
  const ready = account !== undefined && needed !== null && (local || !pageReadable || acknowledged.value)

  async function use() {
    if (!account || !needed) return
    // First thing in the click: the user gesture is still there.
    waitingForPrompt.value = granted.value !== true
    const allowed = await access.requestPermissions(needed)
    waitingForPrompt.value = false
    if (!allowed) {
      action.error.value = { type: 'lanyard_tab_permissions_refused', code: 403, message: t('tabPermissionsRefused') }
      return
    }
    granted.value = true
    // Granted now, Lanyard can see whom the page is signed in as: that is whom Restore brings back.
    const seen = await model.request('getTabIdentity', { tabId: id as number })
    const users = seen.ok ? seen.value.pageUsers.map((u) => pageUserLabel(model.accounts.value, u)) : pageUsers
    const before = users.length > 0 ? users.join(', ') : null
    const reply = await action.run(() => model.request('useInTab', { tabId: id as number, accountId: account.id, mode: mode.value, appOrigin: appOrigin as string }))
    if (!reply.ok) return
    replaced.value = before
    feedback?.say(t('tabInUseNow', accountLabel(account)))
    await load(id as number)
  }

  return (
    <section class="tab-panel" aria-labelledby="tab-heading">
      <h2 id="tab-heading" class="visually-hidden">{t('tabHeading')}</h2>
      <p class="tab-origin">{appOrigin}</p>
      {list.value.length === 0 ? (
        <p class="hint">{t('tabNoAccounts')}</p>
      ) : (
        <>
          <p class="tab-lead">
            <span>{pageUsers.length > 0 ? t('tabSignedInAs', pageUsers.join(', ')) : t('tabNobodySignedIn')}</span>
            <span class="tab-use">
              <span aria-hidden="true">→ {t('tabUseInstead')}</span>
              <select aria-label={t('tabAccount')} value={chosen.value} onChange={(e) => (chosen.value = e.currentTarget.value)}>
                {list.value.map((a) => (
                  <option key={a.id} value={a.id}>
                    {current.fittingAccountIds.includes(a.id) ? t('tabFits', accountLabel(a)) : accountLabel(a)}
                  </option>
                ))}
              </select>
            </span>
          </p>
          <fieldset class="tab-modes">
            <legend>{t('tabMode')}</legend>
            {MODES.map((m) => (
              <label key={m.mode} class="tab-mode">
                <input type="radio" name="tab-mode" value={m.mode} checked={mode.value === m.mode} onChange={() => (mode.value = m.mode)} />
                <span>{t(m.label)}</span>
              </label>
            ))}
          </fieldset>
          <details class="how-it-works">
            <summary>{t('tabHowItWorks')}</summary>
            <dl>
              {MODES.map((m) => (
                <div key={m.mode}>
                  <dt>{t(m.label)}</dt>
                  <dd>{t(m.hint)}</dd>
                </div>
              ))}
            </dl>
          </details>
          {pageReadable ? (
            <p class={local ? 'hint' : 'notice'} role={local ? undefined : 'alert'}>
              {local ? t('tabWarningLocal') : t('tabWarningRemote', appOrigin)}
            </p>
          ) : null}
          {pageReadable && !local ? (
            <label class="check">
              <input type="checkbox" checked={acknowledged.value} onChange={(e) => (acknowledged.value = e.currentTarget.checked)} />
              {t('tabAcknowledge')}
            </label>
          ) : null}
          {needed && granted.value === false ? <p class="hint">{t('tabPermissionsReason', needed.origins.join(', '))}</p> : null}
          {waitingForPrompt.value ? (
            <p role="status" class="hint">
              {t('tabWaitingPermission')}
            </p>
          ) : null}
          <button type="button" class="primary" disabled={!ready || action.busy.value || waitingForPrompt.value} onClick={() => void use()}>
            {t('tabUse')}
          </button>
        </>
      )}
      <ErrorText error={action.error} />
      <ActAsInTab model={model} access={access} view={{ ...current, appOrigin }} onDone={() => void load(id)} />
    </section>
  )
}
