import { describe, expect, it } from 'vitest'
import { linkTarget, normalizeAppUrl, refusedLinkAdvice } from './app-url.ts'

describe('normalizeAppUrl', () => {
  it('keeps origin and path of an http(s) URL', () => {
    expect(normalizeAppUrl(' https://app.example.com/auth?x=1#y ')).toBe('https://app.example.com/auth')
    expect(normalizeAppUrl('http://localhost:5173')).toBe('http://localhost:5173/')
  })
  it('refuses anything else', () => {
    for (const bad of ['', 'app.example.com', 'javascript:alert(1)', 'ftp://a.example', 'https://user:pw@a.example/']) expect(normalizeAppUrl(bad)).toBeNull()
  })
})

it('points links at the App URL, else at the endpoint origin', () => {
  expect(linkTarget({ endpoint: 'https://api.example.com/v1' })).toBe('https://api.example.com/')
  expect(linkTarget({ endpoint: 'https://api.example.com/v1', appUrl: 'https://app.example.com/' })).toBe('https://app.example.com/')
})

it('words the advice for a refused URL', () => {
  expect(refusedLinkAdvice('https://api.example.com:8443/')).toBe('add a Web platform with hostname api.example.com in the Appwrite console, or set the App URL')
})
