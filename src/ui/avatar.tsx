import { initials } from './format.ts'

/** No text on the pages is smaller, the initials of a small avatar included. */
const MIN_TEXT_PX = 12

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** White or near-black, whichever reads better on the account's colour (some palette colours are light). */
export function textColorOn(background: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return '#ffffff'
  const l = luminance(background)
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#111318'
}

/** Initials in the account's colour; decorative, the name is written next to it. */
export function Avatar({ name, email, color, size = 40 }: { name: string; email: string; color: string; size?: number }) {
  return (
    <span class="avatar" aria-hidden="true" style={{ background: color, color: textColorOn(color), width: `${size}px`, height: `${size}px`, fontSize: `${Math.max(MIN_TEXT_PX, size * 0.4)}px` }}>
      {initials(name, email)}
    </span>
  )
}
