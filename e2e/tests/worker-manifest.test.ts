// Least privilege, checked on what ships: the built manifests may hold nothing beyond issue 3's
// list (permissions, hosts, no content scripts, no web-accessible resources, the default CSP).
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { chromeDist, firefoxDist, repoRoot } from '../harness/paths.ts'

type Manifest = Record<string, unknown> & {
  permissions?: string[]
  host_permissions?: string[]
  optional_host_permissions?: string[]
  optional_permissions?: string[]
  background?: Record<string, unknown>
  browser_specific_settings?: { gecko?: Record<string, unknown>; gecko_android?: Record<string, unknown> }
}

// activeTab: the popup learns the current tab's address to ask for that site (issue 7, no install warning).
// idle: lock when the system locks; notifications: sign-in alerts with a Revoke button (issue 5).
const ALLOWED_PERMISSIONS = ['storage', 'alarms', 'declarativeNetRequestWithHostAccess', 'identity', 'activeTab', 'idle', 'notifications']
/** "Use in this tab" (issue 7), asked for at the moment of use. */
const ALLOWED_OPTIONAL_PERMISSIONS = ['cookies', 'scripting']
const ALLOWED_HOSTS = ['https://*.cloud.appwrite.io/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*']
const ALLOWED_OPTIONAL_HOSTS = ['https://*/*', 'http://*/*']
/** Every top-level key a build may have; anything else (content_scripts, CSP, ...) fails. */
const COMMON_KEYS = [
  'manifest_version', 'name', 'short_name', 'description', 'version', 'default_locale', 'icons',
  'background', 'action', 'options_ui', 'permissions', 'host_permissions', 'optional_host_permissions', 'optional_permissions', 'commands',
]
const PINNED_ID = 'iicjoikicipfiemkmknddoopcgjkpbpb'

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest

/** Chrome's id: the first 128 bits of sha256(DER public key), hex digits mapped 0-f to a-p. */
function idFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32)
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('')
}

function expectLeastPrivilege(manifest: Manifest) {
  expect(manifest.manifest_version).toBe(3)
  expect(ALLOWED_PERMISSIONS).toEqual(expect.arrayContaining(manifest.permissions ?? []))
  expect(ALLOWED_HOSTS).toEqual(expect.arrayContaining(manifest.host_permissions ?? []))
  expect(ALLOWED_OPTIONAL_HOSTS).toEqual(expect.arrayContaining(manifest.optional_host_permissions ?? []))
  expect(manifest.optional_permissions).toEqual(ALLOWED_OPTIONAL_PERMISSIONS)
  expect(manifest).not.toHaveProperty('content_scripts')
  expect(manifest).not.toHaveProperty('web_accessible_resources')
  expect(manifest).not.toHaveProperty('content_security_policy')
}

describe('built manifests', () => {
  // global-setup built both product builds: the Firefox one is derived from the same manifest.json.
  it('chrome: only the allowed permissions, hosts and keys; no other extension may connect', () => {
    const manifest = read(chromeDist)
    expectLeastPrivilege(manifest)
    expect(Object.keys(manifest).sort()).toEqual([...COMMON_KEYS, 'key', 'externally_connectable'].sort())
    expect(manifest.externally_connectable).toEqual({ ids: [] })
    expect(manifest.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module' })
  })

  it('chrome: the key pins the extension id, so the OAuth2 redirect host is stable', () => {
    expect(idFromKey(String(read(chromeDist).key))).toBe(PINNED_ID)
  })

  it('firefox: same privileges, background scripts, gecko id and data-collection declaration, no key', () => {
    const manifest = read(firefoxDist)
    expectLeastPrivilege(manifest)
    expect(Object.keys(manifest).sort()).toEqual([...COMMON_KEYS, 'browser_specific_settings'].sort())
    expect(manifest.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' })
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: 'lanyard@lanyard.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    })
    const chrome = read(chromeDist)
    expect(manifest.permissions).toEqual(chrome.permissions)
    expect(manifest.host_permissions).toEqual(chrome.host_permissions)
  })

  it('firefox: web-ext lint reports no errors', async () => {
    const webExt = join(repoRoot, 'node_modules', '.bin', 'web-ext')
    const { stdout } = await promisify(execFile)(webExt, ['lint', '--source-dir', firefoxDist, '--output', 'json', '--no-config-discovery'], {
      cwd: repoRoot,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
    const report = JSON.parse(stdout) as { errors: { code: string; message: string }[] }
    expect(report.errors).toEqual([])
  })
})
