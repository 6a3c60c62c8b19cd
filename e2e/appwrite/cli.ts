// `npm run server`: the Appwrite-compatible server on 127.0.0.1:8787 with the demo data.
// Flags: --port N (0 = any free port), --host H, --config FILE, --latency MS, --data FILE,
// --appwrite-version V (1.9.6 or 2.7.1; default the config's, 2.7.1 for the demo),
// --tls (HTTPS with HTTP/2 and HTTP/1.1 fallback; the certificate is made once and kept in .lanyard-demo/).
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { keptCertificate } from './certificate.ts'
import { APPWRITE_VERSIONS, type AppwriteVersion } from './config.ts'
import { startServer } from './server.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string' },
    latency: { type: 'string', default: '0' },
    data: { type: 'string' },
    'appwrite-version': { type: 'string' },
    tls: { type: 'boolean', default: false },
  },
})

function number(flag: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${flag} needs a whole number, got "${text}"`)
    process.exit(2)
  }
  return value
}

const version = values['appwrite-version']
if (version !== undefined && !(APPWRITE_VERSIONS as readonly string[]).includes(version)) {
  console.error(`--appwrite-version needs one of ${APPWRITE_VERSIONS.join(', ')}, got "${version}"`)
  process.exit(2)
}

const server = await startServer({
  port: number('port', values.port),
  host: values.host,
  latencyMs: number('latency', values.latency),
  ...(values.config ? { config: values.config } : {}),
  ...(values.data ? { dataFile: values.data } : {}),
  ...(version ? { version: version as AppwriteVersion } : {}),
  ...(values.tls ? { tls: keptCertificate(resolve('.lanyard-demo')) } : {}),
})
console.log(`Appwrite-compatible server listening on ${server.endpoint}`)
if (server.certificate) {
  console.log(`Self-signed certificate in .lanyard-demo/tls-cert.pem. Chromium trusts it with only this key, not every certificate:`)
  console.log(`  --ignore-certificate-errors-spki-list=${server.certificate.spkiHash}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0))
  })
}
