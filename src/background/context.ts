// Everything the worker's features use from the outside world, built once per worker start in
// index.ts. Features take it as a parameter, so none of them imports the browser API directly.
import { createAccountClient, type AccountClient } from '../appwrite/index.ts'
import type { Project } from '../shared/protocol.ts'
import type { StorageAreas } from '../shared/storage.ts'
import type { DynamicRules } from './origin-rule.ts'
import type { SecurityParts } from './security-parts.ts'
import { createSerializer } from './serialize.ts'
import type { Vault } from './vault.ts'

export interface WorkerContext {
  areas: StorageAreas
  vault: Vault
  /** The lock's device key, alarms, notifications and badge (issue 5). */
  security: SecurityParts
  /** Runs read-modify-write storage updates one at a time. Never nest two calls. */
  serialize: <T>(task: () => Promise<T>) => Promise<T>
  client(project: Pick<Project, 'endpoint' | 'projectId'>): AccountClient
  dnr: DynamicRules
  /** `runtime.getURL('')` host: the extension id in Chrome, the install UUID in Firefox. */
  extensionHost: string
  hasHostPermission(originPattern: string): Promise<boolean>
  /** `identity.getRedirectURL(path)` */
  redirectUrl(path?: string): string
  /** `identity.launchWebAuthFlow({ url, interactive: true })`: resolves with the final redirect URL. */
  launchWebAuthFlow(url: string): Promise<string>
  newId(): string
  now(): number
}

export interface ContextParts {
  areas: StorageAreas
  vault: Vault
  security: SecurityParts
  dnr: DynamicRules
  extensionHost: string
  hasHostPermission(originPattern: string): Promise<boolean>
  redirectUrl(path?: string): string
  launchWebAuthFlow(url: string): Promise<string>
}

export function createWorkerContext(parts: ContextParts): WorkerContext {
  return {
    ...parts,
    serialize: createSerializer(),
    client: (project) => createAccountClient({ endpoint: project.endpoint, projectId: project.projectId }),
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
  }
}
