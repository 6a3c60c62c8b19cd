// The 2.x `custom` MFA factor (docs/appwrite/wire-2x.md section 6.5): the project's own server fetches the
// challenge's code and delivers it through its own channel, so Lanyard can only say whether it is there.
// Servers before 2.0 do not report it, and then nothing is shown.
import type { Signal } from '@preact/signals'
import type { MfaFactors } from '../../shared/protocol.ts'
import { t } from '../../ui/i18n.ts'

export function CustomFactor({ factors }: { factors: Signal<MfaFactors | null> }) {
  const custom = factors.value?.custom
  if (custom === undefined) return null
  return (
    <div class="mfa-part">
      <h3>{t('mfaCustomFactor')}</h3>
      <p role="status">{t(custom ? 'mfaCustomOn' : 'mfaCustomOff')}</p>
    </div>
  )
}
