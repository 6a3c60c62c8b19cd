// The account's linked sign-in identities (OAuth2 providers, docs/appwrite/mfa.md section 3): who the provider
// says the person is and since when. The provider's tokens never reach the page.
import type { AccountSummary } from '../../shared/protocol.ts'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { dateTime } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { useFetched } from '../../ui/use-fetched.ts'

export function IdentitiesList({ model, summary }: { model: Model; summary: AccountSummary }) {
  const { value: identities, loading, reload: load } = useFetched(() => model.request('listIdentities', { accountId: summary.id }), [model, summary.id])
  const list = identities.value?.identities ?? null
  return (
    <div class="mfa-part">
      <h3>{t('identitiesHeading')}</h3>
      <ErrorText error={loading.error} />
      {list && list.length === 0 ? <p class="muted">{t('identitiesNone')}</p> : null}
      {list && list.length > 0 ? (
        <ul class="identities" aria-label={t('identitiesHeading')}>
          {list.map((identity) => (
            <li key={identity.$id}>
              <strong>{identity.provider}</strong> {identity.providerEmail} <span class="muted">{t('identityLinkedAt', dateTime(identity.$createdAt))}</span>
              <ConfirmAction
                label={t('identityRemove')}
                question={t('identityRemoveQuestion', identity.provider, identity.providerEmail || identity.providerUid)}
                confirmLabel={t('identityRemove')}
                onConfirm={async () => {
                  const reply = await model.request('deleteIdentity', { accountId: summary.id, identityId: identity.$id })
                  if (reply.ok) await load()
                  return reply
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
