// Hash routes of the options page: `#/`, `#/all`, `#/lock`, `#/backup`,
// `#/sign-in/<projectId>[/create|/recover][?email=<address>]`, `#/account/<id>[/<section>]`
// (sections: account/account-view.tsx ACCOUNT_SECTIONS).
import { signal } from '@preact/signals'

export type Route =
  | { view: 'projects' }
  | { view: 'overview' }
  | { view: 'lock' }
  | { view: 'backup' }
  | { view: 'sign-in'; projectId: string; form: SignInForm; email: string }
  | { view: 'account'; accountId: string; section: string | null }

/** The sign-in page signs in, or (linked from it) creates an account or recovers a password. */
export type SignInForm = 'sign-in' | 'create' | 'recover'
const SIGN_IN_FORMS: readonly string[] = ['create', 'recover'] satisfies SignInForm[]

/** Addresses of 0.1.0 that people may have bookmarked: the view of the same content now. */
const RENAMED_SECTIONS: Record<string, string> = { security: 'two-factor' }

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const [view, id, section] = path.split('/').map(decodeURIComponent)
  if (view === 'all') return { view: 'overview' }
  if (view === 'lock' || view === 'backup') return { view }
  if (view === 'security') return { view: 'lock' }
  if (view === 'sign-in' && id) {
    const form = section !== undefined && SIGN_IN_FORMS.includes(section) ? (section as SignInForm) : 'sign-in'
    return { view: 'sign-in', projectId: id, form, email: new URLSearchParams(query).get('email') ?? '' }
  }
  if (view === 'account' && id) return { view: 'account', accountId: id, section: section === undefined ? null : (RENAMED_SECTIONS[section] ?? section) }
  return { view: 'projects' }
}

export const routeHref = {
  projects: '#/',
  overview: '#/all',
  lock: '#/lock',
  backup: '#/backup',
  /** "Sign in again" passes the account's email, so the form opens filled in (issue 16). */
  signIn: (projectId: string, { form = 'sign-in', email = '' }: { form?: SignInForm; email?: string } = {}) =>
    `#/sign-in/${encodeURIComponent(projectId)}${form === 'sign-in' ? '' : `/${form}`}${email ? `?${new URLSearchParams({ email }).toString()}` : ''}`,
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
