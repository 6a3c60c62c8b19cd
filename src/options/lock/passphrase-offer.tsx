// The first-run offer of a passphrase (issue 5): a card on the Accounts page until the person sets
// one or dismisses it (issue 16: not a fixture of every page); the answer is kept, so it is offered once.
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { items, storedOrFallback } from '../../shared/storage.ts'
import { t } from '../../ui/i18n.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { routeHref } from '../router.ts'

export function PassphraseOffer({ model, io }: { model: Model; io: PageIO }) {
  const show = useSignal(false)
  useEffect(() => {
    let current = true
    const done = items.passphraseOfferDone
    void Promise.all([io.readStorage([done.key]), model.request('getLockStatus', undefined)]).then(([stored, status]) => {
      if (current) show.value = !storedOrFallback(done, stored[done.key]) && status.ok && !status.value.passphraseSet
    })
    return () => {
      current = false
    }
  }, [model, io])
  if (!show.value) return null
  const dismiss = () => {
    show.value = false
    void model.request('dismissPassphraseOffer', undefined)
  }
  return (
    <aside class="card offer" aria-labelledby="offer-heading">
      <div class="card-head">
        <h2 id="offer-heading">{t('offerHeading')}</h2>
        <button type="button" class="close-button" aria-label={t('offerDismiss')} title={t('offerDismiss')} onClick={dismiss}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p>{t('offerText')}</p>
      <div class="actions">
        <a class="button primary" href={routeHref.lock} onClick={() => (show.value = false)}>
          {t('offerSetPassphrase')}
        </a>
        <button type="button" onClick={dismiss}>
          {t('offerNotNow')}
        </button>
      </div>
    </aside>
  )
}
