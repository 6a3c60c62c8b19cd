import { describe, expect, it, vi } from 'vitest'
import { envelope, type ErrorData } from '../shared/protocol.ts'
import { inputSchemas } from './input-schemas.ts'
import { startSpine, type Feature } from './spine.ts'
import { fakeBrowser, OWN_PAGE } from './testing/fake-browser.ts'
import { memoryDeviceKey } from './testing/worker-world.ts'
import { startWorker } from './worker.ts'

const inside: ErrorData = { type: 'lanyard_internal', code: 0, message: 'inside' }

function spineOver(features: Feature[], overrides: { ready?: Promise<void>; parseInput?: (name: string, input: unknown) => { ok: true; input: unknown } | { ok: false; error: ErrorData } } = {}) {
  const fake = fakeBrowser()
  const toErrorData = vi.fn((): ErrorData => inside)
  const spine = startSpine(fake.events, features, {
    ready: overrides.ready ?? Promise.resolve(),
    isTrustedSender: (sender) => sender.id === OWN_PAGE.id && sender.url === OWN_PAGE.url,
    parseInput: overrides.parseInput ?? ((_name, input) => ({ ok: true, input })),
    toErrorData,
  })
  return { fake, spine, toErrorData }
}

const stateFeature: Feature = { requests: { getLockStatus: async () => ({ passphraseSet: false, locked: false }) } }

describe('the spine: requests', () => {
  it('answers a trusted envelope with the value of the feature that declares the request', async () => {
    const { fake } = spineOver([stateFeature])
    await expect(fake.sendMessage(envelope('getLockStatus', undefined))).resolves.toEqual({ ok: true, value: { passphraseSet: false, locked: false } })
  })

  it('stays silent for an untrusted sender, even with a valid envelope, and does not count it as use', () => {
    const pageRequest = vi.fn(async () => undefined)
    const { fake } = spineOver([{ ...stateFeature, pageRequest }])
    expect(fake.sendMessage(envelope('getLockStatus', undefined), { id: 'other', url: 'https://evil.example/' })).toBeUndefined()
    expect(pageRequest).not.toHaveBeenCalled()
  })

  it('stays silent for messages that are not Lanyard envelopes', () => {
    const { fake } = spineOver([stateFeature])
    expect(fake.sendMessage({ name: 'getLockStatus' })).toBeUndefined()
    expect(fake.sendMessage('getLockStatus')).toBeUndefined()
  })

  it('replies lanyard_unknown_message for a name no feature answers, inherited names included', async () => {
    const { fake } = spineOver([stateFeature])
    for (const name of ['deleteEverything', 'toString', '__proto__', 'constructor']) {
      await expect(fake.sendMessage({ lanyard: 1, name, input: {} })).resolves.toMatchObject({ ok: false, error: { type: 'lanyard_unknown_message' } })
    }
  })

  it('replies with the parse error and never runs the handler on invalid input', async () => {
    const handler = vi.fn(async () => ({}))
    const error = { type: 'lanyard_invalid_input', code: 400, message: 'bad' }
    const { fake } = spineOver([{ requests: { getLockStatus: handler } }], { parseInput: () => ({ ok: false, error }) })
    await expect(fake.sendMessage(envelope('getLockStatus', undefined))).resolves.toEqual({ ok: false, error })
    expect(handler).not.toHaveBeenCalled()
  })

  it('turns a handler failure into an error reply instead of throwing', async () => {
    const { fake } = spineOver([{ requests: { getLockStatus: () => Promise.reject(new Error('boom')) } }])
    await expect(fake.sendMessage(envelope('getLockStatus', undefined))).resolves.toEqual({ ok: false, error: inside })
  })

  it('runs no handler before storage is migrated', async () => {
    let migrated!: () => void
    const ready = new Promise<void>((resolve) => (migrated = resolve))
    const handler = vi.fn(async () => ({ passphraseSet: false, locked: false }))
    const { fake } = spineOver([{ requests: { getLockStatus: handler } }], { ready })
    const reply = fake.sendMessage(envelope('getLockStatus', undefined))
    await Promise.resolve()
    expect(handler).not.toHaveBeenCalled()
    migrated()
    await expect(reply).resolves.toMatchObject({ ok: true })
  })

  it('refuses two features declaring the same request, alarm or command', () => {
    expect(() => spineOver([stateFeature, stateFeature])).toThrow('Two features answer the request "getLockStatus".')
    const alarm = { alarms: { tick: async () => undefined } }
    expect(() => spineOver([alarm, alarm])).toThrow('alarm "tick"')
    const command = { commands: { go: async () => undefined } }
    expect(() => spineOver([command, command])).toThrow('command "go"')
  })
})

describe('the spine: browser events', () => {
  it('runs the alarm and the command of their declaring feature, by name, and ignores others', async () => {
    const tick = vi.fn(async () => undefined)
    const go = vi.fn(async () => undefined)
    const { fake, spine } = spineOver([{ alarms: { tick } }, { commands: { go } }])
    fake.fire.alarm('tick')
    fake.fire.alarm('unknown')
    fake.fire.command('go')
    fake.fire.command('unknown')
    await spine.idle()
    expect(tick).toHaveBeenCalledTimes(1)
    expect(go).toHaveBeenCalledTimes(1)
  })

  it('prepares every feature in order on install; on browser start prepares, then tells each the browser started', async () => {
    const calls: string[] = []
    const feature = (name: string): Feature => ({
      prepare: async () => void calls.push(`${name}.prepare`),
      browserStarted: async () => void calls.push(`${name}.started`),
    })
    const { fake, spine } = spineOver([feature('a'), feature('b')])
    fake.fire.installed()
    await spine.idle()
    expect(calls).toEqual(['a.prepare', 'b.prepare'])
    calls.length = 0
    fake.fire.startup()
    await spine.idle()
    expect(calls).toEqual(['a.prepare', 'b.prepare', 'a.started', 'b.started'])
  })

  it('hands tab, notification and idle events to every feature that listens, a tab as it starts and once it finished loading', async () => {
    const seen: unknown[] = []
    const { fake, spine } = spineOver([
      {
        tabRemoved: async (id) => void seen.push(['removed', id]),
        tabLoaded: async (id) => void seen.push(['loaded', id]),
        tabLoading: async (id) => void seen.push(['loading', id]),
        notificationButton: async (id, index) => void seen.push(['button', id, index]),
        notificationClosed: async (id, byUser) => void seen.push(['closed', id, byUser]),
        systemIdle: async (state) => void seen.push(['idle', state]),
      },
      {},
    ])
    fake.fire.tabRemoved(3)
    fake.fire.tabUpdated(4, { status: 'loading' })
    fake.fire.tabUpdated(4, { status: 'complete' })
    fake.fire.notificationButton('n1', 0)
    fake.fire.notificationClosed('n1', true)
    fake.fire.idle('locked')
    await spine.idle()
    expect(seen).toEqual([['removed', 3], ['loading', 4], ['loaded', 4], ['button', 'n1', 0], ['closed', 'n1', true], ['idle', 'locked']])
  })

  it('logs a failed background task through toErrorData and keeps listening', async () => {
    const { fake, spine, toErrorData } = spineOver([{ alarms: { tick: () => Promise.reject(new Error('boom')) } }])
    fake.fire.alarm('tick')
    await spine.idle()
    fake.fire.alarm('tick')
    await spine.idle()
    expect(toErrorData).toHaveBeenCalledTimes(2)
  })
})

describe('the assembled worker', () => {
  it('answers every request of the contract with exactly one product feature, and no other', async () => {
    const fake = fakeBrowser()
    const { spine } = startWorker({ browser: fake.browser, events: fake.events, deviceKey: await memoryDeviceKey() })
    expect([...spine.requestNames].sort()).toEqual(Object.keys(inputSchemas).sort())
  })

  it('declares the keyboard commands of manifest.json', async () => {
    const { default: manifest } = await import('../../manifest.json')
    const fake = fakeBrowser()
    const { spine } = startWorker({ browser: fake.browser, events: fake.events, deviceKey: await memoryDeviceKey() })
    // `_execute_action` opens the popup: the browser handles it, not the worker.
    const declared = Object.keys(manifest.commands).filter((name) => name !== '_execute_action')
    expect([...spine.commandNames].sort()).toEqual(declared.sort())
  })
})
