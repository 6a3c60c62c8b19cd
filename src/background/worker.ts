// The worker assembled from its parts: the context over a browser facade, the features, and the
// event spine. index.ts starts it over the real browser; unit tests over the fake one
// (testing/worker-world.ts), so both run the same wiring.
import type { WorkerBrowser, WorkerEvents } from './browser.ts'
import { createWorkerContext, type ContextOptions, type WorkerContext } from './context.ts'
import { replyError } from './errors.ts'
import { accessFeature } from './features/access.ts'
import { actAsFeature } from './features/act-as.ts'
import { accountsFeature } from './features/accounts.ts'
import { alertsFeature } from './features/alerts.ts'
import { backupFeature } from './features/backup.ts'
import { lockFeature } from './features/lock.ts'
import { profileFeature } from './features/profile.ts'
import { pendingSignOutsFeature } from './features/pending-sign-outs.ts'
import { projectsFeature } from './features/projects.ts'
import { sessionsFeature } from './features/sessions.ts'
import { signInFeature } from './features/sign-in.ts'
import { twoFactorFeature } from './features/two-factor.ts'
import { inputSchemas, parseInputWith } from './input-schemas.ts'
import { isInternalSender, urlOrigin } from './sender.ts'
import { startSpine, type Feature, type Spine } from './spine.ts'
import { migrateStorage } from './storage-migrations.ts'
import { tabIdentityFeature } from './tab-identity/index.ts'
import { toolbarFeature } from './features/toolbar.ts'
import type { KeySource } from './vault.ts'
import type * as v from 'valibot'

export interface WorkerParts extends ContextOptions {
  browser: WorkerBrowser
  events: WorkerEvents
  deviceKey: KeySource
  /** Features beyond the product's, with their input schemas: the test contract in test builds. */
  extra?: { feature: (ctx: WorkerContext) => Feature; inputSchemas: Record<string, v.GenericSchema> }
}

export function startWorker(parts: WorkerParts): { ctx: WorkerContext; spine: Spine } {
  const { browser, events, deviceKey, extra, ...options } = parts
  const ctx = createWorkerContext(browser, deviceKey, options)
  const features: Feature[] = [
    projectsFeature(ctx),
    signInFeature(ctx),
    accountsFeature(ctx),
    pendingSignOutsFeature(ctx),
    sessionsFeature(ctx),
    profileFeature(ctx),
    accessFeature(ctx),
    twoFactorFeature(ctx),
    tabIdentityFeature(ctx),
    lockFeature(ctx),
    // After the lock's `prepare`: a vault that start locked ends every act-as.
    actAsFeature(ctx),
    alertsFeature(ctx),
    backupFeature(ctx),
    toolbarFeature(ctx),
    ...(extra ? [extra.feature(ctx)] : []),
  ]
  const self = { id: browser.runtime.id, origin: urlOrigin(browser.runtime.getURL('')) }
  const spine = startSpine(events, features, {
    ready: migrateStorage(browser.storage),
    isTrustedSender: (sender) => isInternalSender(sender, self),
    parseInput: parseInputWith(extra ? { ...inputSchemas, ...extra.inputSchemas } : inputSchemas),
    toErrorData: replyError,
  })
  return { ctx, spine }
}
