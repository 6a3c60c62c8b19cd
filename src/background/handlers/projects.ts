// Projects and the overall state a page asks for when storage alone is not enough.
import type { Handlers } from '../../shared/messaging.ts'
import { items, readItems } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'
import { addProject, removeProject, updateProject } from '../projects.ts'
import { signOut } from './accounts.ts'

export function projectHandlers(ctx: WorkerContext) {
  return {
    async getState() {
      const state = await readItems(ctx.areas, { projects: items.projects, accounts: items.accounts, active: items.activeAccountId })
      return { projects: state.projects, accounts: state.accounts, activeAccountId: state.active }
    },
    addProject: (input) => addProject(ctx, input),
    updateProject: (input) => updateProject(ctx, input),
    async removeProject(input) {
      // Best effort, as for one account: sessions nobody holds any more should not stay valid on the server.
      const { accounts } = await readItems(ctx.areas, { accounts: items.accounts })
      const held = accounts.filter((account) => account.projectId === input.id)
      await Promise.allSettled(held.map((account) => signOut(ctx, account.id)))
      await removeProject(ctx, input.id)
    },
    async getOAuthRedirectHost() {
      const redirectUrl = ctx.redirectUrl('oauth2')
      return { host: new URL(redirectUrl).host, redirectUrl }
    },
  } satisfies Partial<Handlers>
}
