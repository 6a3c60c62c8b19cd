import { describe, expect, it, vi } from 'vitest'
import { createDispatcher, envelope, type Handlers } from './messaging.ts'
import type { ErrorData } from './protocol.ts'

const handlers = { getState: async () => ({ projects: [], accounts: [], activeAccountId: null }) } as unknown as Handlers

function dispatcher(overrides: Partial<Parameters<typeof createDispatcher<string>>[0]> = {}) {
  return createDispatcher<string>({
    handlers,
    isTrustedSender: (sender) => sender === 'own page',
    parseInput: (_name, input) => ({ ok: true, input }),
    toErrorData: (): ErrorData => ({ type: 'lanyard_internal', code: 0, message: 'inside' }),
    ...overrides,
  })
}

describe('createDispatcher', () => {
  it('answers a trusted envelope with the handler value', async () => {
    await expect(dispatcher()(envelope('getState', undefined), 'own page')).resolves.toEqual({
      ok: true,
      value: { projects: [], accounts: [], activeAccountId: null },
    })
  })

  it('stays silent for an untrusted sender, even with a valid envelope', () => {
    expect(dispatcher()(envelope('getState', undefined), 'web page')).toBeUndefined()
  })

  it('stays silent for messages that are not Lanyard envelopes', () => {
    expect(dispatcher()({ name: 'getState' }, 'own page')).toBeUndefined()
    expect(dispatcher()('getState', 'own page')).toBeUndefined()
  })

  it('replies lanyard_unknown_message for a name outside the contract, including inherited ones', async () => {
    for (const name of ['deleteEverything', 'toString', '__proto__']) {
      await expect(dispatcher()({ lanyard: 1, name, input: {} }, 'own page')).resolves.toMatchObject({
        ok: false,
        error: { type: 'lanyard_unknown_message' },
      })
    }
  })

  it('replies with the parse error and never runs the handler on invalid input', async () => {
    const handler = vi.fn()
    const error = { type: 'lanyard_invalid_input', code: 400, message: 'bad' }
    const dispatch = dispatcher({
      handlers: { getState: handler } as unknown as Handlers,
      parseInput: () => ({ ok: false, error }),
    })
    await expect(dispatch(envelope('getState', undefined), 'own page')).resolves.toEqual({ ok: false, error })
    expect(handler).not.toHaveBeenCalled()
  })

  it('turns a handler failure into an error reply instead of throwing', async () => {
    const dispatch = dispatcher({ handlers: { getState: async () => Promise.reject(new Error('boom')) } as unknown as Handlers })
    await expect(dispatch(envelope('getState', undefined), 'own page')).resolves.toEqual({
      ok: false,
      error: { type: 'lanyard_internal', code: 0, message: 'inside' },
    })
  })
})
