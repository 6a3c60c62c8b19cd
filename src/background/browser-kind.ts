// Where Firefox differs from Chrome at run time, decided once from the extension's own URL scheme,
// so no feature checks are scattered through the worker. (Build-time differences, background
// scripts instead of a service worker and the gecko settings, live in vite.config.ts.)
// Same in both, so not here: the Origin rule's `initiatorDomains` is `runtime.getURL('')`'s host
// (the id in Chrome, the install UUID in Firefox: docs/appwrite/wire.md section 9), and the OAuth2 redirect is
// `identity.getRedirectURL()` (`<id>.chromiumapp.org` or `<hash>.extensions.allizom.org`).

export type BrowserKind = 'chrome' | 'firefox'

export function browserKindOf(extensionUrl: string): BrowserKind {
  return extensionUrl.startsWith('moz-extension:') ? 'firefox' : 'chrome'
}

/** The notification fields Firefox's `notifications.create` rejects (schema of Firefox ESR 153). */
interface ChromeOnlyNotificationFields {
  buttons?: unknown
  requireInteraction?: unknown
}

export interface Platform {
  kind: BrowserKind
  /**
   * Options `notifications.create` accepts here. Firefox refuses the whole call when `buttons` or
   * `requireInteraction` is present, so they are dropped there: the alert still shows, and its
   * Revoke action stays in Lanyard's own pages.
   */
  notificationOptions<T extends ChromeOnlyNotificationFields>(options: T): T | Omit<T, keyof ChromeOnlyNotificationFields>
}

export function platformFor(extensionUrl: string): Platform {
  const kind = browserKindOf(extensionUrl)
  return {
    kind,
    notificationOptions(options) {
      if (kind === 'chrome') return options
      const { buttons: _buttons, requireInteraction: _requireInteraction, ...accepted } = options
      return accepted
    },
  }
}
