// Internationalised endpoint host names. `URL` keeps a host in punycode (`xn--…`), which hides what
// it says; the Unicode form alone can hide a look-alike (`аppwrite.io` with a Cyrillic `а`). So a
// non-ASCII host is shown in both forms, and a label that mixes scripts is flagged.

const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 128

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1
  d += Math.floor(d / points)
  let k = 0
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN))
    k += BASE
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW))
}

function digitOf(char: string): number {
  const code = char.charCodeAt(0)
  if (code >= 48 && code <= 57) return code - 22
  if (code >= 65 && code <= 90) return code - 65
  if (code >= 97 && code <= 122) return code - 97
  throw new Error('not a punycode digit')
}

/** RFC 3492 decoding of one label's part after `xn--`. Throws on malformed input. */
export function decodePunycode(input: string): string {
  const output: number[] = []
  const basicEnd = input.lastIndexOf('-')
  for (let i = 0; i < Math.max(basicEnd, 0); i++) output.push(input.charCodeAt(i))
  let n = INITIAL_N
  let bias = INITIAL_BIAS
  let i = 0
  for (let pos = basicEnd > 0 ? basicEnd + 1 : 0; pos < input.length; ) {
    const oldI = i
    let w = 1
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) throw new Error('truncated punycode')
      const digit = digitOf(input.charAt(pos++))
      i += digit * w
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias
      if (digit < t) break
      w *= BASE - t
      if (i > 0x10ffff * 64) throw new Error('punycode overflow')
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0)
    n += Math.floor(i / (output.length + 1))
    i %= output.length + 1
    if (n > 0x10ffff) throw new Error('punycode overflow')
    output.splice(i, 0, n)
    i++
  }
  return String.fromCodePoint(...output)
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Devanagari', 'Thai', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Cherokee']
const SCRIPT_TESTS = SCRIPTS.map((name) => ({ name, test: new RegExp(`\\p{Script=${name}}`, 'u') }))

/** The scripts of a label's letters (digits, `-` and marks belong to none). */
function scriptsOf(label: string): Set<string> {
  const found = new Set<string>()
  for (const char of label) {
    const script = SCRIPT_TESTS.find((s) => s.test.test(char))
    if (script) found.add(script.name === 'Hiragana' || script.name === 'Katakana' ? 'Han' : script.name)
  }
  return found
}

export interface IdnHost {
  /** As people read it. */
  unicode: string
  /** As the browser and the server see it. */
  ascii: string
  /** A label mixes scripts, as look-alike hosts do. */
  mixedScripts: boolean
}

/** `null` for an all-ASCII host (nothing to show twice) or one that does not decode. */
export function idnHost(host: string): IdnHost | null {
  const ascii = host.toLowerCase()
  const labels = ascii.split('.')
  if (!labels.some((label) => label.startsWith('xn--'))) return null
  try {
    const unicodeLabels = labels.map((label) => (label.startsWith('xn--') ? decodePunycode(label.slice(4)) : label))
    return { unicode: unicodeLabels.join('.'), ascii, mixedScripts: unicodeLabels.some((label) => scriptsOf(label).size > 1) }
  } catch {
    return null
  }
}
