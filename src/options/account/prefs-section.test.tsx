import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { summary } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { PrefsSection } from './prefs-section.tsx'

afterEach(cleanup)

async function open() {
  const page = await setupPage([], { updatePrefs: ({ prefs }) => ({ ok: true, value: prefs }), refresh: () => new Promise(() => {}) })
  render(<PrefsSection model={page.model} summary={summary()} prefs={{ theme: 'dark' }} />)
  return page
}

const editor = () => screen.getByRole('textbox', { name: 'Preferences (JSON)' })

describe('PrefsSection', () => {
  it('shows prefs as JSON and as key/value rows, and saves an edit', async () => {
    const { io } = await open()
    expect(screen.getByRole('rowheader', { name: 'theme' })).toBeTruthy()
    fireEvent.input(editor(), { target: { value: '{"theme":"light","beta":true}' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }))
    await screen.findByText('Preferences saved.')
    expect(io.sent).toContainEqual({ name: 'updatePrefs', input: { accountId: 'a1', prefs: { theme: 'light', beta: true } } })
  })

  it('shows a newer snapshot at once, but not under the person once they are in the editor', async () => {
    const page = await setupPage([], {})
    const view = (prefs: Record<string, string>) => <PrefsSection model={page.model} summary={summary()} prefs={prefs} />
    const { rerender } = render(view({ theme: 'dark' }))
    rerender(view({ theme: 'light' }))
    expect((editor() as HTMLTextAreaElement).value).toContain('light')
    fireEvent.focus(editor())
    rerender(view({ theme: 'blue' }))
    expect((editor() as HTMLTextAreaElement).value).toContain('light')
  })

  it('refuses an oversized value with the measured size, and sends nothing', async () => {
    const { io } = await open()
    fireEvent.input(editor(), { target: { value: JSON.stringify({ blob: 'x'.repeat(70_000) }) } })
    expect(screen.getByRole('alert').textContent).toMatch(/^Too large: 70,011 bytes, but Appwrite accepts at most 65,535/)
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }))
    expect(io.sent).toEqual([])
  })

  it('refuses invalid JSON and arrays', async () => {
    const { io } = await open()
    fireEvent.input(editor(), { target: { value: '[1,2]' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }))
    expect(screen.getByRole('alert').textContent).toMatch(/must be a JSON object/)
    fireEvent.input(editor(), { target: { value: '{"a":' } })
    expect(screen.getByRole('alert').textContent).toMatch(/not valid JSON/)
    expect(io.sent).toEqual([])
  })

  it('edits through the key/value form', async () => {
    await open()
    fireEvent.input(screen.getByRole('textbox', { name: 'Key' }), { target: { value: 'count' } })
    fireEvent.input(screen.getByRole('textbox', { name: 'Value' }), { target: { value: '3' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set key' }))
    await waitFor(() => expect(JSON.parse((editor() as HTMLTextAreaElement).value)).toEqual({ theme: 'dark', count: 3 }))
    fireEvent.click(screen.getByRole('button', { name: 'Remove theme' }))
    await waitFor(() => expect(JSON.parse((editor() as HTMLTextAreaElement).value)).toEqual({ count: 3 }))
  })
})
