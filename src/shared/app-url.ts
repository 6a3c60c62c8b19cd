// The per-project App URL: the address of the user's own web app, used for emailed links instead of
// the endpoint's origin. Appwrite accepts a link or redirect URL only when its host is a Web platform
// of the project or the server's own domain (docs/appwrite/wire.md section 5), so the endpoint's
// origin works only where the endpoint host is the server's domain.

/** The App URL as stored: http(s), no credentials, no query or fragment; null when it is none of these. */
export function normalizeAppUrl(input: string): string | null {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') return null
  return `${url.origin}${url.pathname}`
}

/** Where emailed links point: the App URL, else the endpoint's origin. */
export function linkTarget(project: { endpoint: string; appUrl?: string }): string {
  return project.appUrl ?? `${new URL(project.endpoint).origin}/`
}

/** The origin of the project's App URL (how "Use in this tab" recognises the app); null without one. */
export function appUrlOrigin(project: { appUrl?: string }): string | null {
  return project.appUrl === undefined ? null : new URL(project.appUrl).origin
}

/** What to do when the server refuses a link URL (issue 14 wording). */
export function refusedLinkAdvice(url: string): string {
  return `add a Web platform with hostname ${new URL(url).hostname} in the Appwrite console, or set the App URL`
}
