// Everything a page does outside itself, as one injected object: requests to the worker, reads and
// watches of storage.local, host permission requests, the clipboard and downloads. The real one
// wraps the browser APIs (extension-page-io.ts); unit tests pass an in-memory fake (testing/fake-page-io.ts).
import type { InputOf, MessageName, OutputOf, Reply } from '../shared/protocol.ts'

export type Send = <K extends MessageName>(name: K, input: InputOf<K>) => Promise<Reply<OutputOf<K>>>

/** The new value of each changed storage key: `undefined` means the key was removed. */
export type ChangedValues = Record<string, unknown>

export interface PageIO {
  send: Send
  /** Reads page-readable keys of storage.local (never secrets: the worker keeps those elsewhere). */
  readStorage(keys: string[]): Promise<Record<string, unknown>>
  /** Calls back with the new value of every changed key; returns the unsubscribe function. */
  watchStorage(listener: (changes: ChangedValues) => void): () => void
  /** Must be called inside a click handler: browsers only grant permissions on a user gesture. */
  requestHostPermission(originPattern: string): Promise<boolean>
  copyText(text: string): Promise<void>
  download(fileName: string, mimeType: string, text: string): void
}
