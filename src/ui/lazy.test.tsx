import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { lazyComponent } from './lazy.tsx'

afterEach(cleanup)

describe('lazyComponent', () => {
  it('draws nothing until its code is loaded, then the component with its props; loads the code once', async () => {
    let loads = 0
    let finish: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (finish = resolve))
    const Greeting = lazyComponent(async () => {
      loads += 1
      await gate
      return ({ name }: { name: string }) => <p>Hello {name}</p>
    })
    render(
      <>
        <Greeting name="Ada" />
        <Greeting name="Grace" />
      </>,
    )
    expect(screen.queryByText(/Hello/)).toBeNull()
    finish()
    await screen.findByText('Hello Ada')
    await screen.findByText('Hello Grace')
    render(<Greeting name="Alan" />)
    expect(screen.getByText('Hello Alan')).toBeTruthy()
    expect(loads).toBe(1)
  })
})
