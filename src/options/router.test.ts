import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref } from './router.ts'

describe('options routes', () => {
  it('reads every view from the hash, and each href back to the same view', () => {
    expect(parseRoute(routeHref.projects)).toEqual({ view: 'projects' })
    expect(parseRoute(routeHref.overview)).toEqual({ view: 'overview' })
    expect(parseRoute(routeHref.lock)).toEqual({ view: 'lock' })
    expect(parseRoute(routeHref.backup)).toEqual({ view: 'backup' })
    expect(parseRoute(routeHref.signIn('p 1'))).toEqual({ view: 'sign-in', projectId: 'p 1', form: 'sign-in', email: '' })
    expect(parseRoute(routeHref.signIn('p1', { form: 'create' }))).toEqual({ view: 'sign-in', projectId: 'p1', form: 'create', email: '' })
    expect(parseRoute(routeHref.signIn('p1', { form: 'recover', email: 'a+b@example.com' }))).toEqual({ view: 'sign-in', projectId: 'p1', form: 'recover', email: 'a+b@example.com' })
    expect(parseRoute(routeHref.signIn('p1', { email: 'ada@example.com' }))).toEqual({ view: 'sign-in', projectId: 'p1', form: 'sign-in', email: 'ada@example.com' })
    expect(parseRoute(routeHref.account('a1', 'two-factor'))).toEqual({ view: 'account', accountId: 'a1', section: 'two-factor' })
    expect(routeHref.account('a1', 'two-factor')).toBe('#/account/a1/two-factor')
  })

  it('shows the projects for a route it does not know', () => {
    expect(parseRoute('#/settings')).toEqual({ view: 'projects' })
    expect(parseRoute('')).toEqual({ view: 'projects' })
  })

  it('opens the renamed views from 0.1.0’s addresses', () => {
    expect(parseRoute('#/security')).toEqual({ view: 'lock' })
    expect(parseRoute('#/account/a1/security')).toEqual({ view: 'account', accountId: 'a1', section: 'two-factor' })
    expect(parseRoute('#/account/a1')).toEqual({ view: 'account', accountId: 'a1', section: null })
  })
})
