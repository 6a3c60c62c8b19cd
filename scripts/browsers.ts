// Finds a browser to drive, and on Debian-like machines where we run as root installs Debian's
// package when none is present (Playwright's own browser downloads are not an option: TOOLCHAIN).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export interface BrowserSpec {
  name: string
  /** Set to a binary's path to use that one. */
  envVar: string
  aptPackage: string
  candidates: string[]
}

export const CHROMIUM: BrowserSpec = {
  name: 'Chromium',
  envVar: 'LANYARD_CHROMIUM',
  aptPackage: 'chromium',
  candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
}

export const FIREFOX: BrowserSpec = {
  name: 'Firefox',
  envVar: 'LANYARD_FIREFOX',
  aptPackage: 'firefox-esr',
  candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
}

export function findBrowser(spec: BrowserSpec): string | undefined {
  const fromEnv = process.env[spec.envVar]
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  return spec.candidates.find((path) => existsSync(path))
}

/** What a person must do when the browser is missing and cannot be installed here. */
export function missingBrowserMessage(spec: BrowserSpec): string {
  return (
    `No ${spec.name} found. Install it (Debian/Ubuntu: \`sudo apt-get install -y ${spec.aptPackage}\`) ` +
    `or set ${spec.envVar} to the path of a ${spec.name} binary.`
  )
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

/** The browser's path; installs it with apt-get when possible, otherwise throws what to install. */
export function ensureBrowser(spec: BrowserSpec): string {
  const found = findBrowser(spec)
  if (found) return found
  if (!canInstallWithApt()) throw new Error(missingBrowserMessage(spec))
  console.log(`No ${spec.name} found: installing Debian’s ${spec.aptPackage} package (apt-get)…`)
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-q', spec.aptPackage], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  const installed = findBrowser(spec)
  if (!installed) throw new Error(`apt-get installed ${spec.aptPackage}, but no binary was found at ${spec.candidates.join(' or ')}.`)
  return installed
}

export const ensureChromium = (): string => ensureBrowser(CHROMIUM)
