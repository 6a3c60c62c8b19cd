// Finds a Chromium to drive, and on Debian-like machines where we run as root installs Debian's
// `chromium` when none is present (Playwright's own browser download is not an option: TOOLCHAIN).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

function firstPresent(): string | undefined {
  const fromEnv = process.env.LANYARD_CHROMIUM
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  return candidates.find((path) => existsSync(path))
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

export function ensureChromium(): string {
  const found = firstPresent()
  if (found) return found
  if (!canInstallWithApt()) {
    throw new Error(
      'No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
        'or set LANYARD_CHROMIUM to the path of a Chromium or Chrome binary.',
    )
  }
  console.log('No Chromium found: installing Debian’s chromium package (apt-get)…')
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  const installed = firstPresent()
  if (!installed) throw new Error('apt-get installed chromium, but no binary was found at /usr/bin/chromium.')
  return installed
}
