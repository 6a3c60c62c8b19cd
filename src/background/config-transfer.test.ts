import { describe, expect, it } from 'vitest'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { DEFAULT_LOCK_SETTINGS } from '../shared/lock-and-alerts.ts'
import { buildConfigExport, parseConfigFile } from './config-transfer.ts'

const project: Project = { id: 'p1', endpoint: 'http://127.0.0.1:4000/v1', projectId: 'demo', label: 'Demo', color: '#4f46e5' }
const account = {
  id: 'a1', projectId: 'p1', userId: 'user1', email: 'ada@example.com', name: 'Ada', phone: '', color: '#16a34a',
  status: 'signedIn', sessionId: 'sess-held', addedAt: 1,
} satisfies AccountSummary

const exported = () =>
  buildConfigExport(
    { projects: [project], accounts: [account], refreshIntervalMinutes: 15, lockSettings: DEFAULT_LOCK_SETTINGS,
      alertSettings: { intervalMinutes: 30, disabledAccountIds: ['a1'] } },
    new Date('2026-11-26T18:00:00Z'),
  )

describe('configuration export', () => {
  it('holds projects, account colours and alert choices, and settings, and nothing that identifies a session', () => {
    const file = exported()
    expect(file.projects).toEqual([{ endpoint: project.endpoint, projectId: 'demo', label: 'Demo', color: '#4f46e5' }])
    expect(file.accounts).toEqual([{ endpoint: project.endpoint, projectId: 'demo', userId: 'user1', email: 'ada@example.com', color: '#16a34a', alerts: false }])
    expect(file.settings).toEqual({ refreshIntervalMinutes: 15, autoLock: DEFAULT_LOCK_SETTINGS, alertIntervalMinutes: 30 })
    expect(JSON.stringify(file)).not.toContain('sess-held')
  })

  it('reads back its own export completely', () => {
    const parsed = parseConfigFile(JSON.stringify(exported()))
    expect(parsed).toEqual({ ok: true, projects: exported().projects, accounts: exported().accounts, settings: exported().settings, skipped: [] })
  })
})

describe('configuration import', () => {
  it('refuses what is not a Lanyard configuration, saying why', () => {
    expect(parseConfigFile('{not json')).toEqual({ ok: false, reason: 'The file is not JSON: not a Lanyard configuration.' })
    expect(parseConfigFile('[]')).toMatchObject({ ok: false, reason: 'This file is not a Lanyard configuration export.' })
    expect(parseConfigFile(JSON.stringify({ ...exported(), version: 9 }))).toMatchObject({ ok: false, reason: expect.stringContaining('version 9') })
  })

  it('skips each bad entry on its own and reports it, keeping the good ones', () => {
    const file = {
      ...exported(),
      vault: { secret: 'x' },
      projects: [
        exported().projects[0],
        { endpoint: 'javascript:alert(1)', projectId: 'p', label: 'x', color: '#000000' },
        { endpoint: 'http://example.com/v1', projectId: 'p', label: 'x', color: '#000000' },
        { endpoint: 'https://a.example/v1', projectId: 'p', label: 'x', color: 'red' },
        { endpoint: 'https://a.example/', projectId: 'ok2', label: 'Second', color: '#123456' },
      ],
      accounts: [exported().accounts[0], { ...exported().accounts[0], projectId: 'missing' }],
      settings: { refreshIntervalMinutes: 0, autoLock: { idleMinutes: 5, onSystemLock: false }, theme: 'dark' },
    }
    const parsed = parseConfigFile(JSON.stringify(file))
    if (!parsed.ok) throw new Error(parsed.reason)
    expect(parsed.projects.map((p) => p.endpoint)).toEqual(['http://127.0.0.1:4000/v1', 'https://a.example/v1'])
    expect(parsed.accounts).toHaveLength(1)
    expect(parsed.settings).toEqual({ autoLock: { idleMinutes: 5, onSystemLock: false } })
    expect(parsed.skipped.map((s) => s.item)).toEqual([
      'vault', 'projects[1]', 'projects[2]', 'projects[3]', 'accounts[1]', 'settings.refreshIntervalMinutes', 'settings.theme',
    ])
    expect(parsed.skipped.find((s) => s.item === 'projects[2]')?.reason).toContain('Plain http://')
    expect(parsed.skipped.find((s) => s.item === 'projects[3]')?.reason).toContain('#rrggbb')
  })

  it('refuses an oversized file before parsing it', () => {
    expect(parseConfigFile(' '.repeat(1_000_001))).toMatchObject({ ok: false })
  })
})
