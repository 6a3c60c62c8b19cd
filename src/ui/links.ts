/** A route of the options page, as a link from the popup (both pages live under src/ in the build). */
export const optionsPageLink = (route: string): string => `../options/options.html#${route}`

/**
 * Where Appwrite's emailed links (verification, recovery) point. Appwrite accepts its own host as
 * a redirect without any registered platform (docs/appwrite/wire.md section 5: `platform.hostnames`); the
 * person copies the link from the email and pastes it back into Lanyard.
 */
export function emailLinkTarget(endpoint: string): string {
  return `${new URL(endpoint).origin}/`
}
