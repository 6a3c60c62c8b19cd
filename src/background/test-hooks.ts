// The test contract: requests only the end-to-end tests and the benchmark make, to look inside the
// worker or to press what a person presses outside Lanyard's pages (a notification's button).
// Only test builds contain it: index.ts adds this feature when `__LANYARD_TEST_HOOKS__` is true
// (vite.config.ts sets it for dist/chrome-test and dist/firefox-test), and the product builds are
// checked to hold none of these names (e2e/tests/worker-manifest.test.ts).
import * as v from 'valibot'
import type { AccountSummary, Preferences, Project, Session } from '../shared/protocol.ts'
import type { ActivityEvent } from '../shared/activity.ts'
import { items, readItem, readItems } from '../shared/storage.ts'
import { readTimeline } from '../shared/timeline.ts'
import { requireAccount } from './accounts.ts'
import { withSession } from './account-session.ts'
import type { WorkerContext } from './context.ts'
import { switchToNextAccount } from './features/accounts.ts'
import { handleNotificationButton } from './features/alerts.ts'
import type { Feature } from './spine.ts'
import { lockedError } from './vault-lock.ts'

export interface TestProtocolMap {
  getState: [void, { projects: Project[]; accounts: AccountSummary[]; activeAccountId: string | null }]
  /** What the keyboard command does, without the keyboard. */
  switchToNextAccount: [void, { accountId: string | null }]
  getSession: [{ accountId: string; sessionId: string }, Session]
  getPrefs: [{ accountId: string }, Preferences]
  createJwt: [{ accountId: string; durationSeconds?: number }, { jwt: string }]
  /** Lanyard's own timeline of the account, oldest first. */
  getActivity: [{ accountId: string }, ActivityEvent[]]
  /** Runs the handler of the notification's buttons (index 0 is Revoke). */
  pressNotificationButton: [{ notificationId: string; buttonIndex: number }, void]
}

export type TestMessageName = keyof TestProtocolMap

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const none = v.nullish(v.never())
const accountRef = v.object({ accountId: id })

export const testInputSchemas: { [K in TestMessageName]: v.GenericSchema<unknown, TestProtocolMap[K][0]> } = {
  getState: none as v.GenericSchema<unknown, void>,
  switchToNextAccount: none as v.GenericSchema<unknown, void>,
  getSession: v.object({ accountId: id, sessionId: id }),
  getPrefs: accountRef,
  createJwt: v.object({ accountId: id, durationSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600))) }),
  getActivity: accountRef,
  pressNotificationButton: v.object({
    notificationId: v.pipe(v.string(), v.maxLength(300)),
    buttonIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1)),
  }),
}

export function testHooksFeature(ctx: WorkerContext): Feature {
  return {
    requests: {
      async getState() {
        const state = await readItems(ctx.areas, { projects: items.projects, accounts: items.accounts, active: items.activeAccountId })
        return { projects: state.projects, accounts: state.accounts, activeAccountId: state.active }
      },
      switchToNextAccount: () => switchToNextAccount(ctx),
      getSession: (input) => withSession(ctx, input.accountId, ({ client, session }) => client.getSession(session, input.sessionId)),
      getPrefs: (input) => withSession(ctx, input.accountId, ({ client, session }) => client.getPrefs(session)),
      createJwt: (input) =>
        withSession(ctx, input.accountId, async ({ client, session }) => ({ jwt: (await client.createJwt(session, input.durationSeconds)).jwt })),
      async getActivity(input) {
        // The timeline names IPs and places: hidden while locked, like the snapshots.
        if (await readItem(ctx.areas, items.vaultLocked)) throw lockedError()
        await requireAccount(ctx, input.accountId)
        return readTimeline(ctx.areas, input.accountId)
      },
      pressNotificationButton: (input) => handleNotificationButton(ctx, input.notificationId, input.buttonIndex),
    } satisfies { [K in TestMessageName]: (input: TestProtocolMap[K][0]) => Promise<TestProtocolMap[K][1]> },
  }
}
