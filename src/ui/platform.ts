// What views need from the extension, as one injected object: the real one wraps the browser
// APIs (extension-platform.ts), unit tests pass an in-memory fake (testing/fake-platform.ts).
import type { InputOf, MessageName, OutputOf, Reply } from '../shared/protocol.ts'

export type Send = <K extends MessageName>(name: K, input: InputOf<K>) => Promise<Reply<OutputOf<K>>>

/** A change to one storage key: `undefined` means the key was removed. */
export type StorageChanges = Record<string, unknown>

export interface Platform {
  send: Send
  /** Reads page-readable keys of storage.local (never secrets: the worker keeps those elsewhere). */
  readStorage(keys: string[]): Promise<Record<string, unknown>>
  /** Calls back with the new value of every changed key; returns the unsubscribe function. */
  watchStorage(listener: (changes: StorageChanges) => void): () => void
  /** Must be called inside a click handler: browsers only grant permissions on a user gesture. */
  requestHostPermission(originPattern: string): Promise<boolean>
  copyText(text: string): Promise<void>
  download(fileName: string, mimeType: string, text: string): void
}
