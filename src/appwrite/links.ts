// Links Appwrite sends by email (magic URL, verification, recovery) and the OAuth2 success
// redirect all carry `userId` and `secret` in the query (docs/appwrite/wire.md section 2.3, 3.2).
import * as v from 'valibot'
import { AppwriteError, lanyardError } from './errors.ts'

export interface LinkSecret {
  userId: string
  secret: string
}

/** What Appwrite appends to the OAuth2 `failure` URL as `?error=<json>`. */
const OAuthFailureSchema = v.object({ message: v.string(), type: v.string(), code: v.number() })

function queryOf(link: string): URLSearchParams | null {
  const text = link.trim()
  try {
    return new URL(text).searchParams
  } catch {
    // A person may paste only the query part of the link.
    return text.includes('=') ? new URLSearchParams(text.replace(/^[^?]*\?/, '')) : null
  }
}

/** Reads `userId` and `secret` from a pasted link; `what` names the link in the error, e.g. "magic link". */
export function parseSecretLink(link: string, what = 'link'): LinkSecret {
  const query = queryOf(link)
  const userId = query?.get('userId') ?? ''
  const secret = query?.get('secret') ?? ''
  if (userId === '' || secret === '') {
    throw lanyardError(
      'lanyard_invalid_link',
      `This ${what} has no ${userId === '' ? 'userId' : 'secret'} in it. Paste the whole link from the message, starting with http.`,
    )
  }
  return { userId, secret }
}

/**
 * The final redirect of the OAuth2 token flow: `success?userId=&secret=`, or `failure?error=<json>`,
 * which becomes Appwrite's own error.
 */
export function parseOAuth2Redirect(redirectUrl: string): LinkSecret {
  const failure = queryOf(redirectUrl)?.get('error')
  if (failure) {
    let parsed: unknown
    try {
      parsed = JSON.parse(failure)
    } catch {
      parsed = null
    }
    const error = v.safeParse(OAuthFailureSchema, parsed)
    if (error.success) throw new AppwriteError(error.output.type, error.output.code, error.output.message)
    throw lanyardError('lanyard_invalid_link', 'The sign-in provider reported a failure without details. Try again.')
  }
  return parseSecretLink(redirectUrl, 'sign-in redirect')
}

export interface OAuth2UrlInput {
  provider: string
  /** Where Appwrite redirects with `userId` and `secret`: must be a registered platform (docs/appwrite/wire.md section 5). */
  success: string
  failure: string
  scopes?: string[]
  /** 2.4+: passed back unchanged on the success and failure URLs (docs/appwrite/wire-2x.md section 3.3). */
  state?: string
}

/** `GET /account/tokens/oauth2/{provider}`, opened in a browser window, never fetched (docs/appwrite/wire.md section 2.3). */
export function buildOAuth2TokenUrl(endpoint: string, projectId: string, input: OAuth2UrlInput): string {
  const query = new URLSearchParams({ project: projectId, success: input.success, failure: input.failure })
  for (const scope of input.scopes ?? []) query.append('scopes[]', scope)
  if (input.state !== undefined) query.set('state', input.state)
  return `${endpoint}/account/tokens/oauth2/${encodeURIComponent(input.provider)}?${query.toString()}`
}
