import { linkTarget } from '../shared/app-url.ts'
/** A route of the options page, as a link from the popup (both pages live under src/ in the build). */
export const optionsPageLink = (route: string): string => `../options/options.html#${route}`

/** The options page's sign-in route for an account to sign in again, its email filled in (issue 16). */
export function signInAgainRoute(account: { projectId: string; email: string }): string {
  const query = account.email ? `?${new URLSearchParams({ email: account.email }).toString()}` : ''
  return `/sign-in/${encodeURIComponent(account.projectId)}${query}`
}

/**
 * Where Appwrite's emailed links (verification, recovery) point: the project's App URL, else the
 * endpoint's origin, which Appwrite accepts only when it is the server's own domain or a Web platform
 * (docs/appwrite/wire.md section 5; src/shared/app-url.ts). The person pastes the link back into Lanyard.
 */
export function emailLinkTarget(project: { endpoint: string; appUrl?: string }): string {
  return linkTarget(project)
}
