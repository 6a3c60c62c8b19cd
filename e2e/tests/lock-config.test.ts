// Export and import of the configuration (issue 5) through the real contract: the export holds no
// secret, an import restores labels, colours and settings, and reports each entry it skipped; and
// the same round trip through the options page's Backup view.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../../src/shared/protocol.ts'
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy.ts'
import { sessionSecretOf, TEST_PASSWORD } from '../harness/server.ts'
import { alphaConfig, seedUser, startWorld, type World } from '../harness/world.ts'
import { openOptions } from './ui-pages.ts'

describe('configuration export and import', () => {
  let world: World
  let proxy: RecordingProxy
  let project: Project
  let alice: AccountSummary

  beforeAll(async () => {
    world = await startWorld(alphaConfig([seedUser('alice')]))
    proxy = await startRecordingProxy(world.server.endpoint)
    project = await world.ext.call('addProject', { endpoint: proxy.endpoint, projectId: 'alpha', label: 'Alpha', color: '#123456' })
    alice = await world.signInWithPassword(project, 'alice@example.test')
  })
  afterAll(async () => {
    await world?.close()
    await proxy?.close()
  })

  it('exports projects, account colours and settings, and no secret', async () => {
    await world.ext.call('setLockSettings', { idleMinutes: 30, onSystemLock: false })
    const { fileName, text } = await world.ext.call('exportConfig')
    expect(fileName).toMatch(/^lanyard-config-\d{4}-\d{2}-\d{2}\.json$/)
    for (const secret of [TEST_PASSWORD, ...proxy.sessions(), ...proxy.sessions().map(sessionSecretOf)]) expect(text).not.toContain(secret)
    const file = JSON.parse(text) as { projects: unknown[]; accounts: unknown[]; settings: unknown }
    expect(file.projects).toEqual([{ endpoint: proxy.endpoint, projectId: 'alpha', label: 'Alpha', color: '#123456' }])
    expect(file.accounts).toEqual([{ endpoint: proxy.endpoint, projectId: 'alpha', userId: 'alice', email: 'alice@example.test', color: alice.color, alerts: true }])
    expect(file.settings).toEqual({ refreshIntervalMinutes: 15, autoLock: { idleMinutes: 30, onSystemLock: false }, alertIntervalMinutes: 15 })
  })

  it('an import restores what changed since, applies settings, and reports what it skipped', async () => {
    const { text } = await world.ext.call('exportConfig')
    await world.ext.call('updateProject', { id: project.id, label: 'Renamed' })
    await world.ext.call('setLockSettings', { idleMinutes: 5, onSystemLock: true })
    const file = JSON.parse(text) as { projects: object[]; accounts: object[] }
    file.accounts.push({ endpoint: proxy.endpoint, projectId: 'alpha', userId: 'nobody', color: '#000000' })
    file.projects.push({ endpoint: 'http://example.com/v1', projectId: 'p', label: 'Plain http', color: '#000000' })

    const report = await world.ext.call('importConfig', { text: JSON.stringify(file) })
    expect(report).toMatchObject({ projectsAdded: 0, projectsUpdated: 1, accountsUpdated: 1, settingsApplied: ['refreshIntervalMinutes', 'autoLock', 'alertIntervalMinutes'] })
    expect(report.skipped.map((s) => s.item)).toEqual(['projects[1]', 'account nobody'])
    const state = await world.ext.call('getState')
    expect(state.projects.map((p) => p.label)).toEqual(['Alpha'])
    expect((await world.ext.call('getLockAndAlertSettings')).lock).toEqual({ idleMinutes: 30, onSystemLock: false })
  })

  it('the Backup view downloads the export, and imports the file back with a count of what changed', async () => {
    const page = await openOptions(world.ext, '/backup')
    const download = page.waitForEvent('download')
    await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export configuration' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^lanyard-config-\d{4}-\d{2}-\d{2}\.json$/)
    const path = await file.path()
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ projects: [{ label: 'Alpha', color: '#123456' }] })

    await world.ext.call('updateProject', { id: project.id, label: 'Renamed' })
    const importing = page.getByRole('region', { name: 'Import' })
    await importing.getByLabel('Import configuration').setInputFiles(path)
    const imported = importing.getByRole('list', { name: 'Imported' })
    await imported.getByText('1 project updated').waitFor()
    expect(await imported.getByRole('listitem').allTextContents()).toEqual(['0 projects added', '1 project updated', '1 account updated', '3 settings applied'])
    expect((await world.ext.call('getState')).projects.map((p) => p.label)).toEqual(['Alpha'])
    await page.close()
  })

  it('refuses a file that is not a Lanyard configuration, saying why', async () => {
    const reply = await world.ext.send('importConfig', { text: '{"hello": 1}' })
    expect(reply).toEqual({ ok: false, error: { type: 'lanyard_invalid_config', code: 400, message: 'This file is not a Lanyard configuration export.' } })
  })
})
