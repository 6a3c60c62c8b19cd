import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { TabIdentityView } from '../shared/protocol.ts'
import { project, summary } from '../shared/testing/fixtures.ts'
import { items, write } from '../shared/storage.ts'
import { setupPage } from '../ui/testing/page.ts'
import type { TabAccess } from './tab-access.ts'
import { fakeTabAccess } from './testing/fake-tab-access.ts'
import { TabPanel } from './tab-panel.tsx'

const cached = [
  write(items.projects, [project()]),
  write(items.accounts, [summary(), summary({ id: 'a2', email: 'bob@example.com', name: 'Bob', status: 'signedOut' })]),
  write(items.activeAccountId, 'a1'),
]

function view(appOrigin: string): TabIdentityView {
  return { tabId: 5, appOrigin, inEffect: null, fittingAccountIds: ['a1'], pageUsers: [{ projectId: 'p1', userId: 'u9' }] }
}

async function openPanel(appOrigin: string, granted = true) {
  const access = fakeTabAccess(5, granted)
  const page = await setupPage(cached, {
    getTabIdentity: () => ({ ok: true, value: view(appOrigin) }),
    useInTab: (input) => ({ ok: true, value: { ...input, since: 1 } }),
  })
  render(<TabPanel model={page.model} access={access} />)
  await screen.findByRole('button', { name: 'Use in this tab' })
  return { ...page, requests: access.requests }
}

afterEach(cleanup)

describe('Use in this tab', () => {
  it('offers the signed-in accounts, the fitting ones marked, and asks for the permissions in the click', async () => {
    const { io, requests } = await openPanel('http://localhost:5173')
    const select = screen.getByRole('combobox', { name: 'Account' })
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['alice@example.com (this page uses its project)'])
    expect(screen.getByText(/The page's scripts can read this session/)).toBeTruthy()
    expect(screen.getByText('This app is signed in as u9')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Use in this tab' }))
    await waitFor(() => expect(io.sent.some((m) => m.name === 'useInTab')).toBe(true))
    expect(requests).toEqual([
      {
        permissions: ['cookies', 'scripting'],
        origins: ['http://localhost/*', 'https://appwrite.example.com/*'],
      },
    ])
    expect(io.sent.find((m) => m.name === 'useInTab')?.input).toEqual({ tabId: 5, accountId: 'a1', mode: 'fallback', appOrigin: 'http://localhost:5173' })
  })

  it('warns more strongly on a non-local origin and waits for the person to confirm it is their app', async () => {
    const { io } = await openPanel('https://app.example.org')
    expect(screen.getByRole('alert').textContent).toContain('https://app.example.org is not on this computer')
    const use = screen.getByRole('button', { name: 'Use in this tab' }) as HTMLButtonElement
    expect(use.disabled).toBe(true)
    fireEvent.click(screen.getByRole('checkbox', { name: 'This is my own app: let its page hold the session.' }))
    await waitFor(() => expect(use.disabled).toBe(false))
    // "This tab only" keeps the session out of the page: no page-readable warning, nothing to confirm.
    fireEvent.click(screen.getByRole('checkbox'))
    fireEvent.click(screen.getByRole('radio', { name: /This tab only/ }))
    await waitFor(() => expect(use.disabled).toBe(false))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(io.sent.some((m) => m.name === 'useInTab')).toBe(false)
  })

  it('does nothing when the browser refuses the permissions, and says why', async () => {
    const { io } = await openPanel('http://localhost:5173', false)
    fireEvent.click(screen.getByRole('button', { name: 'Use in this tab' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Without these permissions')
    expect(io.sent.some((m) => m.name === 'useInTab')).toBe(false)
  })
})

describe('Use in this tab: the permission prompt', () => {
  it('says it waits for the browser while the prompt is open, and drops the reasons once access is granted', async () => {
    let answer: (granted: boolean) => void = () => undefined
    const access: TabAccess = {
      currentTabId: async () => 5,
      hasPermissions: async () => false,
      requestPermissions: () => new Promise((resolve) => (answer = resolve)),
    }
    const page = await setupPage(cached, {
      getTabIdentity: () => ({ ok: true, value: view('http://localhost:5173') }),
      useInTab: (input) => ({ ok: true, value: { ...input, since: 1 } }),
    })
    render(<TabPanel model={page.model} access={access} />)
    const use = (await screen.findByRole('button', { name: 'Use in this tab' })) as HTMLButtonElement
    await screen.findByText(/^Your browser will ask to let Lanyard reach/)
    fireEvent.click(use)
    expect((await screen.findByRole('status')).textContent).toBe("Waiting for your browser's permission prompt…")
    expect(use.disabled).toBe(true)
    answer(true)
    await waitFor(() => expect(page.io.sent.some((m) => m.name === 'useInTab')).toBe(true))
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.queryByText(/^Your browser will ask/)).toBeNull()
  })
})
