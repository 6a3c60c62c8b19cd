import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { ErrorData, InputOf, Project } from '../../shared/protocol.ts'
import { project } from '../../shared/testing/fixtures.ts'
import { items, write } from '../../shared/storage.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { createRouter } from '../router.ts'
import { ProjectsView } from './projects-view.tsx'

afterEach(cleanup)

/** A worker that saves the edit and writes the projects list, as the real one does; or refuses it. */
async function open(refusal?: ErrorData) {
  const page = await setupPage([write(items.projects, [project({ color: '#4f46e5' })])], {
    getOAuthRedirectHost: () => new Promise(() => {}),
    updateProject: (input: InputOf<'updateProject'>) => {
      if (refusal) return { ok: false, error: refusal }
      const saved: Project = { ...project({ color: '#4f46e5' }), ...input }
      page.io.write(write(items.projects, [saved]))
      return { ok: true, value: saved }
    },
  })
  render(<ProjectsView model={page.model} io={page.io} router={createRouter(location, window)} />)
  return page
}

const card = (name: string) => screen.getByRole('region', { name })
const editForm = () => screen.getByRole('form', { name: 'Edit Demo' })
const edits = (io: { sent: { name: string; input: unknown }[] }) => io.sent.filter((m) => m.name === 'updateProject').map((m) => m.input)

describe('ProjectsView: editing a project', () => {
  it('renames a project and changes its colour inline, sending only what changed, and says it saved', async () => {
    const { io } = await open()
    fireEvent.click(within(card('Demo')).getByRole('button', { name: 'Edit project' }))
    const form = editForm()
    fireEvent.input(within(form).getByRole('textbox', { name: 'Label' }), { target: { value: '  Demo production ' } })
    fireEvent.input(within(form).getByLabelText('Colour'), { target: { value: '#16a34a' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await within(card('Demo production')).findByText('Saved: Demo production.')
    expect(edits(io)).toEqual([{ id: 'p1', label: 'Demo production', color: '#16a34a' }])
    expect(screen.queryByRole('form', { name: /^Edit / })).toBeNull()
    expect((card('Demo production').querySelector('.project-dot') as HTMLElement).style.background).toBe('#16a34a')
  })

  it('sends only the colour when only the colour changed', async () => {
    const { io } = await open()
    fireEvent.click(screen.getByRole('button', { name: 'Edit project' }))
    fireEvent.input(within(editForm()).getByLabelText('Colour'), { target: { value: '#dc2626' } })
    fireEvent.click(within(editForm()).getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved: Demo.')
    expect(edits(io)).toEqual([{ id: 'p1', color: '#dc2626' }])
  })

  it('Cancel closes the form without a request', async () => {
    const { io } = await open()
    fireEvent.click(screen.getByRole('button', { name: 'Edit project' }))
    fireEvent.input(within(editForm()).getByRole('textbox', { name: 'Label' }), { target: { value: 'Other' } })
    fireEvent.click(within(editForm()).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('form', { name: 'Edit Demo' })).toBeNull()
    expect(screen.queryByRole('status')).toBeNull()
    expect(card('Demo')).toBeTruthy()
    expect(edits(io)).toEqual([])
  })

  it('keeps the form open with the reason when the worker refuses', async () => {
    await open({ type: 'lanyard_unknown_project', code: 404, message: 'This project is no longer in Lanyard. Add it again.' })
    fireEvent.click(screen.getByRole('button', { name: 'Edit project' }))
    const form = editForm()
    fireEvent.input(within(form).getByRole('textbox', { name: 'Label' }), { target: { value: 'Renamed' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('This project is no longer in Lanyard. Add it again.'))
    expect(screen.queryByText(/^Saved/)).toBeNull()
  })
})

describe('ProjectsView: internationalised endpoints', () => {
  async function openWith(endpoint: string) {
    const page = await setupPage([write(items.projects, [project({ endpoint })])], { getOAuthRedirectHost: () => new Promise(() => {}) })
    render(<ProjectsView model={page.model} io={page.io} router={createRouter(location, window)} />)
    return card('Demo')
  }

  it('shows a non-ASCII endpoint in Unicode and punycode, and warns when it mixes scripts', async () => {
    const ascii = new URL('https://аppwrite.io').hostname
    const demo = await openWith(`https://${ascii}/v1`)
    expect(within(demo).getByText(`International address аppwrite.io, sent as ${ascii}`)).toBeTruthy()
    expect(within(demo).getByRole('alert').textContent).toContain('mixes alphabets')
  })

  it('shows both forms without a warning for a host in one script, and nothing extra for ASCII', async () => {
    const ascii = new URL('https://bücher.example').hostname
    const demo = await openWith(`https://${ascii}:8443/v1`)
    expect(within(demo).getByText(`International address bücher.example, sent as ${ascii}`)).toBeTruthy()
    expect(within(demo).queryByRole('alert')).toBeNull()
    cleanup()
    const plain = await openWith('https://cloud.appwrite.io/v1')
    expect(within(plain).queryByText(/International address/)).toBeNull()
  })
})
