// "Act as a user" in the popup (issue 15): offered on an operator's card only, the picker searches
// debounced and a page at a time, the card shows the acting state, and the tab panel's "Use in this
// tab as" asks for the tab rule's permissions in the click.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActingState, InputOf, TabIdentityView, UserSummary } from '../shared/protocol.ts'
import { account, project, snapshot, summary } from '../shared/testing/fixtures.ts'
import { items, write } from '../shared/storage.ts'
import { SEARCH_DEBOUNCE_MS, USERS_PAGE_SIZE } from '../ui/act-as/user-picker.tsx'
import { setupPage } from '../ui/testing/page.ts'
import { ActAsCard } from './act-as-card.tsx'
import { fakeTabAccess } from './testing/fake-tab-access.ts'
import { TabPanel } from './tab-panel.tsx'

const operator = summary({ email: 'olga@example.com', name: 'Olga' })
const cached = (impersonator: boolean) => [
  write(items.projects, [project()]),
  write(items.accounts, [operator]),
  write(items.activeAccountId, 'a1'),
  write(items.snapshot('a1'), snapshot({ account: account({ impersonator }) })),
]

const user = (n: number): UserSummary => ({
  $id: `u${n}`,
  name: `User ${n}`,
  email: `user${n}@example.com`,
  phone: '',
  status: n !== 2,
  emailVerification: n % 2 === 0,
  phoneVerification: false,
  registration: '2026-01-01T00:00:00.000+00:00',
  impersonator: false,
})

/** 25 users; `search` keeps those whose email contains it. */
function searchUsers(input: InputOf<'searchUsers'>) {
  const all = Array.from({ length: 25 }, (_, i) => user(i + 1)).filter((u) => u.email.includes(input.search))
  return { ok: true as const, value: { total: all.length, users: all.slice(input.offset, input.offset + input.limit) } }
}

const acting: ActingState = {
  accountId: 'a1',
  target: { userId: 'u7', email: 'user7@example.com', phone: '', name: 'User 7' },
  profile: account({ $id: 'u7', email: 'user7@example.com' }),
  scope: 'account',
  since: 1,
}

afterEach(cleanup)

describe('Act as a user in the popup', () => {
  it('is not offered to an account whose GET /account does not say impersonator', async () => {
    const page = await setupPage(cached(false))
    render(<ActAsCard model={page.model} active={operator} />)
    expect(screen.queryByRole('button', { name: 'Act as a user' })).toBeNull()
  })

  it('searches once the person stops typing, pages with "Show more users", and acts as the picked user', async () => {
    const page = await setupPage(cached(true), { searchUsers, startActingAs: () => ({ ok: true, value: acting }) })
    render(<ActAsCard model={page.model} active={operator} />)
    fireEvent.click(screen.getByRole('button', { name: 'Act as a user' }))
    await screen.findByRole('button', { name: 'user1@example.com' })
    expect(screen.getAllByRole('listitem')).toHaveLength(USERS_PAGE_SIZE)
    expect(screen.getByText('User 2 · Blocked · Email verified')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Show more users' }))
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(20))
    expect(page.io.sent.filter((m) => m.name === 'searchUsers').map((m) => (m.input as InputOf<'searchUsers'>).offset)).toEqual([0, 10])

    const box = screen.getByRole('searchbox', { name: 'Find a user' })
    for (const typed of ['u', 'us', 'user1']) fireEvent.input(box, { target: { value: typed } })
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 100))
    const searches = page.io.sent.filter((m) => m.name === 'searchUsers').map((m) => (m.input as InputOf<'searchUsers'>).search)
    expect(searches).toEqual(['', '', 'user1'])
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(10))

    fireEvent.click(screen.getByRole('button', { name: 'user1@example.com' }))
    await waitFor(() => expect(page.io.sent.find((m) => m.name === 'startActingAs')?.input).toEqual({ accountId: 'a1', userId: 'u1' }))
  })

  it('the card shows the acting state, and Stop acting asks the worker to stop', async () => {
    const page = await setupPage([...cached(true), write(items.actingStates, { a1: acting })], { stopActingAs: () => ({ ok: true, value: undefined }) })
    render(<ActAsCard model={page.model} active={operator} />)
    const banner = screen.getByRole('region', { name: 'Acting as user7@example.com' })
    expect(within(banner).getByText('Operator: olga@example.com')).toBeTruthy()
    fireEvent.click(within(banner).getByRole('button', { name: 'Stop acting' }))
    await waitFor(() => expect(page.io.sent.find((m) => m.name === 'stopActingAs')?.input).toEqual({ accountId: 'a1' }))
    page.io.write(write(items.actingStates, {}))
    await screen.findByRole('button', { name: 'Act as a user' })
  })
})

describe('Use in this tab as', () => {
  const view: TabIdentityView = { tabId: 5, appOrigin: 'http://localhost:5173', inEffect: null, fittingAccountIds: ['a1'], pageUsers: [] }

  it('asks for the tab rule’s permissions in the click, then names the operator and the target', async () => {
    const access = fakeTabAccess(5)
    const page = await setupPage(cached(true), {
      searchUsers,
      getTabIdentity: () => ({ ok: true, value: view }),
      useInTabAs: (input) => ({ ok: true, value: { tabId: input.tabId, accountId: input.accountId, mode: 'tab', appOrigin: input.appOrigin, since: 1, actingAs: acting.target } }),
    })
    render(<TabPanel model={page.model} access={access} />)
    const panel = await screen.findByRole('region', { name: 'Act as a user in this tab' })
    fireEvent.click(await within(panel).findByRole('button', { name: 'user3@example.com' }))
    fireEvent.click(within(panel).getByRole('button', { name: 'Use in this tab as user3@example.com' }))
    await waitFor(() => expect(page.io.sent.find((m) => m.name === 'useInTabAs')?.input).toEqual({ tabId: 5, accountId: 'a1', userId: 'u3', appOrigin: 'http://localhost:5173' }))
    expect(access.requests).toEqual([{ permissions: [], origins: ['http://localhost/*', 'https://appwrite.example.com/*'] }])
  })
})
