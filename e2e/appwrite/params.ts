// Parameter validation as utopia-php/http does it (docs/appwrite/wire.md section 3.3): a missing required
// parameter gives `Param "x" is not optional.`, a bad value ``Invalid `x` param: <description>``,
// both 400 `general_argument_invalid`; unknown parameters are ignored.
import { AppwriteError } from './errors.ts'

export type Check<T> = { ok: true; value: T } | { ok: false; description: string }

export interface ValidationEnv {
  /** 2.x mode: parameters marked `since2x` are read; in 1.9.6 they are unknown, so ignored. */
  is2x: boolean
  /** Null when the URL may be used as a redirect target, else the Redirect validator's description. */
  redirectProblem(url: string): string | null
}

export interface Validator<T> {
  check(value: unknown, env: ValidationEnv): Check<T>
}

export interface ParamSpec<T> {
  validator: Validator<T>
  optional: boolean
  fallback: T
  since2x?: boolean
}

export type ParamSpecs = Record<string, ParamSpec<unknown>>
export type ParamValues<P extends ParamSpecs> = { [K in keyof P]: P[K] extends ParamSpec<infer T> ? T : never }

export function required<T>(validator: Validator<T>): ParamSpec<T> {
  return { validator, optional: false, fallback: undefined as T }
}

export function optional<T>(validator: Validator<T>, fallback: T): ParamSpec<T> {
  return { validator, optional: true, fallback }
}

/** A parameter the 2.x line added: 1.9.6 ignores it like any unknown parameter. */
export function since2x<T>(spec: ParamSpec<T>): ParamSpec<T> {
  return { ...spec, since2x: true }
}

export function readParams<P extends ParamSpecs>(specs: P, raw: Record<string, unknown>, env: ValidationEnv): ParamValues<P> {
  const values: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.since2x && !env.is2x) {
      values[key] = spec.fallback
      continue
    }
    const present = Object.hasOwn(raw, key)
    const value = raw[key]
    if (!present) {
      if (!spec.optional) throw new AppwriteError('general_argument_invalid', `Param "${key}" is not optional.`)
      values[key] = spec.fallback
      continue
    }
    if (spec.optional && value === null) {
      values[key] = spec.fallback
      continue
    }
    const result = spec.validator.check(value, env)
    if (!result.ok) throw new AppwriteError('general_argument_invalid', `Invalid \`${key}\` param: ${result.description}`)
    values[key] = result.value
  }
  return values as ParamValues<P>
}

function valid<T>(value: T): Check<T> {
  return { ok: true, value }
}

function invalid(description: string): Check<never> {
  return { ok: false, description }
}

function charCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** utopia `Text(length, min)`. Lengths are counted in characters, as `mb_strlen` does. */
export function text(length: number, min = 1): Validator<string> {
  let description = 'Value must be a valid string'
  if (min) description += ` and at least ${min} chars`
  if (length) description += ` and no longer than ${length} chars`
  return {
    check: (value) => {
      if (typeof value !== 'string') return invalid(description)
      const count = charCount(value)
      return count < min || (length > 0 && count > length) ? invalid(description) : valid(value)
    },
  }
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

export const email: Validator<string> = {
  check: (value) =>
    typeof value === 'string' && value.length <= 254 && EMAIL.test(value) && !value.includes('..') && !value.startsWith('.')
      ? valid(value)
      : invalid('Value must be a valid email address'),
}

/** Appwrite's Password validator counts bytes (`strlen`). */
export const password: Validator<string> = {
  check: (value) => {
    if (typeof value !== 'string') return invalid('Password must be between 8 and 256 characters long.')
    const bytes = Buffer.byteLength(value)
    return bytes < 8 || bytes > 256 ? invalid('Password must be between 8 and 256 characters long.') : valid(value)
  },
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/
const UID_DESCRIPTION = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char"

/** `UID`: at most 36 of `[a-zA-Z0-9._-]`, not starting with a special character. */
export const uid: Validator<string> = {
  check: (value) => (typeof value === 'string' && KEY.test(value) ? valid(value) : invalid(UID_DESCRIPTION)),
}

/** `CustomId`: a UID, or `unique()` for a server-generated one. */
export const customId: Validator<string> = {
  check: (value) => (value === 'unique()' ? valid(value) : uid.check(value, { is2x: false, redirectProblem: () => null })),
}

export const phone: Validator<string> = {
  check: (value) =>
    typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value)
      ? valid(value)
      : invalid("Phone number must start with a '+' can have a maximum of fifteen digits."),
}

/** Byte length of PHP's `json_encode`: `/` becomes `\/`, each non-ASCII UTF-16 unit `\uXXXX`. */
export function phpJsonLength(value: unknown): number {
  const json = JSON.stringify(value)
  let bytes = 0
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i)
    bytes += unit > 0x7f ? 6 : unit === 0x2f ? 2 : 1
  }
  return bytes
}

export const MAX_ASSOC_BYTES = 65_535

/** `Assoc`: a JSON object (an empty array counts), at most 65,535 bytes once encoded. */
export const assoc: Validator<Record<string, unknown>> = {
  check: (value) => {
    const description = 'Value must be a valid object.'
    if (typeof value !== 'object' || value === null) return invalid(description)
    if (Array.isArray(value)) return value.length === 0 ? valid({}) : invalid(description)
    // PHP decodes an object whose keys are exactly "0".."n-1" to a list, which Assoc rejects.
    const keys = Object.keys(value)
    if (keys.length > 0 && keys.every((key, index) => key === String(index))) return invalid(description)
    return phpJsonLength(value) > MAX_ASSOC_BYTES ? invalid(description) : valid(value as Record<string, unknown>)
  },
}

/** utopia `Boolean(loose: true)`. */
export const boolean: Validator<boolean> = {
  check: (value) => {
    if (value === true || value === 'true' || value === 1 || value === '1') return valid(true)
    if (value === false || value === 'false' || value === 0 || value === '0') return valid(false)
    return invalid('Value must be a valid boolean')
  },
}

/**
 * `total` of list routes: validated as a loose boolean, then read the PHP way, so the string
 * "false" counts as true and only `false`, 0 and "0" turn the count off (docs/appwrite/wire.md section 3.2).
 */
export const totalFlag: Validator<boolean> = {
  check: (value, env) => {
    const result = boolean.check(value, env)
    if (!result.ok) return result
    return valid(typeof value === 'string' ? value !== '0' : result.value)
  },
}

/** utopia `Range(min, max)` of integers; numeric strings are accepted as PHP does. */
export function integerRange(min: number, max: number): Validator<number> {
  const description = `Value must be a valid range between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`
  return {
    check: (value) => {
      const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
      return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? valid(number) : invalid(description)
    },
  }
}

export function whiteList<T extends string>(list: readonly T[]): Validator<T> {
  const description = `Value must be one of (${list.join(', ')})`
  return { check: (value) => (typeof value === 'string' && (list as readonly string[]).includes(value) ? valid(value as T) : invalid(description)) }
}

export function arrayOf<T>(item: Validator<T>, maxItems: number, itemDescription: string): Validator<T[]> {
  const description = `Value must a valid array no longer than ${maxItems} items and ${itemDescription}`
  return {
    check: (value, env) => {
      if (!Array.isArray(value) || value.length > maxItems) return invalid(description)
      const items: T[] = []
      for (const entry of value) {
        const result = item.check(entry, env)
        if (!result.ok) return invalid(description)
        items.push(result.value)
      }
      return valid(items)
    },
  }
}

/** `Redirect`: a URL whose host is a platform hostname, or whose scheme is an allowed custom scheme. */
export const redirectUrl: Validator<string> = {
  check: (value, env) => {
    if (typeof value !== 'string') return invalid(env.redirectProblem('') ?? 'Invalid URI.')
    const problem = env.redirectProblem(value)
    return problem === null ? valid(value) : invalid(problem)
  },
}
