import { describe, expect, it } from 'vitest'
import { addUnseen, alertId, alertsFor, badgeText, MAX_UNSEEN_ALERTS, notificationOptions, parseAlertId } from './sign-in-alerts.ts'

const t = (key: string, subs: string[] = []) => `${key}(${subs.join('|')})`

describe('sign-in alerts', () => {
  it('names the account, device, location and IP of the new session', () => {
    const [alert] = alertsFor('acc1', 'ada@example.com', [
      { sessionId: 's1', clientName: 'Firefox', clientVersion: '140', osName: 'Linux', deviceName: 'desktop', countryName: 'Germany', ip: '203.0.113.9' },
    ], 1_000)
    expect(alert).toEqual({ id: 'lanyard-alert:acc1:s1', accountId: 'acc1', sessionId: 's1', account: 'ada@example.com',
      device: 'Firefox 140, Linux, desktop', location: 'Germany', ip: '203.0.113.9', at: 1_000 })
    const shown = notificationOptions(alert!, t, 'icon.png')
    expect(shown.title).toBe('alertTitle(ada@example.com)')
    expect(shown.message).toBe('alertMessage(Firefox 140, Linux, desktop|Germany|203.0.113.9)')
    expect(shown.buttons).toEqual([{ title: 'alertRevoke()' }])
  })

  it('says "unknown" for what the server did not tell', () => {
    const [alert] = alertsFor('acc1', 'ada', [{ sessionId: 's1' }], 0)
    expect(notificationOptions(alert!, t, 'i').message).toBe('alertMessage(alertUnknown()|alertUnknown()|alertUnknown())')
  })

  it('reads the account and session back from the notification id, and nothing from a stranger id', () => {
    expect(parseAlertId(alertId('acc1', 's1'))).toEqual({ accountId: 'acc1', sessionId: 's1' })
    expect(parseAlertId('other:acc1:s1')).toBeNull()
    expect(parseAlertId('lanyard-alert:acc1')).toBeNull()
    expect(parseAlertId('lanyard-alert:acc1:s1:x')).toBeNull()
  })

  it('counts each unseen alert once on the badge', () => {
    const one = alertsFor('acc1', 'a', [{ sessionId: 's1' }], 0)
    const unseen = addUnseen(addUnseen([], one), [...one, ...alertsFor('acc1', 'a', [{ sessionId: 's2' }], 0)])
    expect(unseen.map((a) => a.sessionId)).toEqual(['s1', 's2'])
    expect(badgeText(unseen.length)).toBe('2')
    expect(badgeText(0)).toBe('')
    expect(badgeText(120)).toBe('99+')
  })

  it('keeps only the newest unseen alerts, however many sessions a server invents', () => {
    let unseen = addUnseen([], [])
    for (let check = 0; check < 5; check++) {
      const fresh = Array.from({ length: 100 }, (_, i) => ({ sessionId: `c${check}-s${i}` }))
      unseen = addUnseen(unseen, alertsFor('acc1', 'a', fresh, check))
    }
    expect(unseen).toHaveLength(MAX_UNSEEN_ALERTS)
    expect(unseen.at(-1)?.sessionId).toBe('c4-s99')
    expect(unseen[0]?.sessionId).toBe('c2-s0')
  })
})
