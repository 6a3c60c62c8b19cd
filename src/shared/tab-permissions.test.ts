import { describe, expect, it } from 'vitest'
import { isLoopbackOrigin, tabIdentityPermissions } from './tab-permissions.ts'

describe('tabIdentityPermissions', () => {
  it('default mode: scripting for the app, cookies for the endpoint under both schemes', () => {
    expect(tabIdentityPermissions('fallback', 'http://localhost:5173', 'http://127.0.0.1:8080/v1')).toEqual({
      permissions: ['cookies', 'scripting'],
      origins: ['http://localhost/*', 'http://127.0.0.1/*', 'https://127.0.0.1/*'],
    })
  })

  it('cookie mode needs no scripting; an https endpoint needs one pattern', () => {
    expect(tabIdentityPermissions('cookie', 'https://app.example.com', 'https://api.example.com/v1')).toEqual({
      permissions: ['cookies'],
      origins: ['https://app.example.com/*', 'https://api.example.com/*'],
    })
  })

  it('this tab only needs host access to both ends and no optional API', () => {
    expect(tabIdentityPermissions('tab', 'https://app.example.com:8443', 'https://fra.cloud.appwrite.io/v1')).toEqual({
      permissions: [],
      origins: ['https://app.example.com/*', 'https://fra.cloud.appwrite.io/*'],
    })
  })
})

describe('isLoopbackOrigin', () => {
  it('tells the developer machine from the rest', () => {
    expect(isLoopbackOrigin('http://localhost:5173')).toBe(true)
    expect(isLoopbackOrigin('http://app.localhost:3000')).toBe(true)
    expect(isLoopbackOrigin('http://127.0.0.1:8080')).toBe(true)
    expect(isLoopbackOrigin('http://[::1]:8080')).toBe(true)
    expect(isLoopbackOrigin('https://app.example.com')).toBe(false)
    expect(isLoopbackOrigin('http://127.example.com')).toBe(false)
  })
})
