// The optional App URL of a project (src/shared/app-url.ts): the field with its help text, and the check
// both project forms run before sending, so a typo is named at once rather than by the worker.
import type { Signal } from '@preact/signals'
import { normalizeAppUrl } from '../../shared/app-url.ts'
import type { ErrorData } from '../../shared/protocol.ts'
import { TextField } from '../../ui/field.tsx'
import { t } from '../../ui/i18n.ts'

/** A text box, not type="url": the browser's own check would speak before the specific message below. */
export function AppUrlField({ value }: { value: Signal<string> }) {
  return <TextField label={t('appUrl')} value={value} autoComplete="url" placeholder="https://app.example.com/" hint={t('appUrlHint')} />
}

/** Empty is fine (no App URL); anything else must be an http(s) address without credentials. */
export const appUrlInvalid = (input: string): boolean => input.trim() !== '' && normalizeAppUrl(input) === null

export const appUrlError = (): ErrorData => ({ type: 'lanyard_invalid_input', code: 0, message: t('errorAppUrlInvalid') })
