// A self-signed certificate for the server's `--tls` mode, made with node:crypto alone (no openssl
// on the path needed): an ECDSA P-256 key and an X.509 v3 certificate for 127.0.0.1, ::1 and
// localhost, DER-encoded by hand. Browsers trust it by its key's hash only
// (`--ignore-certificate-errors-spki-list=<spkiHash>`), never by ignoring certificate errors at large.
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Certificate {
  /** PEM */
  key: string
  /** PEM */
  cert: string
  /** base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's SPKI list takes. */
  spkiHash: string
}

// DER: tag, length, contents (X.690 section 8).
function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents)
  const length = body.length
  const lengthBytes = length < 0x80 ? Buffer.from([length]) : lengthOfLong(length)
  return Buffer.concat([Buffer.from([tag]), lengthBytes, body])
}

function lengthOfLong(length: number): Buffer {
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

const sequence = (...parts: Buffer[]) => der(0x30, ...parts)
const set = (...parts: Buffer[]) => der(0x31, ...parts)
const explicit = (n: number, part: Buffer) => der(0xa0 | n, part)
const octets = (bytes: Buffer) => der(0x04, bytes)
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'))
const bitString = (bytes: Buffer) => der(0x03, Buffer.from([0]), bytes)

function integer(bytes: Buffer): Buffer {
  // A positive INTEGER: a leading 1 bit would read as negative.
  return der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f]
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift(0x80 | (value & 0x7f))
    bytes.push(...chunk)
  }
  return der(0x06, Buffer.from(bytes))
}

/** UTCTime, YYMMDDHHMMSSZ (valid for years 1950 to 2049, RFC 5280 section 4.1.2.5.1). */
function utcTime(date: Date): Buffer {
  const iso = date.toISOString()
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  return der(0x17, Buffer.from(text, 'ascii'))
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'))
const SUBJECT_ALT_NAME = '2.5.29.17'
const COMMON_NAME = '2.5.4.3'
const DAY_MS = 86_400_000

function subjectAltNames(): Buffer {
  const ip = (bytes: number[]) => der(0x87, Buffer.from(bytes))
  const dns = (name: string) => der(0x82, Buffer.from(name, 'ascii'))
  const loopbackV6 = Array.from({ length: 16 }, (_, i) => (i === 15 ? 1 : 0))
  return sequence(oid(SUBJECT_ALT_NAME), octets(sequence(ip([127, 0, 0, 1]), ip(loopbackV6), dns('localhost'))))
}

function spkiHashOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64')
}

/** A new key and a certificate for the loopback names, valid from a day ago for `days` days. */
export function createCertificate(days = 365, now = new Date()): Certificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8('Lanyard local Appwrite-compatible server'))))
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now.getTime() - DAY_MS)), utcTime(new Date(now.getTime() + days * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(subjectAltNames())),
  )
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bitString(sign('sha256', tbs, privateKey)))
  const base64 = certificate.toString('base64').replace(/.{1,64}/g, '$&\n')
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
    spkiHash: spkiHashOf(publicKey),
  }
}

/** The SPKI hash of a PEM certificate, as `createCertificate` reports it. */
export function spkiHashOfCertificate(pem: string): string {
  return spkiHashOf(new X509Certificate(pem).publicKey)
}

/**
 * The certificate kept in `dir` (tls-key.pem, tls-cert.pem), made there on first use, so a person
 * trusts one key hash across restarts. A kept certificate within a week of its end is replaced.
 */
export function keptCertificate(dir: string, now = new Date()): Certificate {
  const keyFile = join(dir, 'tls-key.pem')
  const certFile = join(dir, 'tls-cert.pem')
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, 'utf8')
    if (new Date(new X509Certificate(cert).validTo).getTime() - now.getTime() > 7 * DAY_MS) {
      return { key: readFileSync(keyFile, 'utf8'), cert, spkiHash: spkiHashOfCertificate(cert) }
    }
  }
  const made = createCertificate(365, now)
  mkdirSync(dir, { recursive: true })
  writeFileSync(keyFile, made.key, { mode: 0o600 })
  writeFileSync(certFile, made.cert)
  return made
}
