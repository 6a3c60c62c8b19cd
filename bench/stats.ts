// Summaries of repeated measurements: every bench figure is a median with its min and max.

export interface Figure {
  median: number
  min: number
  max: number
  unit: string
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export function summarize(values: readonly number[], unit: string): Figure {
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError(`not a finite sample in ${values.join(', ')}`)
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), unit }
}

/** A measurement taken once (bundle sizes do not vary between runs). */
export function exact(value: number, unit: string): Figure {
  return { median: value, min: value, max: value, unit }
}

/**
 * A ratio of two medians measured in the same run; min and max pair the samples index by index
 * (runs were interleaved, so sample i of each came from the same moment of the run).
 */
export function ratio(numerator: readonly number[], denominator: readonly number[]): Figure {
  const pairs = numerator.slice(0, denominator.length).map((n, i) => n / (denominator[i] as number))
  return { median: median(numerator) / median(denominator), min: Math.min(...pairs), max: Math.max(...pairs), unit: 'x' }
}
