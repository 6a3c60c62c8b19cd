/** Colours given to new projects and accounts in turn, so neighbours in a list differ at a glance. */
const PALETTE = ['#4f46e5', '#0891b2', '#16a34a', '#ca8a04', '#dc2626', '#db2777', '#7c3aed', '#ea580c'] as const

export function paletteColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? PALETTE[0]
}
