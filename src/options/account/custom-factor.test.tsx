import { signal } from '@preact/signals'
import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { MfaFactors } from '../../shared/protocol.ts'
import { setMessageSource } from '../../ui/i18n.ts'
import { englishMessages } from '../../ui/testing/english.ts'
import { CustomFactor } from './custom-factor.tsx'

afterEach(cleanup)
setMessageSource(englishMessages)

const factors = (custom?: boolean): MfaFactors => ({ totp: false, email: true, phone: false, recoveryCode: false, ...(custom === undefined ? {} : { custom }) })

describe('CustomFactor', () => {
  it('says whether the 2.x custom factor is available, and shows nothing where the server does not report it', () => {
    const shown = signal<MfaFactors | null>(factors(true))
    const { rerender } = render(<CustomFactor factors={shown} />)
    expect(screen.getByRole('heading', { name: 'Custom factor' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toMatch(/^Available: the project's own server sends the code/)
    shown.value = factors(false)
    rerender(<CustomFactor factors={shown} />)
    expect(screen.getByRole('status').textContent).toBe('Not enabled for this project.')
    shown.value = factors()
    rerender(<CustomFactor factors={shown} />)
    expect(screen.queryByRole('heading', { name: 'Custom factor' })).toBeNull()
  })
})
