import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { ErrorData, Project } from '../../shared/protocol.ts'
import { project } from '../../shared/testing/fixtures.ts'
import { setupPage } from '../../ui/testing/page.ts'
import { AddProjectForm } from './add-project-form.tsx'

afterEach(cleanup)

async function fillAndSubmit(reply: { ok: true; value: Project } | { ok: false; error: ErrorData }, grant = true) {
  const added: Project[] = []
  const page = await setupPage([], { addProject: () => reply })
  page.io.grantPermissions = grant
  render(<AddProjectForm model={page.model} io={page.io} onAdded={(p) => added.push(p)} />)
  fireEvent.input(screen.getByRole('textbox', { name: 'Endpoint' }), { target: { value: 'https://aw.example.org:8443/v1' } })
  fireEvent.input(screen.getByRole('textbox', { name: 'Project ID' }), { target: { value: 'shop' } })
  fireEvent.input(screen.getByRole('textbox', { name: 'Label' }), { target: { value: 'Shop' } })
  fireEvent.click(screen.getByRole('button', { name: 'Add project' }))
  return { ...page, added }
}

describe('AddProjectForm', () => {
  it('asks for the host permission first, then adds the project', async () => {
    const { io, added } = await fillAndSubmit({ ok: true, value: project({ id: 'p9' }) })
    expect(io.permissionRequests).toEqual(['https://aw.example.org/*'])
    await waitFor(() => expect(added.map((p) => p.id)).toEqual(['p9']))
    expect(io.sent).toEqual([{ name: 'addProject', input: { endpoint: 'https://aw.example.org:8443/v1', projectId: 'shop', label: 'Shop' } }])
  })

  it('does not contact the worker when the permission is refused, and says why', async () => {
    const { io } = await fillAndSubmit({ ok: true, value: project() }, false)
    expect((await screen.findByRole('alert')).textContent).toMatch(/needs your permission/)
    expect(io.sent).toEqual([])
  })

  it.each([
    ['project_not_found', /does not know this project ID/],
    ['lanyard_network', /cannot be reached/],
    ['lanyard_not_appwrite', /not an Appwrite server/],
    ['lanyard_permission_required', /needs your permission/],
  ])('gives %s its own message', async (type, text) => {
    await fillAndSubmit({ ok: false, error: { type, code: 404, message: 'server words' } })
    expect((await screen.findByRole('alert')).textContent).toMatch(text)
  })

  it('rejects an endpoint that is not a URL before asking anything', async () => {
    const page = await setupPage()
    render(<AddProjectForm model={page.model} io={page.io} onAdded={() => {}} />)
    fireEvent.input(screen.getByRole('textbox', { name: 'Endpoint' }), { target: { value: 'not a url' } })
    fireEvent.submit(screen.getByRole('button', { name: 'Add project' }).closest('form') as HTMLFormElement)
    expect((await screen.findByRole('alert')).textContent).toMatch(/full URL/)
    expect(page.io.permissionRequests).toEqual([])
  })

  it('sends the App URL when one is given, and names a wrong one before asking anything', async () => {
    const page = await setupPage([], { addProject: () => ({ ok: true, value: project() }) })
    render(<AddProjectForm model={page.model} io={page.io} onAdded={() => {}} />)
    fireEvent.input(screen.getByRole('textbox', { name: 'Endpoint' }), { target: { value: 'https://aw.example.org/v1' } })
    fireEvent.input(screen.getByRole('textbox', { name: 'Project ID' }), { target: { value: 'shop' } })
    fireEvent.input(screen.getByRole('textbox', { name: 'App URL' }), { target: { value: 'app.example.org' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add project' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The App URL must be the http or https address of your web app, for example https://app.example.com/.')
    expect(page.io.permissionRequests).toEqual([])
    expect(page.io.sent).toEqual([])
    fireEvent.input(screen.getByRole('textbox', { name: 'App URL' }), { target: { value: 'https://app.example.org/' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add project' }))
    await waitFor(() =>
      expect(page.io.sent).toEqual([{ name: 'addProject', input: { endpoint: 'https://aw.example.org/v1', projectId: 'shop', appUrl: 'https://app.example.org/' } }]),
    )
  })
})
