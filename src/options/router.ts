// Hash routes of the options page: `#/`, `#/all`, `#/lock`, `#/backup`, `#/sign-in/<projectId>`,
// `#/account/<id>[/<section>]` (sections: account/account-view.tsx ACCOUNT_SECTIONS).
import { signal } from '@preact/signals'

export type Route =
  | { view: 'projects' }
  | { view: 'overview' }
  | { view: 'lock' }
  | { view: 'backup' }
  | { view: 'sign-in'; projectId: string }
  | { view: 'account'; accountId: string; section: string | null }

/** Addresses of 0.1.0 that people may have bookmarked: the view of the same content now. */
const RENAMED_SECTIONS: Record<string, string> = { security: 'two-factor' }

export function parseRoute(hash: string): Route {
  const [view, id, section] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent)
  if (view === 'all') return { view: 'overview' }
  if (view === 'lock' || view === 'backup') return { view }
  if (view === 'security') return { view: 'lock' }
  if (view === 'sign-in' && id) return { view: 'sign-in', projectId: id }
  if (view === 'account' && id) return { view: 'account', accountId: id, section: section === undefined ? null : (RENAMED_SECTIONS[section] ?? section) }
  return { view: 'projects' }
}

export const routeHref = {
  projects: '#/',
  overview: '#/all',
  lock: '#/lock',
  backup: '#/backup',
  signIn: (projectId: string) => `#/sign-in/${encodeURIComponent(projectId)}`,
  account: (accountId: string, section?: string) => `#/account/${encodeURIComponent(accountId)}${section ? `/${section}` : ''}`,
}

/** The current route, following `hashchange`; returns it with the cleanup of the listener. */
export function createRouter(location: Location, target: EventTarget) {
  const route = signal(parseRoute(location.hash))
  const onChange = () => (route.value = parseRoute(location.hash))
  target.addEventListener('hashchange', onChange)
  return { route, navigate: (href: string) => (location.hash = href), stop: () => target.removeEventListener('hashchange', onChange) }
}

export type Router = ReturnType<typeof createRouter>
