// CORS headers exactly as app/config/cors.php lists them in 1.9 (docs/appwrite/wire.md section 5).
import type { OutgoingHttpHeaders } from 'node:http'

const ALLOW_HEADERS = [
  'Accept', 'Origin', 'Cookie', 'Set-Cookie', 'Content-Type', 'Content-Range', 'X-Appwrite-Project', 'X-Appwrite-Key',
  'X-Appwrite-Dev-Key', 'X-Appwrite-Locale', 'X-Appwrite-Mode', 'X-Appwrite-JWT', 'X-Appwrite-Organization',
  'X-Appwrite-Response-Format', 'X-Appwrite-Timeout', 'X-Appwrite-ID', 'X-Appwrite-Timestamp', 'X-Appwrite-Session',
  'X-Appwrite-Platform', 'X-Appwrite-Impersonate-User-Id', 'X-Appwrite-Impersonate-User-Email',
  'X-Appwrite-Impersonate-User-Phone', 'X-SDK-Version', 'X-SDK-Name', 'X-SDK-Language', 'X-SDK-Platform', 'X-SDK-GraphQL',
  'X-SDK-Profile', 'Range', 'Cache-Control', 'Expires', 'Pragma', 'X-Fallback-Cookies', 'X-Requested-With',
  'X-Forwarded-For', 'X-Forwarded-User-Agent',
].join(', ')

/** `allowedOrigin` is echoed as Access-Control-Allow-Origin; null leaves that header out. */
export function corsHeaders(allowedOrigin: string | null): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Expose-Headers': 'X-Appwrite-Session, X-Fallback-Cookies',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Max-Age': '86400',
  }
  if (allowedOrigin !== null) headers['Access-Control-Allow-Origin'] = allowedOrigin
  return headers
}
