// Projects and the overall state a page asks for when storage alone is not enough.
import type { Feature, Handlers } from '../spine.ts'
import { items, readItems } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'
import { signOutOrKeepPending } from '../pending-sign-outs.ts'
import { addProject, rebuildOriginRule, removeProject, requireProject, updateProject } from '../projects.ts'

export function projectsFeature(ctx: WorkerContext): Feature {
  const requests = {
    addProject: (input) => addProject(ctx, input),
    updateProject: (input) => updateProject(ctx, input),
    async removeProject(input) {
      // As for one account: a sign-out that fails stays pending, with its session sealed.
      const project = await requireProject(ctx, input.id)
      const { accounts } = await readItems(ctx.areas, { accounts: items.accounts })
      const held = accounts.filter((account) => account.projectId === input.id)
      await Promise.all(held.map((account) => signOutOrKeepPending(ctx, account, project)))
      await removeProject(ctx, input.id)
    },
    async getOAuthRedirectHost() {
      const redirectUrl = ctx.browser.identity.getRedirectURL('oauth2')
      return { host: new URL(redirectUrl).host, redirectUrl }
    },
  } satisfies Partial<Handlers>
  // The rule lives in the browser's dynamic rules; rebuilt on install and start in case it was lost.
  return { requests, prepare: () => rebuildOriginRule(ctx) }
}
