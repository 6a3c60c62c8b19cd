// Impersonation (docs/appwrite/wire-2x.md section 5): a user with the `impersonator` flag names a target with
// X-Appwrite-Impersonate-User-Id, -Email or -Phone (in that order; on GET also the query parameters). Unknown
// targets, and callers without the flag, are ignored silently. 1.9.x swaps the caller for the target on every
// route, with no session; 2.x keeps the operator and acts on the target only for GET and DELETE /account.
import type { IncomingMessage } from 'node:http'
import { is2x } from './config.ts'
import type { Caller, Result } from './context.ts'
import type { ProjectState, ServerState, UserRecord } from './state.ts'

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name]
  return typeof value === 'string' ? value : ''
}

/** The header, else (GET only) the query parameter in either spelling. */
function input(req: IncomingMessage, method: string, query: Record<string, unknown>, name: string, params: readonly string[]): string {
  const fromHeader = header(req, name)
  if (fromHeader !== '' || method !== 'GET') return fromHeader
  for (const param of params) {
    const value = query[param]
    if (typeof value === 'string' && value !== '') return value
  }
  return ''
}

function targetOf(project: ProjectState, req: IncomingMessage, method: string, query: Record<string, unknown>): UserRecord | undefined {
  const id = input(req, method, query, 'x-appwrite-impersonate-user-id', ['impersonateuserid', 'impersonateUserId'])
  if (id !== '') return project.users.get(id)
  const email = input(req, method, query, 'x-appwrite-impersonate-user-email', ['impersonateemail', 'impersonateEmail'])
  if (email !== '') return project.userByEmail(email.toLowerCase())
  const phone = input(req, method, query, 'x-appwrite-impersonate-user-phone', ['impersonatephone', 'impersonatePhone'])
  return phone === '' ? undefined : project.userByPhone(phone)
}

/** The routes 2.x runs as the target; the others act on the operator. */
const TARGET_ROUTES_2X = new Set(['GET /v1/account', 'DELETE /v1/account'])

/** Points the caller at the impersonated user, where the version does so. */
export function applyImpersonation(state: ServerState, project: ProjectState, req: IncomingMessage, method: string, query: Record<string, unknown>, pattern: string, caller: Caller): void {
  const operator = caller.user
  if (!operator?.impersonator || caller.key) return
  const target = targetOf(project, req, method, query)
  if (!target) return
  caller.impersonator = operator
  caller.target = target
  if (is2x(state.config.version)) {
    if (TARGET_ROUTES_2X.has(`${method === 'HEAD' ? 'GET' : method} ${pattern}`)) caller.user = target
    return
  }
  // 1.9.x: the target replaces the caller; its session is not the caller's, so none is known.
  caller.user = target
  caller.session = null
}

/** Impersonators read the project's users with their own session (`users.read`). */
export function withImpersonatorScopes(caller: Caller, scopes: ReadonlySet<string>): ReadonlySet<string> {
  const operator = caller.impersonator ?? caller.user
  return operator?.impersonator && !caller.key ? new Set([...scopes, 'users.read']) : scopes
}

/** `impersonatorUserId` on an Account body of the target. */
export function markImpersonated(caller: Caller, result: Result): void {
  const body = result.body as Record<string, unknown> | undefined
  if (caller.impersonator && caller.target && result.model === 'account' && body?.['$id'] === caller.target.id) body['impersonatorUserId'] = caller.impersonator.id
}
