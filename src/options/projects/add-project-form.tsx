// Adds a project: asks for the host permission inside the click (a user gesture), then lets the
// worker check at once that the endpoint answers as Appwrite and knows the project.
import { useSignal } from '@preact/signals'
import { endpointOriginPattern } from '../../shared/origin-pattern.ts'
import type { Project } from '../../shared/protocol.ts'
import { clearError, useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { AppUrlField, appUrlError, appUrlInvalid } from './app-url-field.tsx'

export function AddProjectForm({ model, io, onAdded }: { model: Model; io: PageIO; onAdded(project: Project): void }) {
  const endpoint = useSignal('')
  const projectId = useSignal('')
  const label = useSignal('')
  const appUrl = useSignal('')
  const action = useAction()

  function submit(event: Event) {
    event.preventDefault()
    let pattern: string
    try {
      pattern = endpointOriginPattern(endpoint.value.trim())
    } catch {
      action.error.value = { type: 'lanyard_invalid_endpoint', code: 0, message: t('errorEndpointNotUrl') }
      return
    }
    if (appUrlInvalid(appUrl.value)) {
      action.error.value = appUrlError()
      return
    }
    // permissions.request must start before any await, while the click still counts as a gesture.
    const permission = io.requestHostPermission(pattern).catch(() => false)
    void action.run(async () => {
      if (!(await permission)) return { ok: false, error: { type: 'lanyard_permission_required', code: 0, message: '' } }
      const input = {
        endpoint: endpoint.value.trim(),
        projectId: projectId.value.trim(),
        ...(label.value.trim() ? { label: label.value.trim() } : {}),
        ...(appUrl.value.trim() ? { appUrl: appUrl.value.trim() } : {}),
      }
      const reply = await model.request('addProject', input)
      if (reply.ok) {
        endpoint.value = projectId.value = label.value = appUrl.value = ''
        onAdded(reply.value)
      }
      return reply
    })
  }

  return (
    <form class="card form" onInput={clearError(action)} onSubmit={submit} aria-labelledby="add-project-heading">
      <h2 id="add-project-heading">{t('addProjectTitle')}</h2>
      <TextField label={t('endpoint')} value={endpoint} type="url" required placeholder="https://cloud.appwrite.io/v1" />
      <TextField label={t('projectIdLabel')} value={projectId} required />
      <TextField label={t('label')} value={label} />
      <AppUrlField value={appUrl} />
      <p class="muted">{t('addProjectHint')}</p>
      <div>
        <button type="submit" class="primary" disabled={action.busy}>
          {t('addProject')}
        </button>
      </div>
      <ErrorText error={action.error} />
    </form>
  )
}
