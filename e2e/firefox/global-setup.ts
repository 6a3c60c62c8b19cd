// vitest globalSetup of the firefox project: builds both targets, since the lane runs dist/firefox
// and its package test zips dist/chrome too.
import { buildExtension } from '../harness/global-setup.ts'

export default async function setup(): Promise<void> {
  await buildExtension('chrome')
  await buildExtension('firefox')
}
