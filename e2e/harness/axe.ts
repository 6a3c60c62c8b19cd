// Runs axe-core inside a page the way the issue asks: WCAG 2 A and AA rules, and only violations
// of serious or critical impact fail. The source is evaluated through the DevTools protocol, which
// an extension page's script-src 'self' policy does not govern.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const WCAG2_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const FAILING_IMPACTS = new Set(['serious', 'critical'])

let axeSource: Promise<string> | undefined

function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  return axeSource
}

export interface A11yViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Serious and critical WCAG 2 A/AA violations on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  await page.evaluate(await loadAxeSource())
  const violations = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => String(n.target)) }))
  }, WCAG2_TAGS)
  return violations.filter((v) => FAILING_IMPACTS.has(v.impact))
}

/** Throws with a readable list when the page has a serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousA11yViolations(page)
  if (violations.length === 0) return
  const lines = violations.map((v) => `- ${v.id} (${v.impact}): ${v.help} at ${v.targets.slice(0, 3).join(', ')}`)
  throw new Error(`${what} has ${violations.length} serious or critical accessibility violation(s):\n${lines.join('\n')}`)
}
