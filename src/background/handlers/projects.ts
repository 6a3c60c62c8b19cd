// Projects and the overall state a page asks for when storage alone is not enough.
import type { Handlers } from '../../shared/messaging.ts'
import { items, readItems } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'
import { addProject, removeProject, updateProject } from '../projects.ts'

export function projectHandlers(ctx: WorkerContext) {
  return {
    async getState() {
      const state = await readItems(ctx.areas, { projects: items.projects, accounts: items.accounts, active: items.activeAccountId })
      return { projects: state.projects, accounts: state.accounts, activeAccountId: state.active }
    },
    addProject: (input) => addProject(ctx, input),
    updateProject: (input) => updateProject(ctx, input),
    async removeProject(input) {
      await removeProject(ctx, input.id)
    },
    async getOAuthRedirectHost() {
      const redirectUrl = ctx.redirectUrl('oauth2')
      return { host: new URL(redirectUrl).host, redirectUrl }
    },
  } satisfies Partial<Handlers>
}
