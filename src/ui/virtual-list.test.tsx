import { cleanup, fireEvent, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { VirtualList } from './virtual-list.tsx'

afterEach(cleanup)

describe('VirtualList', () => {
  it('puts only the rows in view (plus overscan) in the DOM, and follows scrolling', () => {
    render(<VirtualList label="rows" count={5000} rowHeightPx={20} viewportHeightPx={200} overscan={2} renderRow={(i) => <div key={i}>row {i}</div>} />)
    expect(screen.getAllByText(/^row /)).toHaveLength(12)
    expect(screen.queryByText('row 100')).toBeNull()
    const viewport = screen.getByRole('rowgroup', { name: 'rows' })
    viewport.scrollTop = 2000
    fireEvent.scroll(viewport)
    expect(screen.getByText('row 100')).toBeTruthy()
    expect(screen.queryByText('row 0')).toBeNull()
    expect(screen.getAllByText(/^row /).length).toBeLessThanOrEqual(14)
  })
})
