// `npm run package`: builds both targets, then writes the store archives to out/packages/.
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, writePackages } from './packages.ts'

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const packages = writePackages(join(repoRoot, 'out', 'packages'))
for (const path of [packages.chrome, packages.firefox, packages.source]) {
  console.log(`${path} (${Math.round(statSync(path).size / 1024)} KiB)`)
}
