// Text on a colour a person or the palette picked (avatars): black or white, whichever contrasts
// more (WCAG 2 relative luminance), so initials stay readable on light colours like amber.

function channel(value: number): number {
  const c = value / 255
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim())
  if (!match) return null
  const [r, g, b] = match.slice(1).map((part) => channel(Number.parseInt(part, 16)))
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
}

/** `#000000` or `#ffffff` for text on `background` (`#rrggbb`); white for anything else. */
export function readableTextOn(background: string): string {
  const l = luminance(background)
  if (l === null) return '#ffffff'
  const onWhite = 1.05 / (l + 0.05)
  const onBlack = (l + 0.05) / 0.05
  return onBlack > onWhite ? '#000000' : '#ffffff'
}
