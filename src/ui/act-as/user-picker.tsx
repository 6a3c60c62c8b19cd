// "Find a user" (issue 15): searches the project's users on the server with the operator's session,
// debounced while the person types, a page at a time. Each result is a button named by the user's
// email (else phone, else id) showing name, status and verification; the server's password hashes
// never reach a page (the client drops them, src/appwrite/users.ts).
import { useSignal } from '@preact/signals'
import { useEffect, useId } from 'preact/hooks'
import type { ErrorData, UserSummary } from '../../shared/protocol.ts'
import { userLabel } from '../../shared/user-label.ts'
import { ErrorText } from '../error-text.tsx'
import { t } from '../i18n.ts'
import type { Model } from '../model.ts'
import './user-picker.css'

export const SEARCH_DEBOUNCE_MS = 300
export const USERS_PAGE_SIZE = 10

/** The picker's name of a user, as everywhere else (src/shared/user-label.ts). */
export const pickerLabel = (user: UserSummary): string => userLabel({ ...user, userId: user.$id })

interface Props {
  model: Model
  /** The operator account whose session searches. */
  accountId: string
  onPick(user: UserSummary): void
  /** The picked user is marked as chosen. */
  pickedId?: string
}

export function UserPicker({ model, accountId, onPick, pickedId }: Props) {
  const search = useSignal('')
  const users = useSignal<UserSummary[]>([])
  const total = useSignal(0)
  const busy = useSignal(false)
  const error = useSignal<ErrorData | null>(null)
  const hintId = useId()

  async function load(offset: number): Promise<void> {
    const query = search.value
    busy.value = true
    const reply = await model.request('searchUsers', { accountId, search: query, offset, limit: USERS_PAGE_SIZE })
    // A reply to an older search than the one typed now is dropped.
    if (query !== search.value) return
    busy.value = false
    if (!reply.ok) {
      error.value = reply.error
      return
    }
    error.value = null
    total.value = reply.value.total
    users.value = offset === 0 ? reply.value.users : [...users.value, ...reply.value.users]
  }

  useEffect(() => {
    const timer = setTimeout(() => void load(0), search.value === '' ? 0 : SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [accountId, search.value])

  return (
    <div class="user-picker">
      <label class="field">
        <span class="field-label">{t('findUser')}</span>
        <input
          type="search"
          role="searchbox"
          aria-label={t('findUser')}
          aria-describedby={hintId}
          placeholder={t('findUserHint')}
          value={search.value}
          onInput={(event) => (search.value = event.currentTarget.value)}
        />
      </label>
      <p id={hintId} class="hint" aria-live="polite">
        {busy.value ? t('actAsSearching') : users.value.length === 0 ? t('actAsNoUsers') : t('actAsShown', String(users.value.length), String(total.value))}
      </p>
      <ul class="user-results plain-list" aria-label={t('actAsResults')}>
        {users.value.map((user) => (
          <li key={user.$id} class="user-result">
            <button
              type="button"
              aria-describedby={`${hintId}-${user.$id}`}
              aria-pressed={pickedId === undefined ? undefined : pickedId === user.$id}
              onClick={() => onPick(user)}
            >
              {pickerLabel(user)}
            </button>
            <span class="user-result-meta" id={`${hintId}-${user.$id}`}>
              {user.name ? `${user.name} · ` : ''}
              {t(user.status ? 'userActive' : 'statusBlocked')}
              {user.email ? ` · ${t(user.emailVerification ? 'emailVerified' : 'emailUnverified')}` : ''}
              {user.phone ? ` · ${t(user.phoneVerification ? 'phoneVerified' : 'phoneUnverified')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {users.value.length < total.value ? (
        <button type="button" disabled={busy.value} onClick={() => void load(users.value.length)}>
          {t('actAsMore')}
        </button>
      ) : null}
      <ErrorText error={error} />
    </div>
  )
}
