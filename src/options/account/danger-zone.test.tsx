import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { summary } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { DangerZone } from './danger-zone.tsx'

afterEach(cleanup)

describe('DangerZone', () => {
  it('blocks only after the account email is typed exactly', async () => {
    const page = await setupPage([], { blockAccount: () => ({ ok: true, value: undefined }) })
    render(<DangerZone model={page.model} summary={summary()} />)
    const button = screen.getByRole('button', { name: 'Block account' }) as HTMLButtonElement
    const confirm = screen.getByRole('textbox', { name: 'Type alice@example.com to confirm' })
    fireEvent.input(confirm, { target: { value: 'alice@example' } })
    expect(button.disabled).toBe(true)
    fireEvent.click(button)
    expect(page.io.sent).toEqual([])
    fireEvent.input(confirm, { target: { value: 'alice@example.com' } })
    expect(button.disabled).toBe(false)
    fireEvent.click(button)
    await waitFor(() => expect(page.io.sent).toEqual([{ name: 'blockAccount', input: { accountId: 'a1' } }]))
  })
})
