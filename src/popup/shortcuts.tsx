// The keyboard shortcuts as the browser assigned them (commands.getAll), not as the manifest suggests
// them: a key another extension or the browser holds is shown as not set. With a way to change them.
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { pageBrowser as browser } from '../ui/page-browser.ts'
import { t, type MessageKey } from '../ui/i18n.ts'

export interface Shortcut {
  name?: string
  shortcut?: string
}

export interface ShortcutAccess {
  list(): Promise<Shortcut[]>
  /** Opens the browser's own page for extension shortcuts. */
  openSettings(): Promise<void>
}

const COMMAND_LABELS: Record<string, MessageKey> = {
  _execute_action: 'commandOpenPopup',
  'switch-next-account': 'commandSwitchNext',
  'lock-now': 'commandLockNow',
}

/** Firefox opens its shortcut manager itself (commands.openShortcutSettings); Chromium has a page for it. */
export const extensionShortcuts: ShortcutAccess = {
  list: () => browser.commands.getAll(),
  async openSettings() {
    const commands = browser.commands as { openShortcutSettings?: () => Promise<void> }
    if (commands.openShortcutSettings) await commands.openShortcutSettings()
    else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' })
  },
}

export function Shortcuts({ access }: { access: ShortcutAccess }) {
  const list = useSignal<Shortcut[]>([])
  useEffect(() => {
    const order = Object.keys(COMMAND_LABELS)
    void access.list().then(
      (found) =>
        (list.value = found
          .filter((c) => c.name !== undefined && c.name in COMMAND_LABELS)
          .sort((a, b) => order.indexOf(a.name as string) - order.indexOf(b.name as string))),
    )
  }, [access])
  if (list.value.length === 0) return null
  return (
    <details class="shortcuts">
      <summary>{t('shortcuts')}</summary>
      <dl>
        {list.value.map((command) => (
          <div key={command.name} class="shortcut-row">
            <dt>{command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="muted">{t('shortcutNotSet')}</span>}</dt>
            <dd>{t(COMMAND_LABELS[command.name as string] as MessageKey)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="link-button" onClick={() => void access.openSettings()}>
        {t('changeShortcuts')}
      </button>
    </details>
  )
}
