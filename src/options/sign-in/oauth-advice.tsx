// The one thing a user may have to register in their Appwrite project: for OAuth2 only, the
// extension's redirect host as a Web platform (docs/appwrite/wire.md section 5).
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { ErrorData } from '../../shared/protocol.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'

export function OAuthAdvice({ model, io, emphasis = false }: { model: Model; io: PageIO; emphasis?: boolean }) {
  const host = useSignal<string | null>(null)
  const copied = useSignal(false)
  useEffect(() => {
    void model.request('getOAuthRedirectHost', undefined).then((reply) => {
      if (reply.ok) host.value = reply.value.host
    })
  }, [model])
  if (host.value === null) return null
  const value = host.value
  return (
    <section class={emphasis ? 'oauth-advice notice' : 'oauth-advice'} aria-label={t('oauthAdviceTitle')}>
      <p>{t(emphasis ? 'oauthRegisterNeeded' : 'oauthAdvice')}</p>
      <p class="copy-row">
        <code>{value}</code>
        <button
          type="button"
          onClick={async () => {
            await io.copyText(value)
            copied.value = true
          }}
        >
          {t('copyHostname')}
        </button>
        <span aria-live="polite" class="muted">
          {copied.value ? t('copied') : ''}
        </span>
      </p>
    </section>
  )
}

/** Appwrite answers a foreign origin or an unregistered redirect this way (docs/appwrite/wire.md section 5). */
export function needsOAuthPlatform(error: ErrorData): boolean {
  return error.type === 'general_unknown_origin' || (error.type === 'general_argument_invalid' && /redirect|uri/i.test(error.message))
}
