// Every account, grouped by project, one click (or Enter, or its digit) to switch. Keys work
// from anywhere in the popup: arrows move between accounts, 1-9 switch, letters filter.
import { useComputed, useSignal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { accountStatusText } from '../ui/account-card.tsx'
import { Avatar } from '../ui/avatar.tsx'
import { accountLabel } from '../ui/format.ts'
import { t } from '../ui/i18n.ts'
import type { Model } from '../ui/model.ts'

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

export function AccountSwitcher({ model }: { model: Model }) {
  const filter = useSignal('')
  const listRef = useRef<HTMLUListElement>(null)
  const filterRef = useRef<HTMLInputElement>(null)
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
        else if (event.key === 'Enter' && ordered.value[0]) void model.switchTo(ordered.value[0].id)
        else if (event.key === 'Escape' && filter.value !== '') filter.value = ''
        else return
        event.preventDefault()
        return
      }
      if (isTextField(event.target)) return
      const digit = Number(event.key)
      if (event.key.length === 1 && digit >= 1 && digit <= MAX_DIGIT_SHORTCUT) {
        const account = ordered.value[digit - 1]
        if (account) void model.switchTo(account.id)
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
  return (
    <section class="switcher" aria-labelledby="switcher-heading">
      <div class="section-head">
        <h2 id="switcher-heading">{t('accounts')}</h2>
        <input
          ref={filterRef}
          type="search"
          class="filter"
          aria-label={t('filterAccounts')}
          placeholder={t('typeToFilter')}
          value={filter}
          onInput={(event) => (filter.value = event.currentTarget.value)}
        />
      </div>
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
                return <SwitcherItem key={account.id} account={account} model={model} shortcut={position <= MAX_DIGIT_SHORTCUT ? position : null} />
              })}
            </ul>
          </li>
        ))}
      </ul>
      {ordered.value.length === 0 ? <p class="muted">{t('noMatchingAccounts')}</p> : null}
    </section>
  )
}

function SwitcherItem({ account, model, shortcut }: { account: AccountSummary; model: Model; shortcut: number | null }) {
  const label = accountLabel(account)
  const active = model.activeAccountId.value === account.id
  return (
    <li aria-label={label} class={active ? 'switcher-item active' : 'switcher-item'}>
      <button
        type="button"
        data-switch-item
        aria-label={label}
        aria-describedby={`status-${account.id}`}
        aria-current={active ? 'true' : undefined}
        aria-keyshortcuts={shortcut === null ? undefined : String(shortcut)}
        onClick={() => void model.switchTo(account.id)}
      >
        <Avatar name={account.name} email={account.email} color={account.color} size={28} />
        <span class="switcher-text">
          <span class="switcher-email">{label}</span>
          <span class="switcher-status" id={`status-${account.id}`}>
            {account.name ? `${account.name} · ` : ''}
            {accountStatusText(account)}
          </span>
        </span>
        {shortcut === null ? null : (
          <kbd class="shortcut" aria-hidden="true">
            {shortcut}
          </kbd>
        )}
      </button>
    </li>
  )
}
