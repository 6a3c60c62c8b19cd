// Sends an emailed-link request with the project's link target, and turns the server's refusal of
// that URL into what to do (issue 14; docs/appwrite/wire.md section 5, the redirect validator).
import { AppwriteError } from '../appwrite/index.ts'
import { linkTarget, refusedLinkAdvice } from '../shared/app-url.ts'
import type { Project } from '../shared/protocol.ts'
import { WorkerError } from './errors.ts'

export async function withLinkUrl<T>(project: Project, given: string | undefined, send: (url: string) => Promise<T>): Promise<T> {
  const url = given ?? linkTarget(project)
  try {
    return await send(url)
  } catch (error) {
    // "Invalid `url` param: Invalid URI. Register your new client (host) as a new Web platform …"
    if (error instanceof AppwriteError && error.code === 400 && error.type === 'general_argument_invalid' && /\burl\b|redirect|uri/i.test(error.message)) {
      throw new WorkerError({ type: error.type, code: 400, message: `The server refused the link address ${url}: ${refusedLinkAdvice(url)}.` })
    }
    throw error
  }
}
