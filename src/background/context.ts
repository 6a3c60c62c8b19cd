// Everything the worker's features use from the outside world, built once per worker start in
// index.ts from the browser facade. Features take it as a parameter, so none of them reaches the
// browser by itself, and unit tests build it over the fake browser (testing/fake-browser.ts).
import { createAccountClient, type AccountClient, type FetchLike } from '../appwrite/index.ts'
import type { Project } from '../shared/protocol.ts'
import { responseFormatFor } from '../shared/server-features.ts'
import type { StorageAreas } from '../shared/storage.ts'
import type { WorkerBrowser } from './browser.ts'
import { createSerializer, type Serialize } from './serialize.ts'
import type { KeySource, Vault } from './vault.ts'
import { createLockableVault } from './vault-lock.ts'

export interface WorkerContext {
  browser: WorkerBrowser
  /** `browser.storage`, named for brevity: most features only read and write items. */
  areas: StorageAreas
  vault: Vault
  /** The non-extractable device key: seals secrets without a passphrase, and the passphrase key in storage.session. */
  deviceKey: KeySource
  /** Runs read-modify-write storage updates one at a time. Never nest two calls. */
  serialize: Serialize
  client(project: Pick<Project, 'endpoint' | 'projectId' | 'serverVersion'>): AccountClient
  /** `runtime.getURL('')` host: the extension id in Chrome, the install UUID in Firefox. */
  extensionHost: string
  newId(): string
  now(): number
}

export interface ContextOptions {
  /** The HTTP client's fetch; unit tests pass a fake server. */
  fetch?: FetchLike
  newId?: () => string
  now?: () => number
}

export function createWorkerContext(browser: WorkerBrowser, deviceKey: KeySource, options: ContextOptions = {}): WorkerContext {
  const areas = browser.storage
  return {
    browser,
    areas,
    vault: createLockableVault(areas, deviceKey),
    deviceKey,
    serialize: createSerializer(),
    client: (project) =>
      createAccountClient({
        endpoint: project.endpoint,
        projectId: project.projectId,
        fetch: options.fetch,
        responseFormat: responseFormatFor(project.serverVersion),
      }),
    extensionHost: new URL(browser.runtime.getURL('')).host,
    newId: options.newId ?? (() => crypto.randomUUID()),
    now: options.now ?? (() => Date.now()),
  }
}
