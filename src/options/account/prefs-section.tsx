// Preferences as JSON (editable text) and as key/value rows, with a size meter against
// Appwrite's limit; nothing invalid or oversized is sent.
import { useSignal } from '@preact/signals'
import type { AccountSummary, Preferences } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { TextField } from '../../ui/field.tsx'
import { formatNumber } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { checkPrefs, formatPrefs, MAX_PREFS_BYTES, type PrefsCheck, withEntry, withoutEntry } from './prefs-editor.ts'

function problemText(check: PrefsCheck): string | null {
  if (check.ok) return null
  if (check.problem === 'invalidJson') return t('prefsInvalidJson', check.detail)
  if (check.problem === 'notAnObject') return t('prefsNotAnObject')
  return t('prefsTooLarge', formatNumber(check.bytes), formatNumber(MAX_PREFS_BYTES))
}

export function PrefsSection({ model, summary, prefs }: { model: Model; summary: AccountSummary; prefs: Preferences | null }) {
  /** The person's edit; null shows the server's prefs, so a newer snapshot shows at once. */
  const draft = useSignal<string | null>(null)
  const newKey = useSignal('')
  const newValue = useSignal('')
  const showProblem = useSignal(false)
  const saved = useSignal(false)
  const action = useAction()
  const text = draft.value ?? formatPrefs(prefs ?? {})
  const current = checkPrefs(text)

  function edit(next: string) {
    draft.value = next
    saved.value = false
  }

  async function save(event: Event) {
    event.preventDefault()
    showProblem.value = true
    if (!current.ok) return
    const reply = await action.run(() => model.change(summary.id, 'updatePrefs', { accountId: summary.id, prefs: current.prefs }))
    if (reply.ok) {
      draft.value = null
      saved.value = true
    }
  }

  /** The parsed prefs when the text is an object (even an oversized one), which row edits build on. */
  const editable = current.ok || current.problem === 'tooLarge' ? current.prefs : null
  const entries = Object.entries(editable ?? prefs ?? {})
  const problem = problemText(current)
  return (
    <section id="prefs" class="card" aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t('sectionPreferences')}</h2>
      <form onSubmit={save} class="prefs">
        <label class="field">
          <span class="field-label">{t('prefsJson')}</span>
          <textarea
            rows={8}
            spellcheck={false}
            class="mono"
            value={text}
            aria-invalid={!current.ok}
            // Once the person is in the editor, a refresh landing meanwhile must not replace the text
            // under their selection: the text they see becomes their draft.
            onFocus={() => {
              if (draft.value === null) draft.value = text
            }}
            onInput={(event) => edit(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">{t('prefsSize')}</span>
          <meter min={0} max={MAX_PREFS_BYTES} high={MAX_PREFS_BYTES * 0.9} value={Math.min(current.bytes, MAX_PREFS_BYTES)} />
        </label>
        <p class="muted">{t('prefsBytes', formatNumber(current.bytes), formatNumber(MAX_PREFS_BYTES))}</p>
        {problem && !current.ok && (showProblem.value || current.problem === 'tooLarge') ? (
          <p role="alert" class="error">
            {problem}
          </p>
        ) : null}
        <div>
          <button type="submit" class="primary" disabled={action.busy}>
            {t('savePrefs')}
          </button>
        </div>
        {saved.value ? <p role="status">{t('prefsSaved')}</p> : null}
        <ErrorText error={action.error} />
      </form>
      <h3>{t('prefsKeyValue')}</h3>
      {entries.length === 0 ? (
        <p class="muted">{t('prefsEmpty')}</p>
      ) : (
        <table class="kv">
          <thead>
            <tr>
              <th scope="col">{t('prefsKey')}</th>
              <th scope="col">{t('prefsValue')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, value]) => (
              <tr key={key}>
                <th scope="row" class="mono">
                  {key}
                </th>
                <td class="mono">{JSON.stringify(value)}</td>
                <td>
                  <button type="button" aria-label={t('removeKey', key)} disabled={editable === null} onClick={() => editable && edit(formatPrefs(withoutEntry(editable, key)))}>
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        class="kv-add"
        aria-label={t('prefsSetKey')}
        onSubmit={(event) => {
          event.preventDefault()
          if (editable === null || newKey.value.trim() === '') return
          edit(formatPrefs(withEntry(editable, newKey.value.trim(), newValue.value)))
          newKey.value = newValue.value = ''
        }}
      >
        <TextField label={t('prefsKey')} value={newKey} />
        <TextField label={t('prefsValue')} value={newValue} />
        <div>
          <button type="submit">{t('prefsSetKey')}</button>
        </div>
      </form>
    </section>
  )
}
