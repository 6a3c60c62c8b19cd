// The `queries` parameter of list routes: 1.5+ JSON queries (`{"method":"limit","values":[25]}`).
// The logs route allows only `limit` and `offset` (docs/appwrite/wire.md section 3.2); identities also allow
// cursors, filters and ordering on a few attributes (docs/appwrite/mfa.md section 3).
import type { Validator } from './params.ts'

export interface Filter {
  method: string
  attribute: string
  values: unknown[]
}

export interface ListQuery {
  limit: number
  offset: number
  filters: Filter[]
  orders: { attribute: string; descending: boolean }[]
  cursor: { id: string; after: boolean } | null
}

export const DEFAULT_LIST_LIMIT = 25
const MAX_QUERIES = 100
const FILTER_METHODS = new Set([
  'equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'isNull', 'isNotNull', 'between',
  'startsWith', 'endsWith', 'notStartsWith', 'notEndsWith', 'notBetween',
])
const KNOWN_METHODS = new Set([
  ...FILTER_METHODS, 'contains', 'notContains', 'search', 'notSearch', 'select', 'orderAsc', 'orderDesc', 'orderRandom', 'limit',
  'offset', 'cursorAfter', 'cursorBefore', 'or', 'and',
])
const PHP_INT_MAX = '9,223,372,036,854,775,807'

export function defaultListQuery(): ListQuery {
  return { limit: DEFAULT_LIST_LIMIT, offset: 0, filters: [], orders: [], cursor: null }
}

function toInteger(value: unknown): number | null {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isInteger(number) ? number : null
}

/** Null when the query was applied to `list`, else the description the validator gives. */
function applyQuery(query: string, list: ListQuery, attributes: ReadonlySet<string> | null): string | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(query)
  } catch {
    return 'Invalid query: Syntax error'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return `Invalid query. Must be an array, got ${typeof parsed}`
  const { method, attribute, values } = parsed as Record<string, unknown>
  if (typeof method !== 'string') return `Invalid query method. Must be a string, got ${typeof method}`
  if (!KNOWN_METHODS.has(method)) return `Invalid query method: ${method}`
  const valueList = Array.isArray(values) ? values : []
  const first = toInteger(valueList[0])
  switch (method) {
    case 'limit':
      if (first === null || first < 1) return `Invalid query: Invalid limit: Value must be a valid range between 1 and ${PHP_INT_MAX}`
      list.limit = first
      return null
    case 'offset':
      if (first === null || first < 0) return `Invalid query: Invalid offset: Value must be a valid range between 0 and ${PHP_INT_MAX}`
      list.offset = first
      return null
  }
  if (attributes === null) return `Invalid query method: ${method}`
  if (method === 'cursorAfter' || method === 'cursorBefore') {
    if (typeof valueList[0] !== 'string' || valueList[0] === '') return 'Invalid query: Invalid cursor: Cursor must be a valid string'
    list.cursor = { id: valueList[0], after: method === 'cursorAfter' }
    return null
  }
  const isOrder = method === 'orderAsc' || method === 'orderDesc'
  if (!isOrder && !FILTER_METHODS.has(method)) return `Invalid query method: ${method}`
  if (typeof attribute !== 'string' || !attributes.has(attribute)) return `Invalid query: Attribute not found in schema: ${String(attribute)}`
  if (isOrder) list.orders.push({ attribute, descending: method === 'orderDesc' })
  else list.filters.push({ method, attribute, values: valueList })
  return null
}

/** `attributes` null allows only `limit` and `offset`. */
export function listQueries(attributes: readonly string[] | null): Validator<ListQuery> {
  const allowed = attributes === null ? null : new Set(attributes)
  return {
    check: (value) => {
      if (!Array.isArray(value)) return { ok: false, description: 'Invalid queries: queries must be an array' }
      if (value.length > MAX_QUERIES) return { ok: false, description: `Invalid queries: at most ${MAX_QUERIES} queries are allowed` }
      const list = defaultListQuery()
      for (const query of value) {
        if (typeof query !== 'string') return { ok: false, description: 'Invalid query: Syntax error' }
        const problem = applyQuery(query, list, allowed)
        if (problem !== null) return { ok: false, description: problem }
      }
      return { ok: true, value: list }
    },
  }
}

export const limitOffsetQueries = listQueries(null)

function matches(value: unknown, filter: Filter): boolean {
  const [a, b] = filter.values
  const text = value === null || value === undefined ? null : String(value)
  switch (filter.method) {
    case 'equal':
      return filter.values.some((candidate) => String(candidate) === text)
    case 'notEqual':
      return !filter.values.some((candidate) => String(candidate) === text)
    case 'isNull':
      return text === null || text === ''
    case 'isNotNull':
      return text !== null && text !== ''
    case 'lessThan':
      return text !== null && text < String(a)
    case 'lessThanEqual':
      return text !== null && text <= String(a)
    case 'greaterThan':
      return text !== null && text > String(a)
    case 'greaterThanEqual':
      return text !== null && text >= String(a)
    case 'between':
      return text !== null && text >= String(a) && text <= String(b)
    case 'notBetween':
      return text !== null && (text < String(a) || text > String(b))
    case 'startsWith':
      return text !== null && text.startsWith(String(a))
    case 'endsWith':
      return text !== null && text.endsWith(String(a))
    case 'notStartsWith':
      return text !== null && !text.startsWith(String(a))
    case 'notEndsWith':
      return text !== null && !text.endsWith(String(a))
    default:
      return false
  }
}

/**
 * Filters, orders, applies the cursor and pages `items` (models with `$id`). Returns null when the
 * cursor names no item, for the route to answer `general_cursor_not_found`.
 */
export function runListQuery<T extends Record<string, unknown>>(items: readonly T[], query: ListQuery): { total: number; page: T[] } | null {
  let rows = items.filter((item) => query.filters.every((filter) => matches(item[filter.attribute], filter)))
  for (const order of [...query.orders].reverse()) {
    rows = [...rows].sort((x, y) => {
      const left = String(x[order.attribute] ?? '')
      const right = String(y[order.attribute] ?? '')
      return (left < right ? -1 : left > right ? 1 : 0) * (order.descending ? -1 : 1)
    })
  }
  const total = rows.length
  if (query.cursor) {
    const index = rows.findIndex((row) => row['$id'] === query.cursor?.id)
    if (index === -1) return null
    rows = query.cursor.after ? rows.slice(index + 1) : rows.slice(0, index)
  }
  return { total, page: rows.slice(query.offset, query.offset + query.limit) }
}
