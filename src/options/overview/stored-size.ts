// The overview's "Stored" column: how much of storage.local the account's cached snapshot takes,
// against the most Lanyard keeps per account (src/shared/account-storage.ts).
import { MAX_SNAPSHOT_BYTES, snapshotBytes } from '../../shared/account-storage.ts'
import type { Snapshot } from '../../shared/protocol.ts'
import { formatNumber } from '../../ui/format.ts'
import { t } from '../../ui/i18n.ts'

const kilobytes = (bytes: number) => formatNumber(Math.ceil(bytes / 1024))

export function storedSize(snapshot: Snapshot | undefined): string {
  return snapshot ? t('storedKilobytes', kilobytes(snapshotBytes(snapshot)), kilobytes(MAX_SNAPSHOT_BYTES)) : '–'
}
