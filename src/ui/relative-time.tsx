import { dateTime, relativeTime } from './format.ts'
import './relative-time.css'

/** "3 minutes ago", with the exact date and time on hover and for machines (issue 16). */
export function RelativeTime({ ms, nowMs }: { ms: number; nowMs: number }) {
  const iso = new Date(ms).toISOString()
  return (
    <time dateTime={iso} title={dateTime(iso)}>
      {relativeTime(ms, nowMs)}
    </time>
  )
}
