// Fault injection for tests (`POST /__dev/faults`): make matching requests slow, fail, hang up or
// answer garbage, a set number of times. The extension must never depend on it.
import { globToRegExp } from './glob.ts'
import { uniqueId } from './ids.ts'

export interface FaultInput {
  method?: string
  path: string
  /** Only requests naming this project (`X-Appwrite-Project`): one hostile project beside normal ones. */
  project?: string
  status?: number
  body?: unknown
  delayMs?: number
  dropConnection?: boolean
  malformedBody?: boolean
  times?: number
}

export interface Fault extends FaultInput {
  id: string
  matcher: RegExp
  /** How many more requests it applies to; Infinity when `times` was not given. */
  remaining: number
}

const MAX_DELAY_MS = 120_000

/** Returns the fault, or a message saying which field is wrong. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'Body must be a JSON object'
  const raw = input as Record<string, unknown>
  if (typeof raw['path'] !== 'string' || !raw['path'].startsWith('/')) return '"path" must be a glob starting with "/"'
  if (raw['method'] !== undefined && typeof raw['method'] !== 'string') return '"method" must be a string'
  if (raw['project'] !== undefined && typeof raw['project'] !== 'string') return '"project" must be a string'
  if (raw['status'] !== undefined && !(Number.isInteger(raw['status']) && (raw['status'] as number) >= 100 && (raw['status'] as number) <= 599)) {
    return '"status" must be an HTTP status (100-599)'
  }
  if (raw['delayMs'] !== undefined && !(typeof raw['delayMs'] === 'number' && raw['delayMs'] >= 0 && raw['delayMs'] <= MAX_DELAY_MS)) {
    return `"delayMs" must be a number from 0 to ${MAX_DELAY_MS}`
  }
  if (raw['times'] !== undefined && !(Number.isInteger(raw['times']) && (raw['times'] as number) >= 1)) return '"times" must be a positive integer'
  for (const flag of ['dropConnection', 'malformedBody'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') return `"${flag}" must be a boolean`
  }
  const fault: Fault = {
    id: uniqueId(),
    path: raw['path'],
    matcher: globToRegExp(raw['path']),
    remaining: (raw['times'] as number | undefined) ?? Infinity,
  }
  if (raw['method'] !== undefined) fault.method = (raw['method'] as string).toUpperCase()
  if (raw['project'] !== undefined) fault.project = raw['project'] as string
  if (raw['status'] !== undefined) fault.status = raw['status'] as number
  if (raw['body'] !== undefined) fault.body = raw['body']
  if (raw['delayMs'] !== undefined) fault.delayMs = raw['delayMs'] as number
  if (raw['dropConnection'] !== undefined) fault.dropConnection = raw['dropConnection'] as boolean
  if (raw['malformedBody'] !== undefined) fault.malformedBody = raw['malformedBody'] as boolean
  if (raw['times'] !== undefined) fault.times = raw['times'] as number
  return fault
}

/** The first fault matching the request, used up by one. */
export function takeFault(faults: Fault[], method: string, path: string, project?: string): Fault | undefined {
  const index = faults.findIndex(
    (fault) => (fault.method === undefined || fault.method === method) && (fault.project === undefined || fault.project === project) && fault.matcher.test(path),
  )
  if (index === -1) return undefined
  const fault = faults[index] as Fault
  fault.remaining--
  if (fault.remaining <= 0) faults.splice(index, 1)
  return fault
}

export function describeFault(fault: Fault): Omit<Fault, 'matcher' | 'remaining'> & { remaining: number | null } {
  const { matcher: _matcher, remaining, ...rest } = fault
  return { ...rest, remaining: Number.isFinite(remaining) ? remaining : null }
}
