// What the toolbar button says (issue 16): its title names the current account and project, and its
// badge shows that account's initials in its colour, a lock while locked, or the number of unseen
// sign-ins, which matter most. Pure, so every state is tested without a browser.
import { initials } from '../shared/initials.ts'
import type { SignInAlert } from '../shared/lock-and-alerts.ts'
import type { AccountSummary, Project } from '../shared/protocol.ts'
import { badgeText } from './sign-in-alerts.ts'

export interface ToolbarInputs {
  accounts: AccountSummary[]
  activeAccountId: string | null
  projects: Project[]
  locked: boolean
  alerts: SignInAlert[]
}

export interface ToolbarLook {
  title: string
  text: string
  color: string
}

/** The badge's text while locked: a padlock, which both browsers draw in the badge font. */
export const LOCK_BADGE = '🔒'
/** The alert count is red, like the alert cards in the popup; the lock is neutral grey. */
export const ALERT_BADGE_COLOR = '#b42318'
export const LOCK_BADGE_COLOR = '#5b6270'

type Message = (key: string, substitutions?: string[]) => string

export function toolbarLook(state: ToolbarInputs, message: Message): ToolbarLook {
  if (state.locked) return { title: message('toolbarTitleLocked'), text: LOCK_BADGE, color: LOCK_BADGE_COLOR }
  const active = state.accounts.find((a) => a.id === state.activeAccountId)
  const project = active && state.projects.find((p) => p.id === active.projectId)
  const who = active ? active.email || active.phone || active.name || active.userId : ''
  const title = active ? message('toolbarTitle', [who, project?.label ?? '?']) : message('extName')
  if (state.alerts.length > 0) {
    return { title: `${title} — ${message('toolbarAlerts', [String(state.alerts.length)])}`, text: badgeText(state.alerts.length), color: ALERT_BADGE_COLOR }
  }
  return active ? { title, text: initials(active.name, active.email), color: active.color } : { title, text: '', color: LOCK_BADGE_COLOR }
}
