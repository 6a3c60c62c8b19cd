// Refuses, before any request, what the project's server does not offer (src/shared/server-features.ts),
// so a page never gets a confusing 404 from a route the server lacks.
import type { Project } from '../shared/protocol.ts'
import { featuresOf, type ServerFeatures } from '../shared/server-features.ts'
import { WorkerError } from './errors.ts'

type Offered = { [K in keyof ServerFeatures]: ServerFeatures[K] extends boolean ? K : never }[keyof ServerFeatures]

export function requireFeature(project: Pick<Project, 'serverVersion'>, feature: Offered, what: string): void {
  if (featuresOf(project.serverVersion)[feature]) return
  const server = project.serverVersion ? `Appwrite ${project.serverVersion}` : 'this server (its version is not known yet)'
  throw WorkerError.of('lanyard_not_supported', 501, `${what} is not offered by ${server}.`)
}
