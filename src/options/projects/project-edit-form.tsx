// Renames a project, changes its colour or its App URL, inline in its card. Only what the person changed is
// sent, so a colour the colour picker cannot show (an imported one, say) stays as it was.
import { useSignal } from '@preact/signals'
import type { Project } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { AppUrlField, appUrlError, appUrlInvalid } from './app-url-field.tsx'

/** `<input type="color">` holds only `#rrggbb`; anything else starts it at black. */
const pickerValue = (color: string): string => (/^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : '#000000')

interface Props {
  model: Model
  project: Project
  /** The saved project, or null when the person cancelled. */
  onDone(saved: Project | null): void
}

export function ProjectEditForm({ model, project, onDone }: Props) {
  const label = useSignal(project.label)
  const initialColor = pickerValue(project.color)
  const color = useSignal(initialColor)
  const initialAppUrl = project.appUrl ?? ''
  const appUrl = useSignal(initialAppUrl)
  const action = useAction()

  async function save(event: Event) {
    event.preventDefault()
    if (appUrlInvalid(appUrl.value)) {
      action.error.value = appUrlError()
      return
    }
    const newLabel = label.value.trim()
    const newAppUrl = appUrl.value.trim()
    const input = {
      id: project.id,
      ...(newLabel !== project.label ? { label: newLabel } : {}),
      ...(color.value !== initialColor ? { color: color.value } : {}),
      // '' removes the App URL (the worker's contract).
      ...(newAppUrl !== initialAppUrl ? { appUrl: newAppUrl } : {}),
    }
    const reply = await action.run(() => model.request('updateProject', input))
    if (reply.ok) onDone(reply.value)
  }

  return (
    <form class="project-edit" aria-label={t('editProjectNamed', project.label)} onSubmit={save}>
      <TextField label={t('label')} value={label} required />
      <label class="field">
        <span class="field-label">{t('projectColour')}</span>
        <input type="color" value={color} onInput={(event) => (color.value = event.currentTarget.value)} />
      </label>
      <AppUrlField value={appUrl} />
      <div class="actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('save')}
        </button>
        <button type="button" disabled={action.busy} onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
      <ErrorText error={action.error} />
    </form>
  )
}
