// Who may talk to the worker: only this extension's own pages, in their top frame (the idea of
// Bitwarden's `senderIsInternal`). The manifest already allows no other extension
// (`externally_connectable: { ids: [] }`) and has no content scripts; this is the second lock.

/** The fields of `runtime.MessageSender` that matter here. */
export interface SenderLike {
  id?: string
  url?: string
  frameId?: number
  tab?: unknown
}

export interface Self {
  /** `runtime.id` */
  id: string
  /** `urlOrigin(runtime.getURL(''))`, e.g. `chrome-extension://<id>` */
  origin: string
}

/** `scheme://host`: `URL.origin` is "null" for extension schemes outside the browser that owns them. */
export function urlOrigin(url: string): string {
  const parsed = new URL(url)
  return `${parsed.protocol}//${parsed.host}`
}

export function isInternalSender(sender: SenderLike, self: Self): boolean {
  if (sender.id !== self.id || sender.url === undefined) return false
  let origin: string
  try {
    origin = urlOrigin(sender.url)
  } catch {
    return false
  }
  if (origin !== self.origin) return false
  // A page opened in a tab (the options page) must be the top frame; the popup has no tab.
  return sender.tab === undefined || sender.frameId === 0
}
