import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { setupPage } from '../../ui/testing/page.ts'
import type { Handlers } from '../../ui/testing/fake-page-io.ts'
import { BackupView } from './backup-view.tsx'

afterEach(cleanup)

async function open(handlers: Handlers) {
  const page = await setupPage([], handlers)
  render(<BackupView model={page.model} io={page.io} />)
  return page
}

describe('BackupView', () => {
  it('exports the configuration as the JSON file the worker wrote', async () => {
    const { io } = await open({ exportConfig: () => ({ ok: true, value: { fileName: 'lanyard-config-2026-12-04.json', text: '{"format":"lanyard-config"}' } }) })
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Backup')
    fireEvent.click(screen.getByRole('button', { name: 'Export configuration' }))
    await waitFor(() => expect(io.downloads).toEqual([{ fileName: 'lanyard-config-2026-12-04.json', text: '{"format":"lanyard-config"}' }]))
  })

  it('imports a picked file, counts what changed in the plural that fits, and lists what was skipped', async () => {
    const { io } = await open({
      importConfig: () => ({
        ok: true,
        value: { projectsAdded: 1, projectsUpdated: 0, accountsUpdated: 2, settingsApplied: ['autoLock'], skipped: [{ item: 'projects[1]', reason: 'not an Appwrite id' }] },
      }),
    })
    const file = new File(['{"format":"lanyard-config"}'], 'config.json', { type: 'application/json' })
    fireEvent.change(screen.getByLabelText('Import configuration'), { target: { files: [file] } })
    const imported = await screen.findByRole('list', { name: 'Imported' })
    expect(within(imported).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['1 project added', '0 projects updated', '2 accounts updated', '1 setting applied'])
    expect(screen.getByText('Skipped 1 entry:')).toBeTruthy()
    expect(screen.getByText('projects[1]')).toBeTruthy()
    expect(io.sent.find((m) => m.name === 'importConfig')?.input).toEqual({ text: '{"format":"lanyard-config"}' })
  })

  it('shows why a file was refused', async () => {
    await open({ importConfig: () => ({ ok: false, error: { type: 'lanyard_invalid_config', code: 400, message: 'This file is not a Lanyard configuration export.' } }) })
    fireEvent.change(screen.getByLabelText('Import configuration'), { target: { files: [new File(['{}'], 'x.json')] } })
    expect((await screen.findByRole('alert')).textContent).toBe('This file is not a Lanyard configuration export.')
  })
})
