// Builds the users of each configured project, with sessions on their devices and a history of
// log events, so the demo shows realistic data from the start.
import type { SeedUser } from './config.ts'
import { DAY_MS, HOUR_MS } from './datetime.ts'
import { countryCodeOf } from './geo.ts'
import { randomHex, SESSION_SECRET_CHARS, sha256, uniqueId } from './ids.ts'
import type { LogRecord, ProjectState, ServerState, UserRecord } from './state.ts'
import { parseUserAgent } from './user-agent.ts'
import { newUserRecord } from './user-records.ts'
import { seedExtras } from './records-2x.ts'

function seedUser(seed: SeedUser, now: number): UserRecord {
  const registration = now - (seed.registeredHoursAgo ?? 30 * 24) * HOUR_MS
  const user = newUserRecord(
    {
      id: seed.$id,
      email: seed.email ?? '',
      phone: seed.phone ?? '',
      name: seed.name ?? '',
      password: seed.password ?? null,
      emailVerification: seed.emailVerification ?? false,
      phoneVerification: seed.phoneVerification ?? false,
    },
    registration,
  )
  user.status = seed.status ?? true
  user.labels = seed.labels ?? []
  user.prefs = seed.prefs ?? {}
  seedExtras(user, seed, now)
  const logs: LogRecord[] = []
  const firstDevice = seed.devices?.[0]
  if (firstDevice) logs.push(logAt('user.create', firstDevice.userAgent, firstDevice.ip, registration))
  for (const device of seed.devices ?? []) {
    const createdAt = now - device.hoursAgo * HOUR_MS
    logs.push(logAt('session.create', device.userAgent, device.ip, createdAt))
    if (device.signedOut) {
      logs.push(logAt('session.delete', device.userAgent, device.ip, createdAt + Math.min(device.hoursAgo * HOUR_MS, DAY_MS) / 2))
      continue
    }
    user.sessions.push({
      id: uniqueId(),
      createdAt,
      updatedAt: createdAt,
      expire: createdAt + 365 * DAY_MS,
      provider: device.provider ?? 'email',
      providerUid: device.provider === 'anonymous' ? '' : user.email,
      providerAccessToken: '',
      providerAccessTokenExpiry: null,
      providerRefreshToken: '',
      // Nobody knows the secret of a seeded session: it exists to be seen and revoked.
      secretHash: sha256(randomHex(SESSION_SECRET_CHARS)),
      ip: device.ip,
      device: parseUserAgent(device.userAgent),
      countryCode: countryCodeOf(device.ip),
      factors: ['password'],
      mfaUpdatedAt: null,
    })
  }
  user.logs = logs.sort((a, b) => a.time - b.time)
  user.accessedAt = Math.max(registration, ...user.sessions.map((session) => session.createdAt))
  return user
}

function logAt(event: string, userAgent: string, ip: string, time: number): LogRecord {
  return { event, userType: 'user', ip, time, device: parseUserAgent(userAgent), countryCode: countryCodeOf(ip) }
}

export function seedProject(project: ProjectState, now: number): void {
  for (const seed of project.config.users) project.putUser(seedUser(seed, now))
}

export function seedAll(state: ServerState): void {
  const now = state.now()
  for (const project of state.projects.values()) {
    for (const user of [...project.users.values()]) project.deleteUser(user)
    seedProject(project, now)
  }
}
