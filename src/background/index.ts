// The background worker: the only holder of secrets. Every listener is registered synchronously
// here at top level, so an event that wakes a stopped worker is delivered; all state is read from
// storage on demand, so a stop at any moment loses nothing (DESIGN.md "Flows").
import browser from 'webextension-polyfill'
import { isEnvelopeLike, registerHandlers, type Handlers } from '../shared/messaging.ts'
import { items, readItems, type StorageAreas } from '../shared/storage.ts'
import { lockDeps } from './auto-lock.ts'
import { createWorkerContext } from './context.ts'
import { replyError } from './errors.ts'
import { accountHandlers, onSwitchCommand } from './handlers/accounts.ts'
import { alertHandlers } from './handlers/alerts.ts'
import { configHandlers } from './handlers/config.ts'
import { lockHandlers } from './handlers/lock.ts'
import { mfaHandlers } from './handlers/mfa.ts'
import { profileHandlers } from './handlers/profile.ts'
import { projectHandlers } from './handlers/projects.ts'
import { sessionHandlers } from './handlers/sessions.ts'
import { signInHandlers } from './handlers/sign-in.ts'
import { parseInput } from './input-schemas.ts'
import type { DynamicRules } from './origin-rule.ts'
import { rebuildOriginRule } from './projects.ts'
import { REFRESH_ALARM, refreshAccount } from './refresh.ts'
import { browserSecurityParts, listenForSecurity } from './security-listeners.ts'
import { scheduleSignInCheck, syncBadge } from './session-alerts.ts'
import { isInternalSender, urlOrigin } from './sender.ts'
import { listenForTabs, tabIdentityDeps, tabIdentityHandlers } from './tab-identity/index.ts'
import { deviceKeySource } from './vault.ts'
import { createLockableVault, prepareVault } from './vault-lock.ts'

const SWITCH_COMMAND = 'switch-next-account'

const areas: StorageAreas = { local: browser.storage.local, session: browser.storage.session }
const extensionUrl = new URL(browser.runtime.getURL(''))
const deviceKey = deviceKeySource()

const ctx = createWorkerContext({
  areas,
  vault: createLockableVault(areas, deviceKey),
  security: browserSecurityParts(deviceKey),
  dnr: browser.declarativeNetRequest as unknown as DynamicRules,
  extensionHost: extensionUrl.host,
  hasHostPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
  redirectUrl: (path) => browser.identity.getRedirectURL(path),
  launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
})
const tabDeps = tabIdentityDeps(ctx)

const handlers: Handlers = {
  ...projectHandlers(ctx),
  ...signInHandlers(ctx),
  ...accountHandlers(ctx),
  ...sessionHandlers(ctx),
  ...profileHandlers(ctx),
  ...mfaHandlers(ctx),
  ...tabIdentityHandlers(tabDeps),
  ...lockHandlers(ctx),
  ...alertHandlers(ctx),
  ...configHandlers(ctx),
}

function isTrustedSender(sender: browser.Runtime.MessageSender): boolean {
  return isInternalSender(sender, { id: browser.runtime.id, origin: urlOrigin(extensionUrl.href) })
}

registerHandlers(browser.runtime.onMessage, {
  handlers,
  parseInput,
  toErrorData: replyError,
  isTrustedSender,
})

/** Runs a background task whose failure has no page to reply to; the snapshot already records it. */
function inBackground(task: () => Promise<unknown>): Promise<void> {
  return task().then(
    () => undefined,
    (error: unknown) => void replyError(error),
  )
}

async function prepareWorker(): Promise<void> {
  await rebuildOriginRule(ctx)
  const { settings } = await readItems(areas, { settings: items.settings })
  await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: settings.refreshIntervalMinutes })
  // A browser start or an update emptied storage.session: a passphrase vault is locked now.
  await prepareVault(lockDeps(ctx))
  await scheduleSignInCheck(ctx)
  await syncBadge(ctx)
}

browser.runtime.onInstalled.addListener(() => inBackground(prepareWorker))
browser.runtime.onStartup.addListener(() => inBackground(prepareWorker))

browser.alarms.onAlarm.addListener((alarm) =>
  inBackground(async () => {
    if (alarm.name !== REFRESH_ALARM) return
    const { active } = await readItems(areas, { active: items.activeAccountId })
    if (active !== null) await refreshAccount(ctx, active)
  }),
)

listenForTabs(tabDeps, inBackground)
listenForSecurity(ctx, inBackground, (message, sender) => isTrustedSender(sender) && isEnvelopeLike(message))

browser.commands.onCommand.addListener((command) =>
  inBackground(async () => {
    if (command === SWITCH_COMMAND) await onSwitchCommand(ctx)
  }),
)
