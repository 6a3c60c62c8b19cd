// `npm test`: every check a change must pass, in the order that fails fastest, ending with one
// plain line `N passed, N failed` that CI reads. Static checks count as one test each.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { CHROMIUM, ensureBrowser, FIREFOX } from './browsers.ts'

interface Step { name: string; command: string; args: string[] }

const steps: Step[] = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: 'npx', args: ['eslint', '.'] },
  { name: 'build', command: 'npm', args: ['run', 'build', '--silent'] },
  { name: 'web-ext lint (Firefox build)', command: 'npx', args: ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'text'] },
]

let passed = 0
let failed = 0

function run(step: Step, env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n▶ ${step.name}`)
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env })
  const ok = result.status === 0
  console.log(ok ? `✔ ${step.name}` : `✘ ${step.name} (exit ${result.status ?? result.signal})`)
  return ok
}

const chromium = ensureBrowser(CHROMIUM)
/** Without Firefox the Firefox lane fails, each file saying what to install: never a silent pass. */
function firefoxOrNothing(): string {
  try {
    return ensureBrowser(FIREFOX)
  } catch (error) {
    console.log(`${(error as Error).message} The Firefox lane will fail.`)
    return ''
  }
}
const firefox = firefoxOrNothing()
for (const step of steps) {
  if (run(step)) passed++
  else failed++
}

mkdirSync('out', { recursive: true })
rmSync('out/vitest.json', { force: true })
const env = { ...process.env, LANYARD_CHROMIUM: chromium, LANYARD_FIREFOX: firefox, LANYARD_SKIP_BUILD: failed === 0 ? '1' : '' }
run({ name: 'vitest (unit, server, e2e, firefox)', command: 'npx', args: ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=out/vitest.json'] }, env)

try {
  const report = JSON.parse(readFileSync('out/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; numPendingTests: number }
  passed += report.numPassedTests
  // A suite that crashed before its tests ran is counted in neither column: treat it as a failure.
  failed += report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0)
  if (report.numPendingTests > 0) {
    console.log(`${report.numPendingTests} tests were skipped: a skipped test is a failure here.`)
    failed += report.numPendingTests
  }
} catch {
  console.log('vitest wrote no report: counting the run as failed.')
  failed++
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
