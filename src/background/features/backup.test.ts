// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Project } from '../../shared/protocol.ts'
import { items } from '../../shared/storage.ts'
import { REFRESH_ALARM } from '../refresh.ts'
import { SIGN_IN_CHECK_ALARM } from '../session-alerts.ts'
import { demoWorld, workerWorld, type WorkerWorld } from '../testing/worker-world.ts'

const NOW = Date.UTC(2024, 2, 5, 12, 30)
const PASSPHRASE = 'correct horse battery'

let world: WorkerWorld
let project: Project
beforeEach(async () => {
  ;({ world, project } = await demoWorld({ now: () => NOW }))
})
afterEach(() => world.close())

function configText(body: Record<string, unknown>): string {
  return JSON.stringify({ format: 'lanyard-config', version: 1, exportedAt: new Date(NOW).toISOString(), ...body })
}

describe('backup: exportConfig', () => {
  it('writes projects, accounts with their colours and alert choices, and the settings, as a dated file', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const grace = await world.signIn(project, 'grace@example.com')
    await world.call('setAlertSettings', { accountId: grace.id, enabled: false })
    await world.call('setAlertSettings', { intervalMinutes: 30 })
    await world.call('setLockSettings', { idleMinutes: 5, onSystemLock: false })

    const { fileName, text } = await world.call('exportConfig')
    expect(fileName).toBe('lanyard-config-2024-03-05.json')
    expect(JSON.parse(text)).toEqual({
      format: 'lanyard-config',
      version: 1,
      exportedAt: '2024-03-05T12:30:00.000Z',
      projects: [{ endpoint: world.server.endpoint, projectId: 'demo', label: 'Demo', color: project.color }],
      accounts: [
        { endpoint: world.server.endpoint, projectId: 'demo', userId: 'ada', email: 'ada@example.com', color: ada.color, alerts: true },
        { endpoint: world.server.endpoint, projectId: 'demo', userId: 'grace', email: 'grace@example.com', color: grace.color, alerts: false },
      ],
      settings: { refreshIntervalMinutes: 15, autoLock: { idleMinutes: 5, onSystemLock: false }, alertIntervalMinutes: 30 },
    })
  })

  it('never holds a secret: no session, no session secret, no vault record, no key material', async () => {
    const held = [await world.signIn(project, 'ada@example.com'), await world.signIn(project, 'grace@example.com')]
    const sessions: string[] = []
    for (const account of held) {
      const session = await world.heldSession(account.id)
      sessions.push(session)
      // The encoded session wraps the server's own secret: look for both.
      sessions.push((JSON.parse(atob(session)) as { secret: string }).secret)
    }
    await world.call('setPassphrase', { passphrase: PASSPHRASE })

    const { text } = await world.call('exportConfig')
    for (const secret of sessions) {
      expect(secret.length).toBeGreaterThan(20)
      expect(text).not.toContain(secret)
    }
    for (const account of held) expect(text).not.toContain(account.sessionId)
    expect(text).not.toContain(PASSPHRASE)
    for (const word of ['vault', 'unlockedKey', 'kdf', 'salt', 'ciphertext', 'sessionId']) expect(text.toLowerCase()).not.toContain(word.toLowerCase())
  })
})

describe('backup: importConfig', () => {
  it('adds new projects, updates existing ones, applies account colours, alert choices and settings, and reschedules their alarms', async () => {
    const ada = await world.signIn(project, 'ada@example.com')
    const report = await world.call('importConfig', {
      text: configText({
        projects: [
          { endpoint: world.server.endpoint, projectId: 'demo', label: 'Production', color: '#16a34a' },
          { endpoint: world.server.endpoint, projectId: 'staging', label: 'Staging', color: '#dc2626', serverVersion: '1.9.6' },
        ],
        accounts: [{ endpoint: world.server.endpoint, projectId: 'demo', userId: 'ada', email: 'ada@example.com', color: '#0ea5e9', alerts: false }],
        settings: { refreshIntervalMinutes: 30, autoLock: { idleMinutes: 60, onSystemLock: false }, alertIntervalMinutes: 120 },
      }),
    })

    expect(report).toEqual({
      projectsAdded: 1,
      projectsUpdated: 1,
      accountsUpdated: 1,
      settingsApplied: ['refreshIntervalMinutes', 'autoLock', 'alertIntervalMinutes'],
      skipped: [],
    })
    expect(world.stored.projects()).toEqual([
      { ...project, label: 'Production', color: '#16a34a' },
      { id: expect.any(String) as string, endpoint: world.server.endpoint, projectId: 'staging', label: 'Staging', color: '#dc2626', serverVersion: '1.9.6' },
    ])
    expect(world.stored.accounts()).toEqual([{ ...world.stored.accounts()?.[0], id: ada.id, color: '#0ea5e9' }])
    expect(world.stored.item(items.alertSettings)).toEqual({ intervalMinutes: 120, disabledAccountIds: [ada.id] })
    expect(world.stored.item(items.lockSettings)).toEqual({ idleMinutes: 60, onSystemLock: false })
    expect(world.stored.item(items.settings)).toEqual({ refreshIntervalMinutes: 30 })
    expect(world.fake.state.alarms.get(REFRESH_ALARM)).toEqual({ periodInMinutes: 30 })
    expect(world.fake.state.alarms.get(SIGN_IN_CHECK_ALARM)).toEqual({ periodInMinutes: 120 })
  })

  it('importing the same file twice changes nothing the second time', async () => {
    const text = configText({
      projects: [{ endpoint: world.server.endpoint, projectId: 'staging', label: 'Staging', color: '#dc2626' }],
    })
    expect(await world.call('importConfig', { text })).toMatchObject({ projectsAdded: 1, projectsUpdated: 0 })
    const after = world.stored.projects()
    expect(await world.call('importConfig', { text })).toEqual({ projectsAdded: 0, projectsUpdated: 0, accountsUpdated: 0, settingsApplied: [], skipped: [] })
    expect(world.stored.projects()).toEqual(after)
  })

  it('an export imported into another Lanyard recreates its projects and settings, and names the accounts to sign in to', async () => {
    await world.signIn(project, 'ada@example.com')
    await world.call('setLockSettings', { idleMinutes: 30, onSystemLock: true })
    const { text } = await world.call('exportConfig')

    const other = await workerWorld({ now: () => NOW })
    try {
      const report = await other.call('importConfig', { text })
      expect(report).toEqual({
        projectsAdded: 1,
        projectsUpdated: 0,
        accountsUpdated: 0,
        settingsApplied: ['refreshIntervalMinutes', 'autoLock', 'alertIntervalMinutes'],
        skipped: [{ item: 'account ada@example.com', reason: 'not in Lanyard: sign in to it first, then import again.' }],
      })
      expect(other.stored.projects()).toEqual([{ ...project, id: expect.any(String) as string }])
      expect(other.stored.item(items.lockSettings)).toEqual({ idleMinutes: 30, onSystemLock: true })
      expect(other.stored.accounts()).toBeUndefined()
    } finally {
      await other.close()
    }
  })

  it('refuses, as lanyard_invalid_config, a file that is not JSON, not a Lanyard export, of another version, or over 1 MB, and changes nothing', async () => {
    const before = structuredClone(world.stored.local())
    const cases: [string, string][] = [
      ['{"format": "lanyard-config", ', 'not JSON'],
      [JSON.stringify({ projects: [] }), 'not a Lanyard configuration export'],
      [JSON.stringify([1, 2, 3]), 'not a Lanyard configuration export'],
      [JSON.stringify({ format: 'lanyard-config', version: 2 }), 'version 2'],
      [configText({ padding: 'x'.repeat(1_000_001) }), 'larger than 1 MB'],
    ]
    for (const [text, reason] of cases) {
      const error = await world.failure('importConfig', { text })
      expect(error, reason).toMatchObject({ type: 'lanyard_invalid_config', code: 400 })
      expect(error.message).toContain(reason)
    }
    expect(world.stored.local()).toEqual(before)
  })

  it('skips a new project on a host Lanyard has no permission for, with its reason, and imports the rest', async () => {
    const report = await world.call('importConfig', {
      text: configText({
        projects: [
          { endpoint: 'https://appwrite.example.org/v1', projectId: 'remote', label: 'Remote', color: '#111111' },
          { endpoint: world.server.endpoint, projectId: 'staging', label: 'Staging', color: '#dc2626', serverVersion: '1.9.6' },
        ],
      }),
    })
    expect(report.skipped).toEqual([
      {
        item: 'project "Remote" (https://appwrite.example.org/v1)',
        reason: 'Lanyard has no permission for this host yet: add the project by hand, then import again.',
      },
    ])
    expect(report.projectsAdded).toBe(1)
    expect(world.stored.projects()?.map((p) => p.projectId)).toEqual(['demo', 'staging'])
  })

  it('skips each bad entry on its own with the reason, and applies the good ones', async () => {
    const report = await world.call('importConfig', {
      text: configText({
        projects: [
          { endpoint: world.server.endpoint, projectId: 'nope', label: 'Unknown', color: '#222222' },
          { endpoint: world.server.endpoint, projectId: 'staging', label: 'Staging', color: 'red' },
        ],
        accounts: [{ endpoint: world.server.endpoint, projectId: 'demo', userId: 'ada', email: 'ada@example.com', color: '#0ea5e9' }],
        settings: { refreshIntervalMinutes: 45, autoLock: { idleMinutes: 0, onSystemLock: true }, theme: 'dark' },
        extra: true,
      }),
    })
    expect(report.settingsApplied).toEqual(['refreshIntervalMinutes'])
    expect(report.projectsAdded).toBe(0)
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.item, s.reason]))
    expect(Object.keys(skipped).sort()).toEqual(
      ['extra', 'projects[1]', 'accounts[0]', 'settings.autoLock', 'settings.theme', 'project "Unknown" (' + world.server.endpoint + ')'].sort(),
    )
    expect(skipped['projects[1]']).toContain('#rrggbb')
    expect(skipped['accounts[0]']).toBe('its project is not among the valid projects of the file')
    expect(skipped['settings.autoLock']).toContain('at least 1 minute')
    expect(skipped[`project "Unknown" (${world.server.endpoint})`]).toContain('has no project with the id "nope"')
    expect(world.stored.projects()?.map((p) => p.projectId)).toEqual(['demo'])
    expect(world.stored.item(items.settings)).toEqual({ refreshIntervalMinutes: 45 })
    expect(world.stored.item(items.lockSettings)).toBeUndefined()
  })
})
