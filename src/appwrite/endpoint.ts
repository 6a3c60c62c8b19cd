// Checks an endpoint a person typed before anything is sent to it. A session travels to this
// URL on every call, so it must be https (or plain http to this machine only) and carry nothing
// that would leak or confuse: no credentials, no query, no fragment.
import type { ErrorData } from './errors.ts'

export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; error: ErrorData }

const LOOPBACK_HOSTS = /^(?:localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.test(hostname)
}

function invalid(message: string): EndpointCheck {
  return { ok: false, error: { type: 'lanyard_invalid_endpoint', code: 0, message } }
}

/**
 * Normalises to `scheme://host[:port]/path` without a trailing slash; a bare host gets `/v1`,
 * the path every Appwrite API lives under.
 */
export function validateEndpoint(input: string): EndpointCheck {
  const text = input.trim()
  if (text === '') return invalid('Enter the Appwrite endpoint, for example https://cloud.appwrite.io/v1.')
  if (/^\s*javascript:/i.test(text)) return invalid('A javascript: address cannot be an endpoint. Enter an https:// URL.')
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return invalid('Enter the full endpoint including https://, for example https://appwrite.example.com/v1.')
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return invalid('This is not a valid URL. Enter the full endpoint, for example https://appwrite.example.com/v1.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid(`The endpoint must start with https:// (this one uses ${url.protocol}).`)
  }
  if (url.username !== '' || url.password !== '') {
    return invalid('Remove the user name and password from the endpoint URL; Lanyard signs in with the Appwrite account instead.')
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return invalid(`Plain http:// would send sessions unencrypted to ${url.host}. Use https://, or http:// only for this machine (localhost, 127.0.0.1).`)
  }
  if (url.search !== '' || url.hash !== '') {
    return invalid('Remove the ?query and #fragment from the endpoint URL.')
  }
  const path = url.pathname.replace(/\/+$/, '')
  return { ok: true, endpoint: `${url.protocol}//${url.host}${path === '' ? '/v1' : path}` }
}
