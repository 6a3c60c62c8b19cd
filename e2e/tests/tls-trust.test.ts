// The bench's way of trusting the local server in TLS mode (bench/run.ts fanOut): Chromium told to
// trust that one certificate's key (--ignore-certificate-errors-spki-list), never every certificate.
// With the flag a page loads from the server over HTTP/2; without it, or with another key's hash, it does not.
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCertificate } from '../appwrite/certificate.ts'
import { chromiumPath } from '../harness/extension.ts'
import { startTestServer, testProject, type TestServer } from '../harness/server.ts'

const BASE_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

async function withBrowser<T>(args: string[], use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...BASE_ARGS, ...args] })
  try {
    return await use(browser)
  } finally {
    await browser.close()
  }
}

/** Loads the server's version route in a new page: its status, body and the protocol it came over. */
async function load(browser: Browser, url: string): Promise<{ status: number; body: unknown; protocol: string }> {
  const page = await browser.newPage()
  const response = await page.goto(url)
  const protocol = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)
  return { status: response?.status() ?? 0, body: JSON.parse(await page.innerText('body')) as unknown, protocol }
}

describe('trusting the TLS server by its key hash', () => {
  let server: TestServer
  let url: string
  beforeAll(async () => {
    server = await startTestServer({ projects: [testProject('bench')] }, { tls: createCertificate(), version: '2.7.1' })
    url = `${server.endpoint}/health/version`
  })
  afterAll(() => server.close())

  it('loads a page from the server over HTTP/2 when Chromium trusts its key', async () => {
    const spki = server.certificate?.spkiHash ?? ''
    expect(url).toMatch(/^https:/)
    await withBrowser([`--ignore-certificate-errors-spki-list=${spki}`], async (browser) => {
      expect(await load(browser, url)).toEqual({ status: 200, body: { version: '2.7.1' }, protocol: 'h2' })
    })
  })

  it('refuses the page without the flag, and with the hash of another key', async () => {
    const otherKey = createCertificate().spkiHash
    for (const args of [[], [`--ignore-certificate-errors-spki-list=${otherKey}`]]) {
      await withBrowser(args, async (browser) => {
        await expect(load(browser, url)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/)
      })
    }
  })
})
