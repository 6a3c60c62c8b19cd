// The Backup view (issue 5): the configuration (projects, account colours and alert choices,
// settings; never a secret) exported to a JSON file, and imported from one with a report of what
// changed and of each entry skipped, and why.
import { useSignal } from '@preact/signals'
import type { ImportReport } from '../../shared/lock-and-alerts.ts'
import { useAction } from '../../ui/action.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { t, tCount } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'

export function BackupView({ model, io }: { model: Model; io: PageIO }) {
  return (
    <div class="view">
      <h1>{t('backupTitle')}</h1>
      <p class="muted">{t('backupExplain')}</p>
      <ExportSection model={model} io={io} />
      <ImportSection model={model} />
    </div>
  )
}

function ExportSection({ model, io }: { model: Model; io: PageIO }) {
  const action = useAction()
  async function exportConfig() {
    const reply = await action.run(() => model.request('exportConfig', undefined))
    if (reply.ok) io.download(reply.value.fileName, 'application/json', reply.value.text)
  }
  return (
    <section id="export" class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p>{t('exportExplain')}</p>
      <div>
        <button type="button" class="primary" disabled={action.busy} onClick={() => void exportConfig()}>
          {t('exportConfig')}
        </button>
      </div>
      <ErrorText error={action.error} />
    </section>
  )
}

function ImportSection({ model }: { model: Model }) {
  const action = useAction()
  const report = useSignal<ImportReport | null>(null)
  async function importFile(file: File | undefined) {
    if (!file) return
    report.value = null
    const text = await file.text()
    const reply = await action.run(() => model.request('importConfig', { text }))
    if (reply.ok) report.value = reply.value
  }
  const result = report.value
  return (
    <section id="import" class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p>{t('importExplain')}</p>
      <label class="field">
        <span class="field-label">{t('importConfig')}</span>
        <input type="file" accept="application/json,.json" disabled={action.busy} onChange={(event) => void importFile(event.currentTarget.files?.[0])} />
      </label>
      {result ? (
        <div role="status">
          <ul aria-label={t('importResult')}>
            <li>{tCount('importProjectsAdded', result.projectsAdded)}</li>
            <li>{tCount('importProjectsUpdated', result.projectsUpdated)}</li>
            <li>{tCount('importAccountsUpdated', result.accountsUpdated)}</li>
            <li>{tCount('importSettingsApplied', result.settingsApplied.length)}</li>
          </ul>
          {result.skipped.length > 0 ? (
            <>
              <p>{tCount('importSkipped', result.skipped.length)}</p>
              <ul>
                {result.skipped.map((skip, index) => (
                  <li key={index}>
                    <span class="mono">{skip.item}</span>: {skip.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={action.error} />
    </section>
  )
}
