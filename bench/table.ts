// The bench's printed table: each figure with its median, min, max and its budget, if any.
import type { Budget } from './budgets.ts'
import type { Figure } from './stats.ts'

export type Verdict = 'ok' | 'MISS' | ''

export function verdict(figure: Figure, budget: Budget | undefined): Verdict {
  if (!budget) return ''
  return figure[budget.on] <= budget.limit ? 'ok' : 'MISS'
}

/** A value in its figure's unit, bytes shown in kB or MB so they read at a glance. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'B') return value >= 1_000_000 ? `${(value / 1_000_000).toFixed(2)} MB` : `${(value / 1000).toFixed(1)} kB`
  if (unit === 'x') return `${value.toFixed(2)}x`
  return `${value.toFixed(1)} ${unit}`
}

export function formatBudget(budget: Budget | undefined, unit: string): string {
  if (!budget) return '-'
  return `${budget.on === 'max' ? 'max ' : ''}<= ${formatValue(budget.limit, unit)}`
}

/** One row per figure in the order given: aligned plain text, or a Markdown table (for the README). */
export function formatTable(
  figures: Readonly<Record<string, Figure>>,
  budgets: Readonly<Record<string, Budget>>,
  style: 'plain' | 'markdown' = 'plain',
): string {
  const header = ['figure', 'median', 'min', 'max', 'budget', '']
  const rows = Object.entries(figures).map(([name, f]) => [
    name,
    formatValue(f.median, f.unit),
    formatValue(f.min, f.unit),
    formatValue(f.max, f.unit),
    formatBudget(budgets[name], f.unit),
    verdict(f, budgets[name]),
  ])
  if (style === 'markdown') {
    const line = (row: string[]) => `| ${row.join(' | ')} |`
    return [line(header), line(header.map((_, column) => (column === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n')
  }
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] as string).length)))
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** The names of figures that miss their budget. */
export function misses(figures: Readonly<Record<string, Figure>>, budgets: Readonly<Record<string, Budget>>): string[] {
  return Object.entries(figures)
    .filter(([name, f]) => verdict(f, budgets[name]) === 'MISS')
    .map(([name]) => name)
}
