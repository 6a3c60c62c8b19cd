// vitest globalSetup of the firefox project: the Firefox test build the lane drives, and both
// product builds, which its package test zips.
import { buildExtension } from '../harness/global-setup.ts'

export default async function setup(): Promise<void> {
  await buildExtension('firefox-test')
  await buildExtension('chrome')
  await buildExtension('firefox')
}
