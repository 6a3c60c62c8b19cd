// The test contract (src/background/test-hooks.ts) exists only in test builds: what ships neither
// contains its requests nor answers them.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testInputSchemas } from '../../src/background/test-hooks.ts'
import { launchExtension } from '../harness/extension.ts'
import { chromeDist, chromeTestDist, firefoxDist, firefoxTestDist } from '../harness/paths.ts'

const testRequests = Object.keys(testInputSchemas)
/** Names the product never uses for anything else (getSession, getPrefs and createJwt are also client methods). */
const onlyInTests = ['getState', 'switchToNextAccount', 'getActivity', 'pressNotificationButton']

function scripts(dir: string): string {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'))
  return files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n')
}

describe('the test contract', () => {
  it('is in neither product build, and in both test builds', () => {
    for (const dir of [chromeDist, firefoxDist]) {
      const code = scripts(dir)
      for (const name of onlyInTests) expect(code.includes(name), `${name} in ${dir}`).toBe(false)
    }
    for (const dir of [chromeTestDist, firefoxTestDist]) {
      const code = scripts(dir)
      for (const name of onlyInTests) expect(code.includes(name), `${name} in ${dir}`).toBe(true)
    }
  })

  it('is not answered by the product build: every test request is unknown there', async () => {
    const product = await launchExtension({ extensionPath: chromeDist })
    try {
      for (const name of testRequests) {
        const reply = await product.send(name as 'getState', undefined)
        expect(reply, name).toMatchObject({ ok: false, error: { type: 'lanyard_unknown_message' } })
      }
      expect(await product.send('getLockStatus')).toEqual({ ok: true, value: { passphraseSet: false, locked: false } })
    } finally {
      await product.close()
    }
  })

  it('is answered by the test build the other tests drive', async () => {
    const test = await launchExtension({ extensionPath: chromeTestDist })
    try {
      expect(await test.send('getState')).toEqual({ ok: true, value: { projects: [], accounts: [], activeAccountId: null } })
    } finally {
      await test.close()
    }
  })
})
