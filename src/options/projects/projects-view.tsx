// Projects and their accounts: add a project, rename it or change its colour, sign in, open,
// sign out or remove an account, remove a project.
import { useSignal } from '@preact/signals'
import type { AccountSummary, Project } from '../../shared/protocol.ts'
import { serverVersionLabel } from '../../shared/server-features.ts'
import { accountStatusText } from '../../ui/account-status.ts'
import { useAction } from '../../ui/action.ts'
import { Avatar } from '../../ui/avatar.tsx'
import { ConfirmAction } from '../../ui/confirm-action.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { accountLabel, hostOf } from '../../ui/format.ts'
import { t, tCount } from '../../ui/i18n.ts'
import { idnHost } from '../../ui/idn.ts'
import type { Model } from '../../ui/model.ts'
import type { PageIO } from '../../ui/page-io.ts'
import { AddProjectForm } from './add-project-form.tsx'
import { ProjectEditForm } from './project-edit-form.tsx'
import { OAuthAdvice } from '../sign-in/oauth-advice.tsx'
import { PassphraseOffer } from '../lock/passphrase-offer.tsx'
import { type Router, routeHref } from '../router.ts'

export function ProjectsView({ model, io, router }: { model: Model; io: PageIO; router: Router }) {
  const projects = model.projects.value
  return (
    <div class="view">
      <h1>{t('projectsAndAccounts')}</h1>
      <PassphraseOffer model={model} io={io} />
      {projects.length === 0 ? <p class="muted">{t('noProjectsYet')}</p> : null}
      {projects.map((project) => (
        <ProjectCard key={project.id} project={project} model={model} accounts={model.accounts.value.filter((a) => a.projectId === project.id)} />
      ))}
      <AddProjectForm model={model} io={io} onAdded={(project) => router.navigate(routeHref.signIn(project.id))} />
      <OAuthAdvice model={model} io={io} />
    </div>
  )
}

function ProjectCard({ project, accounts, model }: { project: Project; accounts: AccountSummary[]; model: Model }) {
  const editing = useSignal(false)
  /** The label last saved here, for the confirmation; cleared when an edit starts. */
  const saved = useSignal<string | null>(null)
  return (
    <section class="card" aria-label={project.label}>
      <div class="card-head">
        <h2>
          <span class="project-dot" style={{ background: project.color }} aria-hidden="true" />
          {project.label}
        </h2>
        <span class="row-actions">
          {editing.value ? null : (
            <button
              type="button"
              onClick={() => {
                saved.value = null
                editing.value = true
              }}
            >
              {t('editProject')}
            </button>
          )}
          <a class="button" href={routeHref.signIn(project.id)}>
            {t('signInOrCreate')}
          </a>
        </span>
      </div>
      {editing.value ? (
        <ProjectEditForm
          model={model}
          project={project}
          onDone={(result) => {
            editing.value = false
            saved.value = result?.label ?? null
          }}
        />
      ) : null}
      {saved.value === null ? null : <p role="status">{t('projectSaved', saved.value)}</p>}
      <p class="muted">
        {hostOf(project.endpoint)} · {t('projectIdValue', project.projectId)}
        {project.serverVersion ? <span class="server-version"> · {serverVersionLabel(project.serverVersion)}</span> : null}
      </p>
      {project.appUrl ? <p class="muted">{t('appUrlValue', project.appUrl)}</p> : null}
      <EndpointIdn endpoint={project.endpoint} />
      {accounts.length === 0 ? (
        <p class="muted">{t('noAccountsInProject')}</p>
      ) : (
        <ul class="account-rows" aria-label={t('accountsOf', project.label)}>
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} model={model} />
          ))}
        </ul>
      )}
      <ConfirmAction
        label={t('removeProject')}
        question={tCount('confirmRemoveProject', accounts.length, project.label)}
        confirmLabel={t('removeProject')}
        onConfirm={() => model.request('removeProject', { id: project.id })}
      />
    </section>
  )
}

/** A non-ASCII host in both forms, and a warning when it mixes scripts as look-alikes do. */
function EndpointIdn({ endpoint }: { endpoint: string }) {
  const idn = idnHost(hostOf(endpoint).replace(/:\d+$/, ''))
  if (idn === null) return null
  return (
    <>
      <p class="muted">{t('endpointIdn', idn.unicode, idn.ascii)}</p>
      {idn.mixedScripts ? (
        <p role="alert" class="error">
          {t('endpointMixedScripts')}
        </p>
      ) : null}
    </>
  )
}

function AccountRow({ account, model }: { account: AccountSummary; model: Model }) {
  const signOut = useAction()
  const label = accountLabel(account)
  return (
    <li class="account-row" aria-label={label}>
      <Avatar name={account.name} email={account.email} color={account.color} size={28} />
      <a href={routeHref.account(account.id)} class="account-row-name">
        {label}
      </a>
      <span class={`badge status-${account.status}`}>{accountStatusText(account)}</span>
      <span class="row-actions">
        {account.status === 'signedIn' ? (
          <button type="button" disabled={signOut.busy} onClick={() => signOut.run(() => model.request('signOut', { accountId: account.id }))}>
            {t('signOut')}
          </button>
        ) : (
          <a class="button" href={routeHref.signIn(account.projectId, { email: account.email })}>
            {t('signInAgain')}
          </a>
        )}
        <ConfirmAction
          label={t('removeAccount')}
          question={t('confirmRemoveAccount', label)}
          confirmLabel={t('removeAccount')}
          onConfirm={() => model.request('removeAccount', { accountId: account.id })}
        />
      </span>
      <ErrorText error={signOut.error} />
    </li>
  )
}
