// Origin and redirect validation (docs/appwrite/wire.md section 5): web and extension schemes need their host
// among the allowed hostnames; any other scheme must itself be allowed.
import type { ProjectConfig } from './config.ts'

/** Schemes whose host is checked against the platform hostnames, with the name the error uses. */
const WEB_SCHEMES: Readonly<Record<string, string>> = {
  http: 'Web',
  https: 'Web',
  'chrome-extension': 'Web (Chrome Extension)',
  'moz-extension': 'Web (Firefox Extension)',
  'safari-web-extension': 'Web (Safari Extension)',
  'ms-browser-extension': 'Web (Edge Extension)',
  tauri: 'Web (Tauri)',
}

export interface OriginPolicy {
  hostnames: string[]
  schemes: Set<string>
  /** 2.x (`Platform::LOOPBACK_ALIASES`): `127.0.0.1` and `[::1]` match a `localhost` hostname. */
  loopbackAliases: boolean
}

const LOOPBACK_ALIASES = new Set(['127.0.0.1', '[::1]', '::1'])

/**
 * `allowedHostnames`: the server's domain (`_APP_DOMAIN`, default `localhost`) and the project's platform
 * hostnames/keys. `allowedSchemes`: http(s), `exp`, `appwrite-callback-<pid>`.
 */
export function originPolicy(project: ProjectConfig | undefined, domain: string, loopbackAliases: boolean): OriginPolicy {
  const hostnames = [domain]
  const schemes = new Set(['http', 'https', 'exp'])
  if (project) {
    schemes.add(`appwrite-callback-${project.id}`)
    for (const platform of project.platforms) {
      const name = platform.type === 'web' ? platform.hostname : platform.key
      if (name) hostnames.push(name.toLowerCase())
      if (platform.type === 'scheme' && platform.key) schemes.add(platform.key)
    }
  }
  return { hostnames, schemes, loopbackAliases }
}

export function hostAllowed(host: string, policy: OriginPolicy): boolean {
  if (hostnameAllowed(host, policy.hostnames)) return true
  return policy.loopbackAliases && LOOPBACK_ALIASES.has(host) && policy.hostnames.includes('localhost')
}

/** utopia `Hostname`: exact, `*`, or a `*.suffix` wildcard with the same number of labels. */
export function hostnameAllowed(host: string, allowed: readonly string[]): boolean {
  for (const pattern of allowed) {
    if (pattern === host || pattern === '*') return true
    if (pattern.startsWith('*.')) {
      const patternLabels = pattern.split('.')
      const hostLabels = host.split('.')
      if (patternLabels.length === hostLabels.length && patternLabels.every((label, i) => label === '*' || label === hostLabels[i])) return true
    }
  }
  return false
}

export function splitOrigin(value: string): { scheme: string; host: string } {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/([^/?#]*))?/.exec(value)
  if (!match) return { scheme: '', host: '' }
  const authority = (match[2] ?? '').replace(/^[^@]*@/, '')
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '')
  return { scheme: (match[1] ?? '').toLowerCase(), host: host.toLowerCase() }
}

/** Null when valid, else the description Appwrite gives. `kind` is "Origin" or "URI" (Redirect). */
export function originProblem(value: string, policy: OriginPolicy, projectId: string, kind: 'Origin' | 'URI'): string | null {
  const { scheme, host } = splitOrigin(value)
  const platform = WEB_SCHEMES[scheme]
  if (platform !== undefined) {
    if (host !== '' && hostAllowed(host, policy)) return null
  } else if (scheme !== '' && policy.schemes.has(scheme)) {
    return null
  }
  if (scheme === '' && host === '') return `Invalid ${kind}.`
  if (platform === undefined) {
    return `Invalid Scheme. The scheme used (${scheme}) in the ${kind} (${value}) is not supported. If you are using a custom scheme, please change it to \`appwrite-callback-${projectId}\``
  }
  return `Invalid ${kind}. Register your new client (${host}) as a new ${platform} platform on your project console dashboard`
}
