import { initials } from './format.ts'

/** Initials in the account's colour; decorative, the name is written next to it. */
export function Avatar({ name, email, color, size = 40 }: { name: string; email: string; color: string; size?: number }) {
  return (
    <span class="avatar" aria-hidden="true" style={{ background: color, width: `${size}px`, height: `${size}px`, fontSize: `${size * 0.4}px` }}>
      {initials(name, email)}
    </span>
  )
}
