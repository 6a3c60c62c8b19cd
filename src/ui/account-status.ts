// An account's state in words, for the popup's switcher and the options page's lists and card; apart
// from the card itself, so the popup loads these few words without the options page's card.
import type { AccountStatus, AccountSummary } from '../shared/protocol.ts'
import { type MessageKey, t } from './i18n.ts'

const STATUS_LABEL: Record<AccountStatus, MessageKey> = {
  signedIn: 'statusSignedIn',
  signedOut: 'statusSignedOut',
  blocked: 'statusBlocked',
  needsSecondFactor: 'statusNeedsSecondFactor',
}

export const statusLabel = (status: AccountStatus): string => t(STATUS_LABEL[status])

/** The status in words; a session the server ended without Lanyard (`endedOnServer`) says so. */
export const accountStatusText = (summary: Pick<AccountSummary, 'status' | 'endedOnServer'>): string =>
  summary.status === 'signedOut' && summary.endedOnServer ? t('sessionEndedOnServer') : statusLabel(summary.status)
