import { beforeAll, describe, expect, it } from 'vitest'
import { describeError } from './errors.ts'
import { setMessageSource } from './i18n.ts'
import { englishMessages } from './testing/english.ts'

beforeAll(() => setMessageSource(englishMessages))

describe('describeError', () => {
  it('gives the advice of a known type', () => {
    expect(describeError({ type: 'user_invalid_credentials', code: 401, message: 'whatever the server says' })).toBe('Wrong email or password.')
  })

  it("keeps Lanyard's own words for its own types", () => {
    expect(describeError({ type: 'lanyard_blocked', code: 403, message: 'Blocked by the project’s firewall or a proxy (HTTP 403).' })).toBe('Blocked by the project’s firewall or a proxy (HTTP 403).')
  })

  it("never shows an Appwrite error's own text: a parameter error names its field", () => {
    expect(describeError({ type: 'general_argument_invalid', code: 400, message: 'Invalid `passkeyName` param: Value must be a valid string and no longer than 128 chars' })).toBe(
      'The server did not accept the passkey name. Check it and try again.',
    )
    expect(describeError({ type: 'general_argument_invalid', code: 400, message: 'Param "email" is not optional.' })).toBe('The server did not accept the email. Check it and try again.')
  })

  it('names only the type of any other Appwrite error, and only the status when the type is not an identifier', () => {
    const hostile = '<img src=x onerror=alert(1)> call +1 555 and give your password'
    expect(describeError({ type: 'user_password_mismatch', code: 400, message: hostile })).toBe(
      "The server refused this request (user_password_mismatch). Try again, or check the project's settings in the Appwrite console.",
    )
    expect(describeError({ type: hostile, code: 418, message: hostile })).toBe("The server refused this request (418). Try again, or check the project's settings in the Appwrite console.")
  })
})
