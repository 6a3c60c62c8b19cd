// Fixed-row-height windowing: only the rows in view (plus a few) are in the DOM, so a log of
// thousands of entries scrolls without long frames (issue 6: logsRender budget).
import { useSignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import './virtual-list.css'

interface Props {
  count: number
  rowHeightPx: number
  viewportHeightPx: number
  renderRow(index: number): ComponentChildren
  /** Rows drawn beyond each edge so fast scrolling shows no blank gap. */
  overscan?: number
  label?: string
}

export function VirtualList({ count, rowHeightPx, viewportHeightPx, renderRow, overscan = 6, label }: Props) {
  const scrollTop = useSignal(0)
  const first = Math.max(0, Math.floor(scrollTop.value / rowHeightPx) - overscan)
  const last = Math.min(count, Math.ceil((scrollTop.value + viewportHeightPx) / rowHeightPx) + overscan)
  const rows: ComponentChildren[] = []
  for (let index = first; index < last; index++) rows.push(renderRow(index))
  return (
    <div
      class="virtual-viewport"
      role="rowgroup"
      aria-label={label}
      style={{ height: `${Math.min(viewportHeightPx, count * rowHeightPx)}px`, overflowY: 'auto' }}
      onScroll={(event) => (scrollTop.value = event.currentTarget.scrollTop)}
    >
      <div style={{ height: `${count * rowHeightPx}px`, position: 'relative' }}>
        <div style={{ transform: `translateY(${first * rowHeightPx}px)` }}>{rows}</div>
      </div>
    </div>
  )
}
