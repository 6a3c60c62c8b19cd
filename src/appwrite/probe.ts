// Checks that an endpoint and project id answer like Appwrite, before a person signs in.
// GET /account without a session needs no key on any server: a guest gets 401
// `general_unauthorized_scope` only once the project has been found (docs/appwrite/wire.md section 3.3 order).
import type { ErrorData } from './errors.ts'
import { validateEndpoint } from './endpoint.ts'
import { AppwriteError, toErrorData } from './errors.ts'
import * as v from 'valibot'
import { createTransport, type FetchLike, type Transport } from './http.ts'

export type ProbeFailure =
  | 'invalid_endpoint'
  | 'unreachable'
  | 'timeout'
  | 'not_appwrite'
  | 'unknown_project'
  | 'unknown_origin'
  | 'error'

export type ProbeResult =
  | { ok: true; endpoint: string; /** The server version Appwrite names in every error body. */ version: string }
  | { ok: false; reason: ProbeFailure; error: ErrorData }

const REASON_BY_TYPE: Record<string, ProbeFailure> = {
  lanyard_invalid_endpoint: 'invalid_endpoint',
  lanyard_network: 'unreachable',
  lanyard_timeout: 'timeout',
  lanyard_not_appwrite: 'not_appwrite',
  lanyard_malformed_response: 'not_appwrite',
  lanyard_server_error: 'error',
  project_not_found: 'unknown_project',
  general_unknown_origin: 'unknown_origin',
}

const VersionSchema = v.object({ version: v.string() })

/**
 * The server's version: `GET /health/version` (public on every version), else the `version` an error
 * body named (docs/appwrite/wire-2x.md section 1, "Which version Cloud runs now"); '' when neither tells.
 */
export async function serverVersion(transport: Transport, fromError?: string): Promise<string> {
  try {
    const { data } = await transport.send({ method: 'GET', path: '/health/version' }, VersionSchema)
    if (data.version !== '') return data.version
  } catch (error) {
    if (error instanceof AppwriteError && error.version) return error.version
  }
  return fromError ?? ''
}

export async function probeProject(
  endpoint: string,
  projectId: string,
  options: { fetch?: FetchLike; timeoutMs?: number } = {},
): Promise<ProbeResult> {
  const checked = validateEndpoint(endpoint)
  if (!checked.ok) return { ok: false, reason: 'invalid_endpoint', error: checked.error }
  const transport = createTransport({ ...options, endpoint: checked.endpoint, projectId })
  try {
    await transport.exchange({ method: 'GET', path: '/account' })
  } catch (error) {
    if (error instanceof AppwriteError && error.type === 'general_unauthorized_scope') {
      return { ok: true, endpoint: checked.endpoint, version: await serverVersion(transport, error.version) }
    }
    const data = toErrorData(error)
    if (data.type === 'project_not_found') {
      data.message = `${transport.host} has no project with the id "${projectId}". Copy the id from the project's settings in the Appwrite console.`
    }
    return { ok: false, reason: REASON_BY_TYPE[data.type] ?? 'error', error: data }
  }
  // A guest can never read an account: a 2xx here is not Appwrite.
  return {
    ok: false,
    reason: 'not_appwrite',
    error: { type: 'lanyard_not_appwrite', code: 200, message: `${transport.host} answered like no Appwrite server would. Check the endpoint: it usually ends in /v1.` },
  }
}
