// The few HTML pages: Appwrite's error page (OAuth2 routes, unknown paths) and the dev outbox page.
import type { ErrorBody } from './errors.ts'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function errorPage(error: ErrorBody): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error ${error.code}</title></head>
<body><h1>Error ${error.code}</h1><p>${escapeHtml(error.message)}</p><p>Type: <code>${escapeHtml(error.type)}</code></p>
<p><small>Appwrite-compatible test server ${escapeHtml(error.version)}</small></p></body></html>
`
}
