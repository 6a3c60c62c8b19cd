import { describe, expect, it } from 'vitest'
import { createAccountClient } from './client.ts'
import { encodeSession, fakeFetch, json, rejection, wireAccount, wireSession } from './fake-fetch.ts'
import { MAX_PREFS_BYTES } from './prefs-size.ts'
import { jsonDepth, MAX_JSON_DEPTH, MAX_LIST_ITEMS, MAX_RESPONSE_BYTES } from './response-limits.ts'

const endpoint = 'https://appwrite.example.com/v1'
const session = encodeSession('user1', 'a'.repeat(64))
const clientAnswering = (respond: () => Response) => createAccountClient({ endpoint, projectId: 'proj', fetch: fakeFetch(respond) })

/** A body that arrives in chunks and counts how many were pulled: a capped read stops early. */
function streamed(chunk: string, chunks: number): { response: Response; pulled: () => number } {
  let pulled = 0
  const bytes = new TextEncoder().encode(chunk)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ < chunks) controller.enqueue(bytes)
      else controller.close()
    },
  })
  return { response: new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }), pulled: () => pulled }
}

describe('response limits', () => {
  it('refuses a body over the size cap, stopping the read as soon as it is passed', async () => {
    const { response, pulled } = streamed(' '.repeat(64 * 1024), 1000)
    const error = await rejection(clientAnswering(() => response).getAccount(session))
    expect(error).toMatchObject({ type: 'lanyard_response_too_large', code: 0 })
    expect(error.message).toBe(
      `appwrite.example.com sent an answer over ${MAX_RESPONSE_BYTES.toLocaleString('en')} bytes, more than any Appwrite server sends. Nothing of it was kept. Check the endpoint, or ask the project's owner.`,
    )
    expect(pulled()).toBeLessThan(20)
  })

  it('refuses at once a body whose declared length is over the cap', async () => {
    const response = new Response('{}', { status: 200, headers: { 'Content-Length': String(MAX_RESPONSE_BYTES + 1) } })
    expect((await rejection(clientAnswering(() => response).getAccount(session))).message).toContain(`an answer of ${(MAX_RESPONSE_BYTES + 1).toLocaleString('en')} bytes`)
  })

  it('refuses JSON nested deeper than Appwrite ever sends, without overflowing the stack (200,000 levels)', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    const body = JSON.stringify(wireAccount()).replace('"prefs":{}', `"prefs":{"x":${deep}}`)
    const error = await rejection(clientAnswering(() => new Response(body, { status: 200 })).getAccount(session))
    expect(error.type).toBe('lanyard_response_too_large')
    expect(error.message).toContain('JSON nested 200,002 levels deep (Appwrite stops at 512)')
  })

  it('counts depth outside strings only, and lets Appwrite’s deepest JSON through', async () => {
    expect(jsonDepth('{"a":"[[[[\\"{{{{","b":[{}]}')).toBe(3)
    const deepest = `${'['.repeat(MAX_JSON_DEPTH - 2)}${']'.repeat(MAX_JSON_DEPTH - 2)}`
    const account = { ...wireAccount(), prefs: { x: JSON.parse(deepest) as unknown } }
    expect((await clientAnswering(() => json(200, account)).getAccount(session)).prefs).toEqual({ x: JSON.parse(deepest) })
  })

  it('refuses a list longer than Appwrite’s session limit, and takes one at it', async () => {
    const list = (n: number) => ({ total: n, sessions: Array.from({ length: n }, (_, i) => wireSession({ $id: `s${i}` })) })
    const error = await rejection(clientAnswering(() => json(200, list(MAX_LIST_ITEMS + 1))).listSessions(session))
    expect(error).toMatchObject({ type: 'lanyard_response_too_large' })
    expect(error.message).toContain('a list of 101 sessions (at most 100 are expected)')
    expect((await clientAnswering(() => json(200, list(MAX_LIST_ITEMS))).listSessions(session)).sessions).toHaveLength(MAX_LIST_ITEMS)
  })

  it('refuses prefs over 65,535 encoded bytes in an account or prefs answer; takes them at the limit', async () => {
    const overhead = '{"k":""}'.length
    const atLimit = { k: 'x'.repeat(MAX_PREFS_BYTES - overhead) }
    const over = { k: 'x'.repeat(MAX_PREFS_BYTES - overhead + 1) }
    expect((await clientAnswering(() => json(200, wireAccount({ prefs: atLimit }))).getAccount(session)).prefs).toEqual(atLimit)
    const error = await rejection(clientAnswering(() => json(200, wireAccount({ prefs: over }))).getAccount(session))
    expect(error).toMatchObject({ type: 'lanyard_response_too_large' })
    expect(error.message).toContain('preferences of 65,536 bytes (Appwrite stores at most 65,535)')
    expect((await rejection(clientAnswering(() => json(200, over)).getPrefs(session))).type).toBe('lanyard_response_too_large')
  })
})
