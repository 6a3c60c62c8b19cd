// One OAuth2 sign-in flow's own nonce (issue 17 item 5): without it, any `userId` and `secret`
// arriving at the extension's redirect would be accepted, whatever their path (login CSRF: someone
// else's token, signed in as them). The nonce rides in the success and failure URLs, which Appwrite
// keeps and extends with its own parameters; servers from 2.4 on also carry it back as `state`
// (docs/appwrite/wire-2x.md section 3.3). A callback is taken only on the exact redirect path with
// the nonce of the flow that is waiting for it.
import type { OAuth2UrlInput } from '../appwrite/index.ts'
import { featuresOf } from '../shared/server-features.ts'
import { toBase64 } from './base64.ts'
import { WorkerError } from './errors.ts'

const NONCE_PARAM = 'lanyard_flow'
const NONCE_BYTES = 16

export interface OAuth2Flow {
  /** What the token URL is built from, the provider aside. */
  urls: Omit<OAuth2UrlInput, 'provider'>
  /** Throws unless `finalUrl` is this flow's own callback. */
  check(finalUrl: string): void
}

function refused(provider: string): WorkerError {
  return WorkerError.of(
    'lanyard_auth_flow_failed',
    0,
    `Signing in with ${provider} was refused: the answer did not come from the sign-in Lanyard started. Nothing was signed in; try again.`,
  )
}

export function startOAuth2Flow(redirect: string, serverVersion: string | undefined, provider: string): OAuth2Flow {
  // base64url: printable ASCII, as `state` must be.
  const nonce = toBase64(crypto.getRandomValues(new Uint8Array(NONCE_BYTES))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const back = new URL(redirect)
  back.searchParams.set(NONCE_PARAM, nonce)
  const withState = featuresOf(serverVersion).oauth2State
  const expected = new URL(redirect)
  return {
    urls: { success: back.href, failure: back.href, ...(withState ? { state: nonce } : {}) },
    check(finalUrl) {
      let url: URL
      try {
        url = new URL(finalUrl)
      } catch {
        throw refused(provider)
      }
      if (url.origin !== expected.origin || url.pathname !== expected.pathname) throw refused(provider)
      if (url.searchParams.getAll(NONCE_PARAM).length !== 1 || url.searchParams.get(NONCE_PARAM) !== nonce) throw refused(provider)
      if (withState && url.searchParams.get('state') !== nonce) throw refused(provider)
    },
  }
}
