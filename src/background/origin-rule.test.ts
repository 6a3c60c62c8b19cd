import { describe, expect, it, vi } from 'vitest'
import type { Project } from '../shared/protocol.ts'
import { buildOriginRule, ORIGIN_RULE_ID, syncOriginRule } from './origin-rule.ts'

const project = (endpoint: string): Project => ({ id: endpoint, endpoint, projectId: 'p', label: 'l', color: '#000' })

describe('origin rule', () => {
  it('removes Origin only for the extension as initiator, from no tab, and only towards configured hosts', () => {
    const rule = buildOriginRule(
      [project('https://cloud.appwrite.io/v1'), project('http://127.0.0.1:8787/v1'), project('http://127.0.0.1:9999/v1')],
      'extid',
    )
    expect(rule).toEqual({
      id: ORIGIN_RULE_ID,
      priority: 1,
      action: { type: 'modifyHeaders', requestHeaders: [{ header: 'origin', operation: 'remove' }] },
      condition: {
        tabIds: [-1],
        requestDomains: ['127.0.0.1', 'cloud.appwrite.io'],
        initiatorDomains: ['extid'],
        resourceTypes: ['xmlhttprequest', 'other'],
      },
    })
  })

  it('uses bare IPv6 addresses as DNR domains', () => {
    expect(buildOriginRule([project('http://[::1]:8787/v1')], 'extid')?.condition.requestDomains).toEqual(['::1'])
  })

  it('has no rule without projects, and sync then only removes the old one (and the dynamic rule of earlier versions)', async () => {
    expect(buildOriginRule([], 'extid')).toBeNull()
    const browser = { dynamicRules: { updateDynamicRules: vi.fn(async () => undefined) }, sessionRules: { getSessionRules: vi.fn(async () => []), updateSessionRules: vi.fn(async () => undefined) } }
    await syncOriginRule(browser, [], 'extid')
    expect(browser.dynamicRules.updateDynamicRules).toHaveBeenCalledWith({ removeRuleIds: [ORIGIN_RULE_ID], addRules: [] })
    expect(browser.sessionRules.updateSessionRules).toHaveBeenCalledWith({ removeRuleIds: [ORIGIN_RULE_ID], addRules: [] })
  })
})
