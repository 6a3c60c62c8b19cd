// Connected apps (Appwrite 2.x): the third-party apps the person let use this account through the
// project's own OAuth2 sign-in, each with what it may reach and until when, its tokens on demand, and
// "Revoke access", which deletes the consent on the server and so ends its tokens (docs/appwrite/wire-2x.md
// sections 3.1 and 6.8). Shown only where the server has them (src/shared/server-features.ts).
import { useSignal } from '@preact/signals'
import type { AccountSummary, Consent, ConsentToken } from '../../shared/protocol.ts'
import { useAction } from '../../ui/action.ts'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { dateTime } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import { useFetched } from '../../ui/use-fetched.ts'

const listed = (values: string[]): string => (values.length === 0 ? t('none') : values.join(', '))

export function ConnectedAppsSection({ model, summary }: { model: Model; summary: AccountSummary }) {
  const { value: consents, loading, reload: load } = useFetched(() => model.request('listConsents', { accountId: summary.id }), [model, summary.id])
  const revoked = useSignal<string | null>(null)
  const list = consents.value?.consents ?? null
  return (
    <section id="connected-apps" class="card" aria-labelledby="connected-apps-heading">
      <h2 id="connected-apps-heading">{t('sectionConnectedApps')}</h2>
      <p class="muted">{t('connectedAppsIntro')}</p>
      {revoked.value === null ? null : <p role="status">{t('accessRevoked', revoked.value)}</p>}
      <ErrorText error={loading.error} />
      {list === null && loading.busy.value ? <p class="muted">{t('loading')}</p> : null}
      {list !== null && list.length === 0 ? <p>{t('connectedAppsNone')}</p> : null}
      {list !== null && list.length > 0 ? (
        <ul class="grants" aria-label={t('sectionConnectedApps')}>
          {list.map((consent) => (
            <ConsentItem
              key={consent.$id}
              model={model}
              summary={summary}
              consent={consent}
              onRevoked={async () => {
                revoked.value = consent.appId
                await load()
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

function ConsentItem({ model, summary, consent, onRevoked }: { model: Model; summary: AccountSummary; consent: Consent; onRevoked(): Promise<void> }) {
  return (
    <li class="grant" aria-label={consent.appId}>
      <dl class="facts">
        <dt>{t('consentApp')}</dt>
        <dd>
          <strong>{consent.appId}</strong>
        </dd>
        <dt>{t('consentScopes')}</dt>
        <dd>{listed(consent.scopes)}</dd>
        <dt>{t('consentResources')}</dt>
        <dd>{listed(consent.resources)}</dd>
        <dt>{t('consentGranted')}</dt>
        <dd>{dateTime(consent.$createdAt)}</dd>
        <dt>{t('consentExpires')}</dt>
        <dd>{dateTime(consent.expire)}</dd>
      </dl>
      <ConsentTokens model={model} summary={summary} consent={consent} />
      <ConfirmAction
        label={t('revokeAccess')}
        question={t('revokeAccessQuestion', consent.appId)}
        confirmLabel={t('revokeAccess')}
        onConfirm={async () => {
          const reply = await model.request('revokeConsent', { accountId: summary.id, consentId: consent.$id })
          if (reply.ok) await onRevoked()
          return reply
        }}
      />
    </li>
  )
}

/** A disclosure: the tokens are fetched when it is first opened, not for every consent up front. */
function ConsentTokens({ model, summary, consent }: { model: Model; summary: AccountSummary; consent: Consent }) {
  const tokens = useSignal<ConsentToken[] | null>(null)
  const loading = useAction()
  async function toggle(event: Event) {
    if (!(event.currentTarget as HTMLDetailsElement).open || tokens.value !== null) return
    const reply = await loading.run(() => model.request('listConsentTokens', { accountId: summary.id, consentId: consent.$id }))
    if (reply.ok) tokens.value = reply.value.tokens
  }
  const list = tokens.value
  return (
    <details class="grant-tokens" onToggle={(event) => void toggle(event)}>
      <summary>{t('showTokens')}</summary>
      {loading.busy.value ? <p class="muted">{t('loading')}</p> : null}
      <ErrorText error={loading.error} />
      {list !== null && list.length === 0 ? <p class="muted">{t('tokensNone')}</p> : null}
      {list !== null && list.length > 0 ? (
        <ul class="plain-list" aria-label={t('tokensOf', consent.appId)}>
          {list.map((token) => (
            <li key={token.$id}>
              <code>{token.$id}</code> · {listed(token.scopes)} ·{' '}
              <span class="muted">
                {t('tokenIssued', dateTime(token.$createdAt))}, {t('tokenExpires', dateTime(token.expire))}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  )
}
