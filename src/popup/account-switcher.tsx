// Every account, grouped by project, one click (or Enter, or its digit) to switch. Keys work
// from anywhere in the popup: arrows move between accounts, 1-9 switch, letters filter.
import { type Signal, useComputed } from '@preact/signals'
import type { RefObject } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { accountStatusText } from '../ui/account-status.ts'
import { Avatar } from '../ui/avatar.tsx'
import { accountLabel } from '../ui/format.ts'
import { t, tCount } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'
import type { Feedback } from './feedback.tsx'

const ITEM_SELECTOR = 'button[data-switch-item]'
const MAX_DIGIT_SHORTCUT = 9

interface Group {
  project: Project | undefined
  accounts: AccountSummary[]
}

/** Accounts matching the filter, in project order then the order they were added. */
export function groupAccounts(projects: Project[], accounts: AccountSummary[], filter: string): Group[] {
  const needle = filter.trim().toLowerCase()
  const matches = (a: AccountSummary) =>
    needle === '' || [a.email, a.name, a.userId, a.phone].some((field) => field.toLowerCase().includes(needle))
  const groups: Group[] = projects.map((project) => ({ project, accounts: accounts.filter((a) => a.projectId === project.id && matches(a)) }))
  const orphans = accounts.filter((a) => !projects.some((p) => p.id === a.projectId) && matches(a))
  if (orphans.length > 0) groups.push({ project: undefined, accounts: orphans })
  return groups.filter((g) => g.accounts.length > 0)
}

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')

interface Props {
  model: Model
  /** The search field sits in the header (popup-header.tsx); typing anywhere fills it. */
  filter: Signal<string>
  filterRef: RefObject<HTMLInputElement | null>
  feedback: Feedback
}

export function AccountSwitcher({ model, filter, filterRef, feedback }: Props) {
  const listRef = useRef<HTMLUListElement>(null)
  const switchTo = async (account: AccountSummary) => {
    const reply = await model.switchTo(account.id)
    if (reply.ok) feedback.say(t('switchedTo', accountLabel(account)))
  }
  const groups = useComputed(() => groupAccounts(model.projects.value, model.accounts.value, filter.value))
  const ordered = useComputed(() => groups.value.flatMap((g) => g.accounts))

  function focusItem(move: (index: number, count: number) => number) {
    const items = [...(listRef.current?.querySelectorAll<HTMLButtonElement>(ITEM_SELECTOR) ?? [])]
    if (items.length === 0) return
    const current = items.indexOf(document.activeElement as HTMLButtonElement)
    items[(move(current, items.length) + items.length) % items.length]?.focus()
  }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (event.target === filterRef.current) {
        if (event.key === 'ArrowDown') focusItem(() => 0)
        else if (event.key === 'Enter' && ordered.value[0]) void switchTo(ordered.value[0])
        else if (event.key === 'Escape' && filter.value !== '') filter.value = ''
        else return
        event.preventDefault()
        return
      }
      if (isTextField(event.target)) return
      const digit = Number(event.key)
      if (event.key.length === 1 && digit >= 1 && digit <= MAX_DIGIT_SHORTCUT) {
        const account = ordered.value[digit - 1]
        if (account) void switchTo(account)
      } else if (event.key === 'ArrowDown') focusItem((i) => i + 1)
      else if (event.key === 'ArrowUp') focusItem((i, count) => (i < 0 ? count - 1 : i - 1))
      else if (event.key === 'Home') focusItem(() => 0)
      else if (event.key === 'End') focusItem((_, count) => count - 1)
      else if (event.key.length === 1 && event.key.trim() !== '' && model.accounts.value.length > 1) {
        filter.value += event.key
        filterRef.current?.focus()
      } else return
      event.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [model])

  if (model.accounts.value.length === 0) return null
  let position = 0
  const alertCounts = new Map<string, number>()
  for (const alert of model.unseenAlerts.value) alertCounts.set(alert.accountId, (alertCounts.get(alert.accountId) ?? 0) + 1)
  return (
    <section class="switcher" aria-labelledby="switcher-heading">
      <h2 id="switcher-heading" class="visually-hidden">
        {t('accounts')}
      </h2>
      <ul ref={listRef} class="switcher-list" aria-label={t('accounts')}>
        {groups.value.map((group) => (
          <li key={group.project?.id ?? '?'} class="switcher-group">
            <p class="group-label">
              <span class="project-dot" style={{ background: group.project?.color }} aria-hidden="true" />
              {group.project?.label ?? t('unknownProject')}
            </p>
            <ul aria-label={group.project?.label ?? t('unknownProject')}>
              {group.accounts.map((account) => {
                position++
                return (
                  <SwitcherItem
                    key={account.id}
                    account={account}
                    model={model}
                    alerts={alertCounts.get(account.id) ?? 0}
                    shortcut={position <= MAX_DIGIT_SHORTCUT ? position : null}
                    onSwitch={() => void switchTo(account)}
                  />
                )
              })}
            </ul>
          </li>
        ))}
      </ul>
      {ordered.value.length === 0 ? <p class="muted">{t('noMatchingAccounts')}</p> : null}
    </section>
  )
}

interface ItemProps {
  account: AccountSummary
  model: Model
  /** Unseen sign-ins of this account. */
  alerts: number
  shortcut: number | null
  onSwitch(): void
}

function SwitcherItem({ account, model, alerts, shortcut, onSwitch }: ItemProps) {
  const label = accountLabel(account)
  const active = model.activeAccountId.value === account.id
  return (
    <li aria-label={label} class={active ? 'switcher-item active' : 'switcher-item'}>
      <button
        type="button"
        data-switch-item
        // The name is the email alone (its text; the rest is hidden from the name), the rest of the row describes it.
        aria-describedby={alerts > 0 ? `status-${account.id} alerts-${account.id}` : `status-${account.id}`}
        aria-current={active ? 'true' : undefined}
        aria-keyshortcuts={shortcut === null ? undefined : String(shortcut)}
        onClick={onSwitch}
      >
        <Avatar name={account.name} email={account.email} color={account.color} size={28} />
        <span class="switcher-text">
          <span class="switcher-email">{label}</span>
          <span class="switcher-status" id={`status-${account.id}`} aria-hidden="true">
            {account.name ? `${account.name} · ` : ''}
            {accountStatusText(account)}
          </span>
        </span>
        {alerts > 0 ? (
          <span class="badge alert-count" id={`alerts-${account.id}`} aria-hidden="true">
            {tCount('alertCount', alerts)}
          </span>
        ) : null}
        {shortcut === null ? null : (
          <kbd class="shortcut" aria-hidden="true">
            {shortcut}
          </kbd>
        )}
      </button>
    </li>
  )
}
