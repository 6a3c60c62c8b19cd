import { readableTextOn } from './contrast.ts'
import { initials } from './format.ts'

/** No text on the pages is smaller, the initials of a small avatar included. */
const MIN_TEXT_PX = 12

/** Initials in the account's colour; decorative, the name is written next to it. */
export function Avatar({ name, email, color, size = 40 }: { name: string; email: string; color: string; size?: number }) {
  return (
    <span class="avatar" aria-hidden="true" style={{ background: color, color: readableTextOn(color), width: `${size}px`, height: `${size}px`, fontSize: `${Math.max(MIN_TEXT_PX, size * 0.4)}px` }}>
      {initials(name, email)}
    </span>
  )
}
