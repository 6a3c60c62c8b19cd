/** Up to two letters for an avatar or the toolbar badge: from the name's words, else the email, else "?". */
export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 0 ? words.slice(0, 2).map((w) => [...w][0]) : [...email.trim()].slice(0, 1)
  return letters.join('').toUpperCase() || '?'
}
