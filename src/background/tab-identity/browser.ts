// The browser APIs "Use in this tab" needs, read at the moment of use: `cookies` and `scripting`
// are optional permissions (TAB-IDENTITY.md section 1.5), so their namespaces appear only once granted.
export interface TabBrowser {
  readonly cookies: Pick<typeof chrome.cookies, 'getAll' | 'set' | 'remove'>
  readonly scripting: Pick<typeof chrome.scripting, 'executeScript'>
  readonly tabs: Pick<typeof chrome.tabs, 'get' | 'query' | 'reload' | 'create' | 'remove'>
  readonly sessionRules: Pick<typeof chrome.declarativeNetRequest, 'getSessionRules' | 'updateSessionRules'>
  readonly action: Pick<typeof chrome.action, 'setBadgeText' | 'setBadgeBackgroundColor'>
  readonly permissions: Pick<typeof chrome.permissions, 'contains'>
}

export type CookieRecord = chrome.cookies.Cookie

/** Chrome's own namespaces, looked up on every use (a grant adds them to the running worker). */
export function chromeTabBrowser(): TabBrowser {
  return {
    get cookies() {
      return chrome.cookies
    },
    get scripting() {
      return chrome.scripting
    },
    get tabs() {
      return chrome.tabs
    },
    get sessionRules() {
      return chrome.declarativeNetRequest
    },
    get action() {
      return chrome.action
    },
    get permissions() {
      return chrome.permissions
    },
  }
}
