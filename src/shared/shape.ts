// Shape checks for stored records: small predicates instead of a schema library, because pages load
// the storage registry before their first paint and every kilobyte there counts (bench: bundlePopup).
// Objects are loose: fields a newer build added pass an older reader untouched.

/** True when a value has the shape. */
export type Shape = (value: unknown) => boolean

export const string: Shape = (value) => typeof value === 'string'
export const number: Shape = (value) => typeof value === 'number' && Number.isFinite(value)
export const boolean: Shape = (value) => typeof value === 'boolean'
export const unknown: Shape = () => true

export const literal =
  (expected: string | number | boolean): Shape =>
  (value) =>
    value === expected

export const oneOf =
  (choices: readonly string[]): Shape =>
  (value) =>
    typeof value === 'string' && choices.includes(value)

export const nullable =
  (shape: Shape): Shape =>
  (value) =>
    value === null || shape(value)

export const optional =
  (shape: Shape): Shape =>
  (value) =>
    value === undefined || shape(value)

export const arrayOf =
  (shape: Shape): Shape =>
  (value) =>
    Array.isArray(value) && value.every(shape)

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export const recordOf =
  (shape: Shape): Shape =>
  (value) =>
    isPlainObject(value) && Object.values(value).every(shape)

export const object =
  (fields: Record<string, Shape>): Shape =>
  (value) =>
    isPlainObject(value) && Object.entries(fields).every(([name, shape]) => shape(value[name]))

/** One of several object shapes, told apart by the value of `key`. */
export const variant =
  (key: string, shapes: Record<string, Shape>): Shape =>
  (value) => {
    if (!isPlainObject(value)) return false
    const tag = value[key]
    return typeof tag === 'string' && Object.hasOwn(shapes, tag) && (shapes[tag] as Shape)(value)
  }
