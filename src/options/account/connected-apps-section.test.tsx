import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { Consent } from '../../shared/protocol.ts'
import { summary } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { ConnectedAppsSection } from './connected-apps-section.tsx'

afterEach(cleanup)

const at = '2026-01-01T00:00:00.000+00:00'
const consent = (id: string, appId: string): Consent => ({ $id: id, $createdAt: at, $updatedAt: at, userId: 'u1', appId, scopes: ['openid', 'email'], resources: [], expire: '2027-01-01T00:00:00.000+00:00' })

async function open(initial: Consent[]) {
  let list = initial
  const page = await setupPage([], {
    listConsents: () => ({ ok: true, value: { total: list.length, consents: list } }),
    revokeConsent: ({ consentId }) => {
      list = list.filter((c) => c.$id !== consentId)
      return { ok: true, value: undefined }
    },
    listConsentTokens: () => ({ ok: true, value: { total: 1, tokens: [{ ...consent('t1', 'notes'), $id: 'token-1', consentId: 'c1' }] } }),
  })
  render(<ConnectedAppsSection model={page.model} summary={summary()} />)
  return page
}

describe('ConnectedAppsSection', () => {
  it('explains connected apps when there are none', async () => {
    await open([])
    await screen.findByText(/^No connected apps\. When you let another app use this account/)
  })

  it('fetches a consent’s tokens only when they are opened', async () => {
    const page = await open([consent('c1', 'notes')])
    const item = await screen.findByRole('listitem', { name: 'notes' })
    expect(within(item).getByText('none')).toBeTruthy()
    expect(page.io.sent.map((m) => m.name)).toEqual(['listConsents'])
    const details = item.querySelector('details') as HTMLDetailsElement
    details.open = true
    fireEvent(details, new Event('toggle'))
    await within(item).findByText('token-1')
    expect(page.io.sent.at(-1)).toEqual({ name: 'listConsentTokens', input: { accountId: 'a1', consentId: 'c1' } })
  })

  it('revokes access after the inline confirmation (its first button), then lists what is left', async () => {
    const page = await open([consent('c1', 'notes'), consent('c2', 'calendar')])
    const item = await screen.findByRole('listitem', { name: 'notes' })
    fireEvent.click(within(item).getByRole('button', { name: 'Revoke access' }))
    const dialog = within(item).getByRole('alertdialog', { name: 'Revoke the access of notes? Its tokens stop working at once.' })
    fireEvent.click(within(dialog).getAllByRole('button')[0] as HTMLElement)
    await screen.findByText('Access of notes revoked.')
    expect(page.io.sent).toContainEqual({ name: 'revokeConsent', input: { accountId: 'a1', consentId: 'c1' } })
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'notes' })).toBeNull())
    expect(screen.getByRole('listitem', { name: 'calendar' })).toBeTruthy()
  })
})
