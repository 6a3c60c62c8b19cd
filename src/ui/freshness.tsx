// How fresh the shown data is ("updated 3 minutes ago"), and why a refresh failed, inline:
// the cached content stays on screen whatever happens.
import type { Snapshot } from '../shared/protocol.ts'
import { describeError } from './errors.ts'
import { relativeTime } from './format.ts'
import { t } from './i18n.ts'
import type { Model } from './model.ts'

export function Freshness({ model, snapshot, accountId }: { model: Model; snapshot: Snapshot | null; accountId: string }) {
  const error = model.refreshError.value ?? snapshot?.error ?? null
  return (
    <div class="freshness" aria-live="polite">
      <span>
        {model.refreshing.value ? t('refreshing') : snapshot ? t('updatedAgo', relativeTime(snapshot.fetchedAt, model.now.value)) : t('notFetchedYet')}
      </span>
      {!model.online.value ? <span class="badge warn">{t('offline')}</span> : null}
      {error ? (
        <span role="alert" class="error">
          {t('refreshFailed', describeError(error))}
        </span>
      ) : null}
      <button type="button" class="link-button" disabled={model.refreshing} onClick={() => void model.refresh(accountId)}>
        {t('refresh')}
      </button>
    </div>
  )
}
