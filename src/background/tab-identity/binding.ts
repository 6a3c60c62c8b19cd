// What a tab record's sealed data is bound to (AES-GCM additional data), so one tab's record cannot
// be swapped for another's. Its own file: the vault re-seals the records when the passphrase changes.
import type { TabRecord } from '../../shared/storage.ts'

export const tabRecordBinding = (record: Pick<TabRecord, 'tabId' | 'since'>) => `tab-identity:${record.tabId}:${record.since}`
