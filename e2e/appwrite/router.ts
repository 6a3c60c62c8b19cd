// Method + path -> route. Static paths are one map lookup (the hot path); paths with `:params`
// are tried in order after that.
import type { Route } from './context.ts'

export interface Match {
  route: Route
  /** The pattern that matched, for rate-limit keys. */
  pattern: string
  pathParams: Record<string, string>
}

interface DynamicEntry {
  route: Route
  pattern: string
  segments: string[]
}

export class Router {
  private readonly statics = new Map<string, Match>()
  private readonly dynamics = new Map<string, DynamicEntry[]>()

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      for (const pattern of route.paths) {
        if (!pattern.includes(':')) {
          this.statics.set(`${route.method} ${pattern}`, { route, pattern, pathParams: {} })
        } else {
          const list = this.dynamics.get(route.method) ?? []
          list.push({ route, pattern, segments: pattern.split('/') })
          this.dynamics.set(route.method, list)
        }
      }
    }
  }

  match(method: string, requestPath: string): Match | null {
    const path = requestPath.length > 1 && requestPath.endsWith('/') ? requestPath.slice(0, -1) : requestPath
    const found = this.statics.get(`${method} ${path}`)
    if (found) return found
    const entries = this.dynamics.get(method)
    if (!entries) return null
    const segments = path.split('/')
    for (const entry of entries) {
      if (entry.segments.length !== segments.length) continue
      const pathParams: Record<string, string> = {}
      let ok = true
      for (let i = 0; i < segments.length; i++) {
        const expected = entry.segments[i] as string
        const actual = segments[i] as string
        if (expected.startsWith(':')) {
          if (actual === '') {
            ok = false
            break
          }
          try {
            pathParams[expected.slice(1)] = decodeURIComponent(actual)
          } catch {
            pathParams[expected.slice(1)] = actual
          }
        } else if (expected !== actual) {
          ok = false
          break
        }
      }
      if (ok) return { route: entry.route, pattern: entry.pattern, pathParams }
    }
    return null
  }
}
