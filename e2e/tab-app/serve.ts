// Serves the test app on its own loopback origin, `http://localhost:<port>`: cross-site to an
// endpoint on `http://127.0.0.1:<port>` (different site, docs/tab-identity.md section 1.1), the setup
// where the SDK keeps its session in localStorage and third-party cookies matter.
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

const files: Record<string, { path: URL; type: string }> = {
  '/': { path: new URL('./index.html', import.meta.url), type: 'text/html; charset=utf-8' },
  '/app.js': { path: new URL('./app.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/sdk.js': { path: new URL('../../node_modules/appwrite/dist/iife/sdk.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
}

export interface TabApp {
  /** `http://localhost:<port>` */
  origin: string
  close(): Promise<void>
}

export async function startTabApp(config: { endpoint: string; projectId: string }): Promise<TabApp> {
  const configScript = `window.TAB_APP_CONFIG = ${JSON.stringify(config)};`
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path === '/config.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
      response.end(configScript)
      return
    }
    const file = files[path]
    if (!file) {
      response.writeHead(404).end()
      return
    }
    readFile(fileURLToPath(file.path)).then(
      (body) => {
        response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' })
        response.end(body)
      },
      () => response.writeHead(500).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
