// What the server answered as the target (its GET /account), read-only: while acting, Lanyard offers
// nothing that changes the target. On 2.x DELETE /account would delete it (docs/appwrite/wire-2x.md section 5.3).
import type { ActingState } from '../../shared/protocol.ts'
import { dateTime } from '../format.ts'
import { t } from '../i18n.ts'
import './acting-profile.css'

export function ActingProfile({ state }: { state: ActingState }) {
  const { profile } = state
  const rows: [string, string][] = [
    [t('name'), profile.name || t('unnamedAccount')],
    [t('email'), profile.email ? `${profile.email} · ${t(profile.emailVerification ? 'emailVerified' : 'emailUnverified')}` : '—'],
    [t('phone'), profile.phone ? `${profile.phone} · ${t(profile.phoneVerification ? 'phoneVerified' : 'phoneUnverified')}` : '—'],
    [t('userId'), profile.$id],
    [t('columnStatus'), t(profile.status ? 'userActive' : 'statusBlocked')],
    [t('registered'), dateTime(profile.registration)],
    [t('labelsField'), profile.labels.join(', ') || '—'],
  ]
  return (
    <section class="card acting-profile" aria-labelledby="acting-profile-heading">
      <h2 id="acting-profile-heading">{t('actingProfileHeading')}</h2>
      <dl class="profile-list">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t(state.scope === 'account' ? 'actingScopeAccount' : 'actingScopeAll')}</p>
    </section>
  )
}
