/** A route of the options page, as a link from the popup (both pages live under src/ in the build). */
export const optionsPageLink = (route: string): string => `../options/options.html#${route}`

/** The options page's sign-in route for an account to sign in again, its email filled in (issue 16). */
export function signInAgainRoute(account: { projectId: string; email: string }): string {
  const query = account.email ? `?${new URLSearchParams({ email: account.email }).toString()}` : ''
  return `/sign-in/${encodeURIComponent(account.projectId)}${query}`
}

