// Projects and the overall state a page asks for when storage alone is not enough.
import type { Feature, Handlers } from '../spine.ts'
import { items, readItems } from '../../shared/storage.ts'
import type { WorkerContext } from '../context.ts'
import { addProject, rebuildOriginRule, removeProject, updateProject } from '../projects.ts'
import { signOut } from './accounts.ts'

export function projectsFeature(ctx: WorkerContext): Feature {
  const requests = {
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
      const redirectUrl = ctx.browser.identity.getRedirectURL('oauth2')
      return { host: new URL(redirectUrl).host, redirectUrl }
    },
  } satisfies Partial<Handlers>
  // The rule lives in the browser's dynamic rules; rebuilt on install and start in case it was lost.
  return { requests, prepare: () => rebuildOriginRule(ctx) }
}
